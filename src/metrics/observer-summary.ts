import { type Resources } from '../cluster/resources.js';
import { type SimTime } from '../sim/time.js';
import { jainIndex, type Sample } from './quantiles.js';
import { type ResourceGauge } from './resource-gauges.js';
import { type LIFECYCLE_COLUMNS, type Summary } from './summary-columns.js';
import { type Accounting, type CdfPoint, type ConvergenceRow, type LatencyMetric, type LatencyRow } from './trial-metrics.js';

/** What the summary row of a trial is computed from (all final: the observer has closed every window). */
export interface SummaryInput {
  readonly end: SimTime;
  /** The trial's length in µs, at least 1 (divides busy times). */
  readonly horizon: number;
  /** Latency rows sorted by metric and group. */
  readonly latency: readonly LatencyRow[];
  readonly convergence: readonly ConvergenceRow[];
  /** Named totals, including the `share-avg:<tenant>` averages. */
  readonly counters: Readonly<Record<string, number>>;
  readonly accounting: Accounting;
  readonly tenants: readonly { readonly name: string; readonly weight: number }[];
  /** Each tenant's average dominant share over its weight, in tenant order. */
  readonly shares: readonly number[];
  readonly util: ResourceGauge;
  readonly locked: ResourceGauge;
  readonly total: Resources;
  /** Busy time per scheduler (µs). */
  readonly busy: ReadonlyMap<string, number>;
  readonly hops: Sample;
  /** Optimistic transactions: failed / committed over every scheduler, and the largest wasted busy fraction (NaN without any). */
  readonly conflictFraction: number;
  readonly wastedBusyMax: number;
  readonly counter: (name: string) => number;
  /** The trial measured the application lifecycle (else its columns are empty). */
  readonly lifecycle: boolean;
  /** Service replicas ready at the end (the lifecycle's truth; NaN without one). */
  readonly replicasReady: number;
}

/**
 * Fraction of what was to be placed that was placed: batch tasks placed at least once and service
 * replica demands met, over batch tasks submitted and replica demands that arose (the scheduling
 * sample holds exactly one value for each, censored when not placed). NaN when nothing was to be placed.
 */
export function placedFraction(count: number, censored: number): number {
  return count > 0 ? (count - censored) / count : NaN;
}

/** A latency statistic of the whole trial (group `all`), NaN when the metric has no row. */
type LatencyStat = (metric: LatencyMetric, stat: 'p50' | 'p90' | 'p99' | 'max' | 'mean' | 'count' | 'censored' | 'censoredMin') => number;

/** The control-plane columns of runs.csv (traffic, offers, sync requests, transactions, job queue wait), in column order. */
function trafficAndQueueColumns(input: SummaryInput, q: LatencyStat, placements: number) {
  return {
    messages: input.counter('messages'),
    messages_dropped: input.counter('messages-dropped'),
    messages_per_placement: placements > 0 ? input.counter('messages') / placements : NaN,
    offers_made: input.counter('offers-made'),
    offers_declined: input.counter('offers-declined'),
    offers_rescinded: input.counter('offers-rescinded'),
    sync_informed_p50_s: q('sync-informed', 'p50'),
    sync_informed_censored: q('sync-informed', 'censored'),
    sync_informed_censored_min_s: q('sync-informed', 'censoredMin'),
    sync_hops_mean: input.hops.count > 0 ? input.hops.summary().mean : NaN,
    conflict_fraction: input.conflictFraction,
    busy_wasted_max: input.wastedBusyMax,
    job_queue_wait_p50_s: q('job-queue-wait', 'p50'),
    job_queue_wait_p90_s: q('job-queue-wait', 'p90'),
    job_queue_wait_mean_s: q('job-queue-wait', 'mean'),
    job_queue_wait_censored: q('job-queue-wait', 'censored'),
    job_queue_wait_censored_min_s: q('job-queue-wait', 'censoredMin'),
  } satisfies Partial<Summary>;
}

/**
 * The one-row summary of a trial (the columns of runs.csv, DESIGN.md §6): task and job accounting,
 * latency quantiles, convergence, utilization, fairness and traffic. Key order is the column order.
 * Latency quantiles include what still waited at the end as censored values: `<metric>_censored`
 * counts them and `<metric>_censored_min_s` is the smallest; a quantile at or above it is only a
 * lower bound (quantiles.ts isLowerBound). Typed by summary-columns.ts: a missing or misspelt column does not compile.
 */
export function buildSummary(input: SummaryInput): Summary {
  const q: LatencyStat = (metric, stat) => {
    const row = input.latency.find((r) => r.metric === metric && r.group === 'all');
    return row ? row.quantiles[stat] : NaN;
  };
  const settled = input.convergence.filter((c) => !c.censored).map((c) => c.convergence);
  const rollouts = input.convergence.filter((c) => c.kind === 'rollout');
  const placements = input.counter('placements');
  const activeTenants = input.tenants.filter((t) => (input.counters[`share-avg:${t.name}`] ?? 0) > 0);
  return {
    tasks_submitted: input.accounting.tasksSubmitted,
    tasks_finished: input.accounting.tasksFinished,
    tasks_running_end: input.accounting.tasksRunning,
    tasks_pending_end: input.accounting.tasksPending,
    tasks_abandoned: input.accounting.tasksAbandoned,
    tasks_lost: input.counter('tasks-lost'),
    replicas_desired_end: input.accounting.replicasDesired,
    replicas_running_end: input.accounting.replicasRunning,
    placements,
    placed_fraction: placedFraction(q('scheduling', 'count'), q('scheduling', 'censored')),
    sched_p50_s: q('scheduling', 'p50'),
    sched_p90_s: q('scheduling', 'p90'),
    sched_p99_s: q('scheduling', 'p99'),
    sched_max_s: q('scheduling', 'max'),
    sched_count: q('scheduling', 'count'),
    sched_censored: q('scheduling', 'censored'),
    sched_censored_min_s: q('scheduling', 'censoredMin'),
    startup_p50_s: q('startup', 'p50'),
    startup_p90_s: q('startup', 'p90'),
    startup_p99_s: q('startup', 'p99'),
    startup_max_s: q('startup', 'max'),
    startup_censored: q('startup', 'censored'),
    startup_censored_min_s: q('startup', 'censoredMin'),
    jobs_submitted: input.counter('jobs-submitted'),
    jobs_completed: input.counter('jobs-completed'),
    jobs_abandoned: input.counter('jobs-abandoned'),
    job_wait_p50_s: q('job-wait', 'p50'),
    job_wait_p90_s: q('job-wait', 'p90'),
    job_wait_mean_s: q('job-wait', 'mean'),
    job_wait_censored: q('job-wait', 'censored'),
    job_wait_censored_min_s: q('job-wait', 'censoredMin'),
    job_wait_all_p90_s: q('job-wait-all', 'p90'),
    job_wait_all_censored: q('job-wait-all', 'censored'),
    job_wait_all_censored_min_s: q('job-wait-all', 'censoredMin'),
    job_completion_p50_s: q('job-completion', 'p50'),
    job_completion_p90_s: q('job-completion', 'p90'),
    job_completion_censored: q('job-completion', 'censored'),
    job_completion_censored_min_s: q('job-completion', 'censoredMin'),
    convergence_count: input.convergence.length,
    convergence_censored: input.convergence.length - settled.length,
    convergence_mean_s: settled.length ? settled.reduce((a, b) => a + b, 0) / settled.length : NaN,
    convergence_max_s: settled.length ? Math.max(...settled) : NaN,
    peak_excess: input.convergence.reduce((m, c) => Math.max(m, c.peakExcess), 0),
    // Rollout safety (rolling-update): the most instances launched beyond desired and the lowest
    // fraction of desired available in any rollout window; NaN when the trial has no rollout.
    rollout_peak_surge: rollouts.length ? Math.max(...rollouts.map((c) => c.peakSurge)) : NaN,
    rollout_min_available: rollouts.length ? Math.min(...rollouts.map((c) => c.minAvailable)) : NaN,
    util_cpu: input.util.average('cpu', input.end),
    util_memory: input.util.average('memory', input.end),
    util_gpu: input.total.gpu > 0 ? input.util.average('gpu', input.end) : NaN,
    jain: activeTenants.length > 1 ? jainIndex(input.shares.filter((_, i) => activeTenants.includes(input.tenants[i] as (typeof activeTenants)[number]))) : NaN,
    locked_cpu_avg: input.locked.average('cpu', input.end),
    locked_memory_avg: input.locked.average('memory', input.end),
    busy_max: Math.max(0, ...[...input.busy.values()].map((b) => b / input.horizon)),
    ...trafficAndQueueColumns(input, q, placements),
    ...lifecycleColumns(input, q),
  };
}

/** The lifecycle columns of runs.csv (summary-columns.ts LIFECYCLE_COLUMNS), NaN without a lifecycle. */
function lifecycleColumns(input: SummaryInput, q: LatencyStat): Record<(typeof LIFECYCLE_COLUMNS)[number], number> {
  const on = input.lifecycle;
  const c = (name: string): number => (on ? input.counter(name) : NaN);
  const unsupported = OPERATION_FEATURES.reduce((n, f) => n + (input.counters[`unsupported:${f}`] ?? 0), 0);
  return {
    app_ready_max_s: q('app-ready', 'max'),
    app_ready_censored: on ? zeroIfNaN(q('app-ready', 'censored')) : NaN,
    app_ready_censored_min_s: q('app-ready', 'censoredMin'),
    ready_observed_p90_s: q('ready-observed', 'p90'),
    replicas_ready_end: input.replicasReady,
    container_restarts: c('container-restarts'),
    app_crashes: c('app-crashes'),
    crash_wasted_cpu_s: c('crash-wasted-cpu-s'),
    config_stale_replica_s: c('config-stale-replica-s'),
    op_done_max_s: q('operation-done', 'max'),
    op_done_censored: on ? zeroIfNaN(q('operation-done', 'censored')) : NaN,
    op_done_censored_min_s: q('operation-done', 'censoredMin'),
    op_observed_max_s: q('operation-observed', 'max'),
    op_observed_censored: on ? zeroIfNaN(q('operation-observed', 'censored')) : NaN,
    op_observed_censored_min_s: q('operation-observed', 'censoredMin'),
    ops_unsupported: on ? unsupported : NaN,
  };
}

/** The unsupported features that are operations (the others, readiness and dependencies, are not counted in ops_unsupported). */
const OPERATION_FEATURES = ['config-change', 'restart', 'run-once-per-node'] as const;

function zeroIfNaN(v: number): number {
  return Number.isNaN(v) ? 0 : v;
}

/** The latency rows and CDF points of every sample, keyed `<metric>\u0000<group>`, in key order. */
export function latencyTables(samples: ReadonlyMap<string, Sample>): { latency: LatencyRow[]; cdf: CdfPoint[] } {
  const latency: LatencyRow[] = [];
  const cdf: CdfPoint[] = [];
  for (const [key, sample] of [...samples].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const [metric, group] = key.split('\u0000') as [LatencyMetric, string];
    latency.push({ metric, group, quantiles: sample.summary() });
    for (const p of sample.cdf()) cdf.push({ metric, group, q: p.q, value: p.value, lowerBound: p.lowerBound });
  }
  return { latency, cdf };
}

/**
 * Adds the end-of-trial averages to `counters` (busy fraction per scheduler, average dominant share
 * per tenant, average locked cpu and memory per holder; sorted by name within each kind) and returns
 * each tenant's average share over its weight, in tenant order (for Jain's index).
 */
export function addAverages(
  counters: Record<string, number>,
  end: SimTime,
  horizon: number,
  busy: ReadonlyMap<string, number>,
  tenants: readonly { readonly name: string; readonly weight: number }[],
  tenantGauges: ReadonlyMap<string, ResourceGauge>,
  lockedBy: ReadonlyMap<string, ResourceGauge>,
): number[] {
  for (const [name, b] of [...busy].sort(([a], [c]) => (a < c ? -1 : 1))) counters[`busy:${name}`] = b / horizon;
  const shares: number[] = [];
  for (const t of tenants) {
    const g = tenantGauges.get(t.name) as ResourceGauge;
    const avg = g.averageDominant(end);
    counters[`share-avg:${t.name}`] = avg;
    shares.push(avg / t.weight);
  }
  for (const [holder, g] of [...lockedBy].sort(([a], [c]) => (a < c ? -1 : 1))) {
    counters[`locked-avg:${holder}:cpu`] = g.average('cpu', end);
    counters[`locked-avg:${holder}:memory`] = g.average('memory', end);
  }
  return shares;
}
