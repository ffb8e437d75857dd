import { describe, expect, it } from 'vitest';
import { resources } from '../../../src/cluster/resources.js';
import { type Job } from '../../../src/engines/oracle/oracle-engine.js';
import { arrivalBlocks, type PendingBlock, PendingQueue, type Room } from '../../../src/engines/oracle/pending-queue.js';
import { type BatchTask } from '../../../src/intents/index.js';

const small = resources({ cpu: 100, memory: 10 });
const big = resources({ cpu: 1000, memory: 100 });

let jobs = 0;
const job = (priority: number, demands: readonly (typeof small)[]): Job => {
  const name = `j${jobs++}`;
  const tasks: BatchTask[] = demands.map((r, index) => ({ index, key: `${name}#${index}`, resources: r, runFor: 1, firstAttempt: 'finished' }) as BatchTask);
  return { spec: { name, priority, tasks }, submitted: 0, remaining: tasks.length, running: 0 } as unknown as Job;
};

/** Every slot's block, in queue order, as `job:from-to`. */
const order = (q: PendingQueue): string[] => {
  const out: string[] = [];
  const all: Room = { mayFit: () => true };
  for (let s = q.next(0, all); s >= 0; s = q.next(s + 1, all)) {
    const b = q.block(s);
    out.push(`${b.job.spec.name}:${b.from}-${b.to}`);
  }
  return out;
};

describe('arrivalBlocks', () => {
  it.each([
    { name: 'one demand: one block', demands: [small, small, small], want: ['0-3'] },
    { name: 'a change of demand starts a block', demands: [small, small, big, big, small], want: ['0-2', '2-4', '4-5'] },
    { name: 'equal values make one block', demands: [small, resources({ cpu: 100, memory: 10 })], want: ['0-2'] },
    { name: 'no tasks: no block', demands: [], want: [] },
  ])('$name', ({ demands, want }) => {
    expect(arrivalBlocks(job(0, demands)).map((b) => `${b.from}-${b.to}`)).toEqual(want);
  });
});

describe('PendingQueue', () => {
  it('keeps the order a full sort by (priority desc, arrival asc) gives', () => {
    const q = new PendingQueue();
    const all: { p: number; seq: number; name: string }[] = [];
    let seq = 0;
    for (const p of [0, 5, 0, 9, 5, -1, 9]) {
      const j = job(p, [small, big]);
      q.add(arrivalBlocks(j));
      all.push({ p, seq: seq++, name: j.spec.name });
    }
    const want = [...all].sort((a, b) => b.p - a.p || a.seq - b.seq).flatMap((x) => [`${x.name}:0-1`, `${x.name}:1-2`]);
    expect(order(q)).toEqual(want);
    expect(q.size).toBe(14);
  });

  it('counts the instances before a slot and skips tried blocks that ask more than the room', () => {
    const q = new PendingQueue();
    q.add(arrivalBlocks(job(0, [big, big, big])));
    q.add(arrivalBlocks(job(0, [small, small])));
    q.add(arrivalBlocks(job(0, [big])));
    expect(q.before(2)).toBe(5);
    for (let s = 0; s < 3; s++) {
      q.block(s).untried = false;
      q.refresh(s);
    }
    const room: Room = { mayFit: (cpu, memory, gpu) => cpu <= 500 && memory <= 50 && gpu <= 0 };
    expect(q.next(0, room)).toBe(1);
    expect(q.next(2, room)).toBe(-1);
    // Placing one instance of the small block leaves one waiting.
    (q.block(1) as PendingBlock).from = 1;
    q.refresh(1);
    expect(q.size).toBe(5);
    expect(q.before(2)).toBe(4);
    // An untried block is found whatever it asks.
    q.block(2).untried = true;
    q.refresh(2);
    expect(q.next(2, room)).toBe(2);
  });

  it('drops emptied blocks when compacting, keeping the order', () => {
    const q = new PendingQueue();
    const names: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const j = job(0, [small]);
      names.push(j.spec.name);
      q.add(arrivalBlocks(j));
    }
    for (let s = 0; s < 2500; s++) {
      q.block(s).from = 1;
      q.refresh(s);
    }
    q.compact();
    expect(order(q)).toEqual(names.slice(2500).map((n) => `${n}:0-1`));
    expect(q.before(1)).toBe(1);
  });
});
