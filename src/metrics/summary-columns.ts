/**
 * The summary columns of runs.csv, in column order (DESIGN.md §6): the one list the observer's summary
 * (observer-summary.ts buildSummary), the writer (report/result-tables.ts runsTable), the reader
 * (report/read-results.ts) and the report's figures are typed by, so that a missing or misspelt
 * column is a compile error rather than an empty column. The order is the byte order of runs.csv:
 * append, never reorder.
 */
export const SUMMARY_COLUMNS = [
  'tasks_submitted',
  'tasks_finished',
  'tasks_running_end',
  'tasks_pending_end',
  'tasks_abandoned',
  'tasks_lost',
  'replicas_desired_end',
  'replicas_running_end',
  'placements',
  'placed_fraction',
  'sched_p50_s',
  'sched_p90_s',
  'sched_p99_s',
  'sched_max_s',
  'sched_count',
  'sched_censored',
  'sched_censored_min_s',
  'startup_p50_s',
  'startup_p90_s',
  'startup_p99_s',
  'startup_max_s',
  'startup_censored',
  'startup_censored_min_s',
  'jobs_submitted',
  'jobs_completed',
  'jobs_abandoned',
  'job_wait_p50_s',
  'job_wait_p90_s',
  'job_wait_mean_s',
  'job_wait_censored',
  'job_wait_censored_min_s',
  'job_wait_all_p90_s',
  'job_wait_all_censored',
  'job_wait_all_censored_min_s',
  'job_completion_p50_s',
  'job_completion_p90_s',
  'job_completion_censored',
  'job_completion_censored_min_s',
  'convergence_count',
  'convergence_censored',
  'convergence_mean_s',
  'convergence_max_s',
  'peak_excess',
  'rollout_peak_surge',
  'rollout_min_available',
  'util_cpu',
  'util_memory',
  'util_gpu',
  'jain',
  'locked_cpu_avg',
  'locked_memory_avg',
  'busy_max',
  'messages',
  'messages_dropped',
  'messages_per_placement',
  'offers_made',
  'offers_declined',
  'offers_rescinded',
  'sync_informed_p50_s',
  'sync_informed_censored',
  'sync_informed_censored_min_s',
  'sync_hops_mean',
  'conflict_fraction',
  'busy_wasted_max',
] as const;

/** One summary column of runs.csv. */
export type SummaryColumn = (typeof SUMMARY_COLUMNS)[number];

/** Whether a name is a summary column (for names that may also be counters, claims or user input). */
export function isSummaryColumn(name: string): name is SummaryColumn {
  return (SUMMARY_COLUMNS as readonly string[]).includes(name);
}

/** A trial's summary: every column, each a number (NaN where the trial has no value; written as an empty cell). */
export type Summary = Readonly<Record<SummaryColumn, number>>;

/**
 * The latency distributions that have censoring columns: `<prefix>_censored` counts the values still
 * waiting at the end and `<prefix>_censored_min_s` is the smallest of them (quantiles.ts isLowerBound).
 */
export type CensoredPrefix = PrefixOf<SummaryColumn>;
type PrefixOf<C> = C extends `${infer P}_censored_min_s` ? P : never;

/** What each column means, one line each (the README's runs.csv table explains the censoring rule). */
export const SUMMARY_COLUMN_MEANINGS: Readonly<Record<SummaryColumn, string>> = {
  tasks_submitted: 'batch tasks submitted',
  tasks_finished: 'batch tasks that ran to completion',
  tasks_running_end: 'batch tasks running at the end',
  tasks_pending_end: 'batch tasks waiting at the end',
  tasks_abandoned: 'batch tasks their engine gave up on',
  tasks_lost: 'instances lost to faults',
  replicas_desired_end: 'service replicas desired at the end',
  replicas_running_end: 'service replicas running at the end',
  placements: 'placements committed',
  placed_fraction: '(sched_count − sched_censored) / sched_count: what was to be placed that was placed',
  sched_p50_s: 'scheduling latency (submission → placement committed), median, censored values included',
  sched_p90_s: 'scheduling latency, 90th percentile',
  sched_p99_s: 'scheduling latency, 99th percentile',
  sched_max_s: 'scheduling latency, maximum',
  sched_count: 'scheduling-latency values: one per batch task submitted and per replica demand',
  sched_censored: 'scheduling-latency values still waiting at the end',
  sched_censored_min_s: 'the smallest censored scheduling latency (empty when none)',
  startup_p50_s: 'startup latency (submission → running), median',
  startup_p90_s: 'startup latency, 90th percentile',
  startup_p99_s: 'startup latency, 99th percentile',
  startup_max_s: 'startup latency, maximum',
  startup_censored: 'startup-latency values still waiting at the end',
  startup_censored_min_s: 'the smallest censored startup latency (empty when none)',
  jobs_submitted: 'jobs submitted',
  jobs_completed: 'jobs whose every task finished',
  jobs_abandoned: 'jobs their engine gave up on',
  job_wait_p50_s: 'job wait (submission → first task running), median',
  job_wait_p90_s: 'job wait, 90th percentile',
  job_wait_mean_s: 'job wait, mean (a lower bound when job_wait_censored > 0)',
  job_wait_censored: 'job waits still running at the end',
  job_wait_censored_min_s: 'the smallest censored job wait (empty when none)',
  job_wait_all_p90_s: 'job wait until every task started, 90th percentile',
  job_wait_all_censored: 'waits for every task still running at the end',
  job_wait_all_censored_min_s: 'the smallest censored wait for every task (empty when none)',
  job_completion_p50_s: 'job completion (submission → last task finished), median',
  job_completion_p90_s: 'job completion, 90th percentile',
  job_completion_censored: 'jobs not completed at the end',
  job_completion_censored_min_s: 'the smallest censored job completion time (empty when none)',
  convergence_count: 'perturbation windows (faults, deploys, scales, rollouts)',
  convergence_censored: 'windows that never converged',
  convergence_mean_s: 'mean convergence time over the windows that converged',
  convergence_max_s: 'slowest convergence time over the windows that converged',
  peak_excess: 'peak duplicates: most instances beyond desired at once in any perturbation window',
  rollout_peak_surge: 'most instances launched beyond desired during a rollout (empty without one)',
  rollout_min_available: 'lowest fraction of desired replicas available during a rollout (empty without one)',
  util_cpu: 'time-weighted cpu allocation over allocatable cpu',
  util_memory: 'time-weighted memory allocation over allocatable memory',
  util_gpu: 'time-weighted gpu allocation over allocatable gpu (empty without gpus)',
  jain: "Jain's index over the active tenants' weighted dominant shares (empty with fewer than two)",
  locked_cpu_avg: 'time-averaged fraction of cpu locked (offered, not yet used)',
  locked_memory_avg: 'time-averaged fraction of memory locked',
  busy_max: 'busy fraction of the busiest scheduler',
  messages: 'control-plane messages delivered',
  messages_dropped: 'control-plane messages dropped',
  messages_per_placement: 'messages over placements',
  offers_made: 'resource offers made',
  offers_declined: 'resource offers declined',
  offers_rescinded: 'resource offers rescinded',
  sync_informed_p50_s: 'sync-request latency (request → caller informed), median',
  sync_informed_censored: 'sync requests not answered at the end',
  sync_informed_censored_min_s: 'the smallest censored sync-request latency (empty when none)',
  sync_hops_mean: 'mean hops a sync request took (empty without sync requests)',
  conflict_fraction:
    'optimistic transactions that conflicted over those committed, all schedulers (Omega: conflicts per successful transaction; empty without transactions)',
  busy_wasted_max: 'largest fraction of time a scheduler spent on attempts whose transaction conflicted (Omega wasted busyness; empty without transactions)',
};
