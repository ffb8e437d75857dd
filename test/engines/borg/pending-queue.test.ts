import { describe, expect, it } from 'vitest';
import { PendingQueue } from '../../../src/engines/borg/pending-queue.js';
import { job, res, task } from './borg-fixtures.js';

const owners = (q: PendingQueue, pass: number): string[] => {
  const out: string[] = [];
  for (let t = q.nextTurn(pass); t !== undefined; t = q.nextTurn(pass)) out.push(t.owner.kind === 'job' ? t.owner.spec.name : t.owner.template.name);
  return out;
};

describe('PendingQueue', () => {
  it('serves priorities high to low, and round-robin across users within one priority', () => {
    const q = new PendingQueue();
    const jobs = [job('a1', 'alice'), job('a2', 'alice'), job('a3', 'alice'), job('b1', 'bob'), job('p', 'carol', 10)];
    for (const j of jobs) q.add(task(j, res(1, 1)));
    expect(q.size).toBe(5);
    // carol's priority 10 first; then alice and bob alternate, alice's big queue does not block bob.
    expect(owners(q, 0)).toEqual(['p', 'a1', 'b1', 'a2', 'a3']);
    expect(q.size).toBe(0);
  });

  it('gives one turn all of an owner’s waiting tasks, and skips an owner the pass already tried', () => {
    const q = new PendingQueue();
    const j = job('j');
    const tasks = [task(j, res(1, 1)), task(j, res(1, 1))];
    for (const t of tasks) q.add(t);
    const turn = q.nextTurn(0);
    expect(turn?.tasks).toEqual(tasks);
    q.putBack(tasks, 0);
    expect(q.nextTurn(0)).toBeUndefined();
    // A new pass tries it again; so does the same pass once a new task of it arrives.
    expect(q.nextTurn(1)?.tasks).toHaveLength(2);
    q.putBack(tasks, 1);
    q.add(task(j, res(1, 1)));
    expect(q.nextTurn(1)?.tasks).toHaveLength(3);
  });

  it('removes a task that is no longer wanted', () => {
    const q = new PendingQueue();
    const t = task(job('j'), res(1, 1));
    q.add(t);
    expect(q.remove(t)).toBe(true);
    expect(q.remove(t)).toBe(false);
    expect(q.size).toBe(0);
    expect(q.nextTurn(0)).toBeUndefined();
  });
});
