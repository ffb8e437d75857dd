import { type BatchTask } from '../../workload/intents.js';
import { type Job } from './oracle-engine.js';

/** A batch task waiting for a node. */
export interface PendingTask {
  readonly job: Job;
  readonly task: BatchTask;
  readonly exitAs: 'finished' | 'failed';
  /** Arrival number: later arrivals of the same priority wait behind earlier ones. */
  readonly seq: number;
}

/**
 * Inserts `arrivals` (all of one job, so of one priority, with rising seq numbers above every queued
 * one) into `queue`, kept ordered by priority (highest first), then seq. Gives the same order as
 * pushing them and sorting the whole queue again, without the sort: they go after every queued task
 * of the same or a higher priority, which is the end of the queue when all priorities are equal.
 */
export function insertPending(queue: PendingTask[], arrivals: readonly PendingTask[]): void {
  const first = arrivals[0];
  if (first === undefined) return;
  const priority = first.job.spec.priority;
  let lo = 0;
  let hi = queue.length;
  // Fast path: the common case of one priority class appends.
  if (hi === 0 || (queue[hi - 1] as PendingTask).job.spec.priority >= priority) lo = hi;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((queue[mid] as PendingTask).job.spec.priority >= priority) lo = mid + 1;
    else hi = mid;
  }
  // Push one by one (a spread of a trace job's thousands of tasks could overflow the call stack).
  const tail = queue.splice(lo);
  for (const a of arrivals) queue.push(a);
  for (const t of tail) queue.push(t);
}
