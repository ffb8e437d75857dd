import { describe, expect, it } from 'vitest';
import { accountBatch, BatchTracker, newJobRec } from '../../src/metrics/batch-tracker.js';
import { censorBatch } from '../../src/metrics/censored-latencies.js';
import { PendingReasons } from '../../src/metrics/pending-reasons.js';
import { type SimTime } from '../../src/sim/time.js';
import { ObserverScript } from './observer-script.js';

/**
 * The observer folds alike tasks in bulk: a job none of whose tasks had an event keeps no per-task
 * state and is accounted and censored whole; its tasks' censored latencies are one weighted run.
 * Each test holds the folded figures to what task-by-task folding gives.
 */
describe('observer batch folding', () => {
  /** A trial mixing untouched jobs, a job with task events, notes per task and per workload, and an abandoned job. */
  const script = (uniform: boolean): ObserverScript =>
    new ObserverScript()
      .submit(1, 'a', 5, { workload: 'etl', uniform })
      .submit(2, 'b', 4, { workload: 'etl', uniform })
      .submit(3, 'c', 3, { workload: 'ml', uniform })
      .submit(4, 'd', 6, { workload: 'ml', uniform })
      .considered(5, 'a')
      .start('a.0', 'a#0', 'n1', 5, 6)
      .start('a.1', 'a#1', 'n2', 5, 6)
      .ended(16, 'a.0', 'finished')
      .emit({ kind: 'task-pending', time: 17e6 as SimTime, workload: 'etl', taskKey: 'a#3', reason: 'no room for a#3' })
      .emit({ kind: 'task-pending', time: 17e6 as SimTime, workload: 'ml', reason: 'ml waits' })
      .emit({ kind: 'task-pending', time: 17e6 as SimTime, workload: 'etl', taskKey: 'b#2', reason: 'no room for b#2' })
      .emit({ kind: 'job-abandoned', time: 18e6 as SimTime, job: 'd', reason: 'gave up' });

  it('gives the same metrics for a job given as a count and as a list', () => {
    expect(script(true).finish()).toEqual(script(false).finish());
  });

  it('accounts an untouched job whole, with its workload reason, and its notes task by task', () => {
    const a = script(true).finish().accounting;
    expect(a).toMatchObject({ tasksSubmitted: 18, tasksFinished: 1, tasksRunning: 1, tasksAbandoned: 6, tasksPending: 10 });
    expect(a.pendingReasons).toEqual({ 'no room for a#3': 1, 'waiting for a placement': 5, 'no room for b#2': 1, 'ml waits': 3 });
  });

  it('censors the unplaced tasks of each job as one weighted run at their wait', () => {
    const m = script(true).finish();
    const sched = m.latency.find((r) => r.metric === 'scheduling' && r.group === 'etl');
    // a: 2 placed at 4 s, 3 censored at 99 s; b: 4 censored at 98 s.
    expect(sched?.quantiles).toMatchObject({ count: 9, censored: 7, min: 4, max: 99, censoredMin: 98 });
  });

  it('keeps no per-task arrays for a job until one of its tasks has an event', () => {
    const batch = new BatchTracker();
    const job = newJobRec('w', 1_000_000, 0 as SimTime);
    batch.add('big', job);
    expect(job.flags).toBeUndefined();
    const recorded: [string, number, number][] = [];
    censorBatch(batch.jobs.values(), 10e6 as SimTime, { recordCensored: (metric, _g, micros, count) => recorded.push([metric, micros, count]) });
    expect(recorded).toContainEqual(['scheduling', 10e6, 1_000_000]);
    expect(recorded).toContainEqual(['startup', 10e6, 1_000_000]);
    expect(accountBatch(batch, new PendingReasons(batch))).toMatchObject({ tasksPending: 1_000_000, pendingReasons: { 'waiting for a placement': 1_000_000 } });
    expect(job.flags).toBeUndefined();
    batch.placed('big#7', 'w', 5e6 as SimTime, { record: () => undefined, lost: () => undefined, jobCompleted: () => undefined });
    expect(job.flags?.length).toBe(1_000_000);
    expect(job.placed).toBe(1);
  });
});
