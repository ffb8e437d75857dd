import { describe, expect, it } from 'vitest';
import { type Job } from '../../../src/engines/oracle/oracle-engine.js';
import { insertPending, type PendingTask } from '../../../src/engines/oracle/pending-queue.js';

let seq = 0;
const pending = (priority: number, n: number): PendingTask[] => {
  const job = { spec: { priority } } as unknown as Job;
  return Array.from({ length: n }, () => ({ job, task: {} as never, exitAs: 'finished' as const, seq: seq++ }));
};

describe('insertPending', () => {
  it('keeps the order a full sort by (priority desc, seq asc) gives', () => {
    const queue: PendingTask[] = [];
    const all: PendingTask[] = [];
    for (const [priority, n] of [
      [0, 3],
      [5, 2],
      [0, 1],
      [9, 2],
      [5, 1],
      [-1, 2],
      [9, 0],
    ] as const) {
      const arrivals = pending(priority, n);
      insertPending(queue, arrivals);
      all.push(...arrivals);
    }
    const sorted = [...all].sort((a, b) => b.job.spec.priority - a.job.spec.priority || a.seq - b.seq);
    expect(queue.map((p) => p.seq)).toEqual(sorted.map((p) => p.seq));
  });
});
