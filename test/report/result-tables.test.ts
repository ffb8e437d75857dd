import { describe, expect, it } from 'vitest';
import { LIFECYCLE_COLUMNS } from '../../src/metrics/summary-columns.js';
import { cdfTable, latencyTable, runsTable, SUMMARY_COLUMNS } from '../../src/report/result-tables.js';
import { type TrialResult } from '../../src/runner/trial-types.js';
import { okOracleTrial } from '../support/trial-result.js';
import { ObserverScript } from '../metrics/observer-script.js';

const trial = okOracleTrial;

/** Job j (3 tasks, submitted at 10 s): one placed at 12 and running at 14, two never placed by the end at 100 s. */
const backlog = (): TrialResult => trial(new ObserverScript().submit(10, 'j', 3, { workload: 'etl' }).start('a', 'j#0', 'n1', 12, 14).finish(100));

/** One row of a table as an object keyed by column. */
function record(table: { columns: readonly string[]; rows: readonly (readonly unknown[])[] }, index = 0): Record<string, unknown> {
  return Object.fromEntries(table.columns.map((c, i) => [c, table.rows[index]?.[i]]));
}

describe('runs.csv: censored latencies (DESIGN.md §6)', () => {
  it('writes every summary key of the observer, in the observer order', () => {
    expect(Object.keys(backlog().metrics?.summary ?? {})).toEqual([...SUMMARY_COLUMNS]);
  });

  it('puts the counts next to the quantiles they qualify, keeping the older columns in their order', () => {
    const cols = runsTable([]).columns;
    const after = (a: string, b: string): boolean => cols.indexOf(b) === cols.indexOf(a) + 1;
    expect(after('placements', 'placed_fraction')).toBe(true);
    expect(after('sched_max_s', 'sched_count') && after('sched_count', 'sched_censored') && after('sched_censored', 'sched_censored_min_s')).toBe(true);
    expect(after('startup_max_s', 'startup_censored') && after('startup_censored', 'startup_censored_min_s')).toBe(true);
    expect(after('job_wait_mean_s', 'job_wait_censored') && after('job_wait_censored_min_s', 'job_wait_all_p90_s')).toBe(true);
    expect(after('sync_informed_p50_s', 'sync_informed_censored')).toBe(true);
    const added = new Set([
      'placed_fraction',
      'sched_count',
      ...['sched', 'startup', 'job_wait', 'job_wait_all', 'job_completion', 'sync_informed'].flatMap((p) => [`${p}_censored`, `${p}_censored_min_s`]),
    ]);
    // runs.csv's header before censored values were counted: without the new columns it is unchanged.
    const before =
      'scenario,sweep_parameter,sweep_value,engine,seed,status,error,stop_reason,simulated_s,events,tasks_submitted,tasks_finished,tasks_running_end,tasks_pending_end,tasks_abandoned,tasks_lost,replicas_desired_end,replicas_running_end,placements,sched_p50_s,sched_p90_s,sched_p99_s,sched_max_s,startup_p50_s,startup_p90_s,startup_p99_s,startup_max_s,jobs_submitted,jobs_completed,jobs_abandoned,job_wait_p50_s,job_wait_p90_s,job_wait_mean_s,job_wait_all_p90_s,job_completion_p50_s,job_completion_p90_s,convergence_count,convergence_censored,convergence_mean_s,convergence_max_s,peak_excess,rollout_peak_surge,rollout_min_available,util_cpu,util_memory,util_gpu,jain,locked_cpu_avg,locked_memory_avg,busy_max,messages,messages_dropped,messages_per_placement,offers_made,offers_declined,offers_rescinded,sync_informed_p50_s,sync_hops_mean';
    // Columns appended since (Omega's transactions, the job queue wait, the application lifecycle) come after every older one.
    const queueWait = ['p50_s', 'p90_s', 'mean_s', 'censored', 'censored_min_s'].map((s) => `job_queue_wait_${s}`);
    const appended = ['conflict_fraction', 'busy_wasted_max', ...queueWait, ...LIFECYCLE_COLUMNS];
    expect(cols.slice(-appended.length)).toEqual(appended);
    expect(cols.filter((c) => !added.has(c) && !appended.includes(c)).join(',')).toBe(before);
    expect(cols.filter((c) => added.has(c))).toHaveLength(added.size);
  });

  it('gives the censored-inclusive quantiles with the counts and the placed fraction', () => {
    expect(record(runsTable([backlog()]))).toMatchObject({
      tasks_submitted: 3,
      placed_fraction: 1 / 3,
      sched_p50_s: 90,
      sched_max_s: 90,
      sched_count: 3,
      sched_censored: 2,
      sched_censored_min_s: 90,
      startup_p50_s: 90,
      startup_censored: 2,
      job_wait_p50_s: 4,
      job_wait_censored: 0,
      job_wait_all_censored: 1,
      job_completion_censored: 1,
      job_completion_censored_min_s: 90,
    });
  });
});

describe('latency.csv and cdf.csv: censored values', () => {
  it('gives each distribution its censored count and smallest censored value', () => {
    const t = latencyTable([backlog()]);
    const rows = t.rows.map((_, i) => record(t, i));
    expect(rows.find((r) => r.metric === 'scheduling' && r.group === 'all')).toMatchObject({ count: 3, censored: 2, min_s: 2, p50_s: 90, censored_min_s: 90 });
    expect(rows.find((r) => r.metric === 'job-wait' && r.group === 'all')).toMatchObject({ count: 1, censored: 0, censored_min_s: NaN });
  });

  it('marks the CDF points at or beyond the first censored value with lower_bound 1', () => {
    const t = cdfTable([backlog()]);
    const points = t.rows.map((_, i) => record(t, i)).filter((r) => r.metric === 'scheduling' && r.group === 'all');
    expect(points).toHaveLength(51);
    // One of three tasks placed (2 s), two still waiting (90 s): the lowest third is exact.
    expect(points.filter((p) => p.lower_bound === 0).map((p) => p.value_s)).toEqual(Array.from({ length: 17 }, () => 2));
    expect(points.filter((p) => p.lower_bound === 1).every((p) => p.value_s === 90)).toBe(true);
  });
});
