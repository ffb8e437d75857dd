import { describe, expect, it } from 'vitest';
import { seconds } from '../../src/sim/time.js';
import { censored, ObserverScript, stats } from './observer-script.js';

const one = (v: number) => ({ count: 1, min: v, max: v, mean: v });

describe('Observer: batch task latency (DESIGN.md §6)', () => {
  /**
   * Job j (2 tasks) submitted at 10 s. Task 0: placed 11, running 13, fails at 20, placed again 25,
   * running 27, finishes 37. Task 1: placed 12, running 15, finishes 25.
   */
  function jobWithRetry(): ObserverScript {
    return new ObserverScript()
      .submit(10, 'j', 2, { workload: 'etl' })
      .start('j#0.1', 'j#0', 'n1', 11, 13)
      .start('j#1.1', 'j#1', 'n2', 12, 15)
      .ended(20, 'j#0.1', 'failed')
      .ended(25, 'j#1.1', 'finished')
      .start('j#0.2', 'j#0', 'n3', 25, 27)
      .ended(37, 'j#0.2', 'finished');
  }

  const rows = [
    { name: 'scheduling counts the first placement of each task only', metric: 'scheduling', group: 'all', expected: { count: 2, min: 1, max: 2, mean: 1.5 } },
    { name: 'scheduling is also grouped by workload', metric: 'scheduling', group: 'etl', expected: { count: 2, min: 1, max: 2, mean: 1.5 } },
    { name: 'startup counts the first run of each task only', metric: 'startup', group: 'all', expected: { count: 2, min: 3, max: 5, mean: 4 } },
    { name: 'job wait: first task running minus submission', metric: 'job-wait', group: 'etl', expected: one(3) },
    { name: 'job wait (all): last first start minus submission', metric: 'job-wait-all', group: 'etl', expected: one(5) },
    { name: 'job completion: last task finished minus submission', metric: 'job-completion', group: 'etl', expected: one(27) },
  ] as const;
  it.each(rows)('$name', ({ metric, group, expected }) => {
    expect(stats(jobWithRetry().finish(), metric, group)).toEqual(expected);
  });

  it('counts jobs submitted and completed in the summary', () => {
    const m = jobWithRetry().finish();
    expect(m.summary).toMatchObject({ jobs_submitted: 1, jobs_completed: 1, job_wait_p50_s: 3, job_completion_p50_s: 27, sched_max_s: 2, startup_max_s: 5 });
  });

  it('records no completion while a task is unfinished, and no wait before anything ran: the job is censored at the end instead', () => {
    const m = new ObserverScript().submit(0, 'j', 2).start('a', 'j#0', 'n1', 1, 2).ended(12, 'a', 'finished').placed(3, 'b', 'j#1', 'n2').finish();
    expect(stats(m, 'job-completion')).toEqual(one(100));
    expect(censored(m, 'job-completion')).toBe(1);
    expect(stats(m, 'job-wait-all')).toEqual(one(100));
    expect(censored(m, 'job-wait-all')).toBe(1);
    expect(stats(m, 'scheduling')).toEqual({ count: 2, min: 1, max: 3, mean: 2 });
    expect(censored(m, 'scheduling')).toBe(0);
    expect(m.summary.jobs_completed).toBe(0);
  });

  it('ignores a second finish of the same task (a duplicate instance)', () => {
    const m = new ObserverScript()
      .submit(0, 'j', 2)
      .start('a1', 'j#0', 'n1', 1, 2)
      .start('a2', 'j#0', 'n2', 1, 2)
      .ended(12, 'a1', 'finished')
      .ended(12, 'a2', 'finished')
      .finish();
    // Task 1 never ran: the job did not complete by the end (censored at 100 s), whatever task 0 did twice.
    expect(stats(m, 'job-completion')).toEqual(one(100));
    expect(censored(m, 'job-completion')).toBe(1);
    expect(m.accounting.tasksFinished).toBe(1);
  });

  it('counts a placement of a task nobody submitted, and records no latency for it', () => {
    const s = new ObserverScript();
    s.emit({ kind: 'task-placed', time: seconds(1), taskId: 'x', workload: 'ghost', tenant: 'default', taskKey: 'ghost#0', node: 'n1' });
    const m = s.finish();
    expect(m.counters['placements-unknown-task']).toBe(1);
    expect(m.latency).toEqual([]);
  });

  it('measures the synchronous client being told, and the hops it took', () => {
    const s = new ObserverScript().submit(5, 'j', 1, { workload: 'req' }).start('a', 'j#0', 'n1', 6, 7).ended(8, 'a', 'finished');
    s.emit({ kind: 'client-informed', time: seconds(9.5), job: 'j', hops: 3 });
    const m = s.finish();
    expect(stats(m, 'sync-informed', 'req')).toEqual(one(4.5));
    expect(m.summary.sync_hops_mean).toBe(3);
  });
});

describe('Observer: service replica latency by demand matching (DESIGN.md §6)', () => {
  it('matches the first placements to the declaration (cause submit)', () => {
    const m = new ObserverScript().declare(0, 'web', 2).start('w1', 'web', 'n1', 1, 2).start('w2', 'web', 'n2', 3, 5).finish();
    expect(stats(m, 'scheduling', 'cause:submit')).toEqual({ count: 2, min: 1, max: 3, mean: 2 });
    expect(stats(m, 'startup', 'cause:submit')).toEqual({ count: 2, min: 2, max: 5, mean: 3.5 });
    expect(stats(m, 'scheduling', 'web')).toEqual({ count: 2, min: 1, max: 3, mean: 2 });
  });

  it('measures a scale-up from the scale intent (cause scale)', () => {
    const m = new ObserverScript()
      .declare(0, 'web', 1)
      .start('w1', 'web', 'n1', 1, 2)
      .scale(10, 'web', 3)
      .start('w2', 'web', 'n2', 12, 13)
      .start('w3', 'web', 'n3', 14, 16)
      .finish();
    expect(stats(m, 'scheduling', 'cause:scale')).toEqual({ count: 2, min: 2, max: 4, mean: 3 });
    expect(stats(m, 'startup', 'cause:scale')).toEqual({ count: 2, min: 3, max: 6, mean: 4.5 });
  });

  it('a scale-down cancels the newest unmet demands: a later surplus placement is unsolicited', () => {
    const m = new ObserverScript()
      .declare(0, 'web', 1)
      .start('w1', 'web', 'n1', 1, 2)
      .scale(10, 'web', 3) // two demands at 10
      .scale(11, 'web', 2) // one of them cancelled
      .start('w2', 'web', 'n2', 14, 15)
      .start('w3', 'web', 'n3', 15, 16)
      .finish();
    expect(stats(m, 'scheduling', 'cause:scale')).toEqual(one(4));
    expect(m.counters['placements-unsolicited']).toBe(1);
    expect(m.counters.placements).toBe(3);
  });

  it('a rollout asks for every replica of the new version (cause rollout); old-version placements are unsolicited', () => {
    const m = new ObserverScript()
      .declare(0, 'web', 2)
      .start('a1', 'web', 'n1', 1, 2)
      .start('a2', 'web', 'n2', 1, 2)
      .rollout(20, 'web', 'v2')
      .start('b1', 'web', 'n3', 21, 23)
      .start('b2', 'web', 'n4', 22, 25)
      .placed(26, 'a3', 'web', 'n1', 'v1')
      .finish();
    expect(stats(m, 'scheduling', 'cause:rollout')).toEqual({ count: 2, min: 1, max: 2, mean: 1.5 });
    expect(stats(m, 'startup', 'cause:rollout')).toEqual({ count: 2, min: 3, max: 5, mean: 4 });
    expect(m.counters['placements-unsolicited']).toBe(1);
  });

  it('a rollout drops the unmet demands of the old version', () => {
    const m = new ObserverScript()
      .declare(0, 'web', 2)
      .start('a1', 'web', 'n1', 1, 2) // the second v1 replica is never placed
      .rollout(20, 'web', 'v2')
      .start('b1', 'web', 'n3', 21, 22)
      .start('b2', 'web', 'n4', 23, 24)
      .finish();
    expect(stats(m, 'scheduling', 'cause:submit')).toEqual(one(1));
    expect(stats(m, 'scheduling', 'cause:rollout')).toEqual({ count: 2, min: 1, max: 3, mean: 2 });
  });

  it('a replica lost to a crash is wanted again from the loss (cause replacement)', () => {
    const m = new ObserverScript()
      .declare(0, 'web', 2)
      .start('w1', 'web', 'n1', 1, 2)
      .start('w2', 'web', 'n2', 1, 2)
      .crash(30, 'n1')
      .start('w3', 'web', 'n3', 33, 35)
      .finish();
    expect(stats(m, 'scheduling', 'cause:replacement')).toEqual(one(3));
    expect(stats(m, 'startup', 'cause:replacement')).toEqual(one(5));
    expect(m.counters['placements-unsolicited']).toBeUndefined();
  });

  it('a lost old-version replica during a rollout creates no replacement demand', () => {
    const m = new ObserverScript()
      .declare(0, 'web', 1)
      .start('a1', 'web', 'n1', 1, 2)
      .rollout(20, 'web', 'v2')
      .crash(21, 'n1')
      .start('b1', 'web', 'n2', 22, 23)
      .finish();
    expect(stats(m, 'scheduling', 'cause:replacement')).toBeUndefined();
    expect(stats(m, 'scheduling', 'cause:rollout')).toEqual(one(2));
  });

  it('a lost surplus replica (more launched than desired) creates no replacement demand', () => {
    const m = new ObserverScript()
      .declare(0, 'web', 2)
      .start('w1', 'web', 'n1', 1, 2)
      .start('w2', 'web', 'n2', 1, 2)
      .scale(10, 'web', 1)
      .crash(11, 'n1')
      .finish();
    expect(stats(m, 'scheduling', 'cause:replacement')).toBeUndefined();
  });

  it('a replica lost while another is still pending asks for one more, keeping the older demand first', () => {
    const m = new ObserverScript()
      .declare(0, 'web', 2)
      .start('w1', 'web', 'n1', 1, 2) // the second replica waits
      .crash(10, 'n1')
      .start('w2', 'web', 'n2', 12, 13) // serves the declaration's demand (from 0)
      .start('w3', 'web', 'n3', 14, 15) // serves the replacement (from 10)
      .finish();
    expect(stats(m, 'scheduling', 'cause:submit')).toEqual({ count: 2, min: 1, max: 12, mean: 6.5 });
    expect(stats(m, 'scheduling', 'cause:replacement')).toEqual(one(4));
  });

  it('a replacement of a lost rollout replica during the surge is wanted again', () => {
    // v2 replica b1 runs next to the two v1 replicas (surge); it is lost before v1 is drained.
    const m = new ObserverScript()
      .declare(0, 'web', 2)
      .start('a1', 'web', 'n1', 1, 2)
      .start('a2', 'web', 'n2', 1, 2)
      .rollout(20, 'web', 'v2')
      .start('b1', 'web', 'n3', 21, 22)
      .crash(23, 'n3')
      .start('b2', 'web', 'n4', 24, 25)
      .start('b3', 'web', 'n4', 26, 27)
      .finish();
    expect(stats(m, 'scheduling', 'cause:rollout')).toEqual({ count: 2, min: 1, max: 4, mean: 2.5 });
    expect(stats(m, 'scheduling', 'cause:replacement')).toEqual(one(3));
    expect(m.counters['placements-unsolicited']).toBeUndefined();
  });

  it('a placement for an unknown service is unsolicited', () => {
    const m = new ObserverScript().declare(0, 'web', 1).start('x', 'api', 'n1', 1, 2).finish();
    expect(m.counters['placements-unsolicited']).toBe(1);
    // The one replica of web was never placed: a censored value, not a latency of api's placement.
    expect(stats(m, 'scheduling')).toEqual(one(100));
    expect(censored(m, 'scheduling')).toBe(1);
  });
});
