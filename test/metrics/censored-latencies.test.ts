import { describe, expect, it } from 'vitest';
import { seconds } from '../../src/sim/time.js';
import { type TrialMetrics } from '../../src/metrics/trial-metrics.js';
import { censored, ObserverScript, stats } from './observer-script.js';

/** The quantiles of one distribution (group `all` unless named). */
function quantiles(m: TrialMetrics, metric: TrialMetrics['latency'][number]['metric'], group = 'all') {
  return m.latency.find((r) => r.metric === metric && r.group === group)?.quantiles;
}

describe('censored latencies: what still waits at the end counts (DESIGN.md §6)', () => {
  /** Job j (3 tasks) submitted at 10 s: task 0 placed at 12 and running at 14; tasks 1 and 2 never placed. The trial ends at 100 s. */
  const backlog = (): TrialMetrics => new ObserverScript().submit(10, 'j', 3, { workload: 'etl' }).start('a', 'j#0', 'n1', 12, 14).finish(100);

  it('counts each task never placed as a scheduling latency of at least end − submission', () => {
    const m = backlog();
    expect(quantiles(m, 'scheduling')).toMatchObject({ count: 3, censored: 2, censoredMin: 90, min: 2, max: 90, p50: 90 });
    expect(quantiles(m, 'scheduling', 'etl')).toMatchObject({ count: 3, censored: 2 });
  });

  it('counts each task not yet running as a censored startup latency', () => {
    expect(quantiles(backlog(), 'startup')).toMatchObject({ count: 3, censored: 2, censoredMin: 90, min: 4 });
  });

  it('censors the job for job-wait-all and job-completion, but not for job-wait once a task ran', () => {
    const m = backlog();
    expect(stats(m, 'job-wait')).toEqual({ count: 1, min: 4, max: 4, mean: 4 });
    expect(censored(m, 'job-wait')).toBe(0);
    expect(quantiles(m, 'job-wait-all')).toMatchObject({ count: 1, censored: 1, censoredMin: 90 });
    expect(quantiles(m, 'job-completion')).toMatchObject({ count: 1, censored: 1, censoredMin: 90 });
  });

  it('censors the job wait of a job none of whose tasks ran, counted from its own submission', () => {
    const m = new ObserverScript().submit(10, 'j', 1).start('a', 'j#0', 'n1', 11, 12).submit(40, 'k', 2).placed(41, 'b', 'k#0', 'n2').finish(100);
    expect(quantiles(m, 'job-wait')).toMatchObject({ count: 2, censored: 1, censoredMin: 60, p50: 2, max: 60 });
    expect(quantiles(m, 'scheduling')).toMatchObject({ count: 3, censored: 1, censoredMin: 60 });
  });

  it('censors a synchronous request whose client was not told by the end, and only that one', () => {
    const s = new ObserverScript().submit(5, 'told', 1, { workload: 'req', sync: true }).start('a', 'told#0', 'n1', 6, 7).ended(8, 'a', 'finished');
    s.emit({ kind: 'client-informed', time: seconds(9), job: 'told', hops: 2 });
    const m = s.submit(20, 'waiting', 1, { workload: 'req', sync: true }).submit(30, 'async', 1, { workload: 'req' }).finish(100);
    expect(quantiles(m, 'sync-informed')).toMatchObject({ count: 2, censored: 1, censoredMin: 80, min: 4 });
    expect(m.summary).toMatchObject({ sync_informed_censored: 1, sync_informed_censored_min_s: 80 });
  });

  it('counts a desired replica never placed from when the demand arose, under its cause', () => {
    const m = new ObserverScript().declare(0, 'web', 2).start('w1', 'web', 'n1', 1, 2).scale(50, 'web', 4).start('w2', 'web', 'n2', 51, 53).finish(100);
    // The oldest demand is met first: w2 (51 s) serves the second submit demand (from 0 s); both scale demands (from 50 s) stay unmet.
    expect(quantiles(m, 'scheduling', 'cause:submit')).toMatchObject({ count: 2, censored: 0, max: 51 });
    expect(quantiles(m, 'scheduling', 'cause:scale')).toMatchObject({ count: 2, censored: 2, censoredMin: 50 });
    expect(quantiles(m, 'scheduling', 'web')).toMatchObject({ count: 4, censored: 2, censoredMin: 50 });
    expect(quantiles(m, 'startup', 'web')).toMatchObject({ count: 4, censored: 2 });
  });

  it('counts a replica placed but not yet running as a censored startup, not a censored scheduling latency', () => {
    const m = new ObserverScript().declare(0, 'web', 1).placed(3, 'w1', 'web', 'n1').finish(100);
    expect(quantiles(m, 'scheduling')).toMatchObject({ count: 1, censored: 0, max: 3 });
    expect(quantiles(m, 'startup', 'cause:submit')).toMatchObject({ count: 1, censored: 1, censoredMin: 100 });
  });

  it('adds nothing when everything was placed, ran and completed', () => {
    const m = new ObserverScript()
      .submit(0, 'j', 1)
      .considered(0.5, 'j')
      .start('a', 'j#0', 'n1', 1, 2)
      .ended(12, 'a', 'finished')
      .declare(0, 'web', 1)
      .start('w', 'web', 'n2', 1, 2)
      .finish(100);
    for (const row of m.latency) expect(row.quantiles.censored, `${row.metric}/${row.group}`).toBe(0);
    expect(m.summary.placed_fraction).toBe(1);
    expect(m.cdf.every((p) => !p.lowerBound)).toBe(true);
  });

  it('fills the summary columns: placed fraction, counts and smallest censored values', () => {
    const m = new ObserverScript().submit(10, 'j', 3, { workload: 'etl' }).start('a', 'j#0', 'n1', 12, 14).declare(0, 'web', 1).finish(100);
    expect(m.summary).toMatchObject({
      placed_fraction: 1 / 4,
      sched_count: 4,
      sched_censored: 3,
      sched_censored_min_s: 90,
      sched_p50_s: 90,
      startup_censored: 3,
      startup_censored_min_s: 90,
      job_wait_censored: 0,
      job_wait_all_censored: 1,
      job_wait_all_censored_min_s: 90,
      job_completion_censored: 1,
    });
    expect(m.summary.job_wait_censored_min_s).toBeNaN();
    // The CDF marks its points from the first censored value on.
    const cdf = m.cdf.filter((p) => p.metric === 'scheduling' && p.group === 'all');
    expect(cdf.find((p) => p.q === 0)).toMatchObject({ value: 2, lowerBound: false });
    expect(cdf.find((p) => p.q === 0.5)).toMatchObject({ value: 90, lowerBound: true });
  });

  it('censors the queue wait of a job its engine never considered, from its submission, and only that job', () => {
    const m = new ObserverScript().submit(10, 'seen', 1).considered(12, 'seen').submit(30, 'unseen', 2).finish(100);
    expect(quantiles(m, 'job-queue-wait')).toMatchObject({ count: 2, censored: 1, censoredMin: 70, min: 2 });
    expect(m.summary).toMatchObject({ job_queue_wait_censored: 1, job_queue_wait_censored_min_s: 70 });
  });

  it('counts a job given up by its engine like any other unplaced work', () => {
    const s = new ObserverScript().submit(10, 'j', 2);
    s.emit({ kind: 'job-abandoned', time: seconds(20), job: 'j', reason: 'too many attempts' });
    const m = s.finish(100);
    expect(quantiles(m, 'scheduling')).toMatchObject({ count: 2, censored: 2, censoredMin: 90 });
    expect(m.summary.placed_fraction).toBe(0);
  });
});
