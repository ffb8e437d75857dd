import { SUMMARY_COLUMNS } from '../metrics/summary-columns.js';
import { type TrialHead, type TrialResult } from '../runner/trial-types.js';

/** A table: a fixed column list and rows of cells (numbers are written in JavaScript's shortest exact form). */
export interface Table {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

export type Cell = string | number | boolean | undefined;

/** Columns that identify a trial in every results file. */
export const KEY_COLUMNS = ['scenario', 'sweep_parameter', 'sweep_value', 'engine', 'seed'] as const;

function keys(r: TrialHead): Cell[] {
  return [r.scenario, r.sweep?.parameter ?? '', r.sweep === undefined ? '' : String(r.sweep.value), r.engine, r.seed];
}

/** The summary columns of runs.csv, in order: the one typed list of metrics/summary-columns.ts (re-exported for cli/, which may not import metrics/). */
export { SUMMARY_COLUMNS, type SummaryColumn } from '../metrics/summary-columns.js';

/** runs.csv: one row per trial, with its status, first error line, virtual time reached and headline metrics. */
export function runsTable(results: readonly TrialResult[]): Table {
  return {
    columns: [...KEY_COLUMNS, 'status', 'error', 'stop_reason', 'simulated_s', 'events', ...SUMMARY_COLUMNS],
    rows: results.map((r) => [
      ...keys(r),
      r.status,
      r.error?.split('\n')[0] ?? '',
      r.stopReason ?? '',
      r.simulatedSeconds,
      r.events,
      ...SUMMARY_COLUMNS.map((c) => r.metrics?.summary[c]),
    ]),
  };
}

/**
 * latency.csv: quantiles per metric and group (seconds). `count` includes the `censored` values
 * (still waiting at the end, each at least horizon − submission); a statistic at or above
 * `censored_min_s` (the smallest of them) is only a lower bound, and so is the mean when `censored` > 0.
 */
export function latencyTable(results: readonly TrialResult[]): Table {
  return {
    columns: [...KEY_COLUMNS, 'metric', 'group', 'count', 'censored', 'mean_s', 'min_s', 'p50_s', 'p90_s', 'p99_s', 'max_s', 'censored_min_s'],
    rows: results.flatMap((r) =>
      (r.metrics?.latency ?? []).map((l) => {
        const q = l.quantiles;
        return [...keys(r), l.metric, l.group, q.count, q.censored, q.mean, q.min, q.p50, q.p90, q.p99, q.max, q.censoredMin];
      }),
    ),
  };
}

/** cdf.csv: 51 quantile points per latency distribution; `lower_bound` 1 marks a point at or beyond the first censored value. */
export function cdfTable(results: readonly TrialResult[]): Table {
  return {
    columns: [...KEY_COLUMNS, 'metric', 'group', 'quantile', 'value_s', 'lower_bound'],
    rows: results.flatMap((r) => (r.metrics?.cdf ?? []).map((p) => [...keys(r), p.metric, p.group, p.q, p.value, p.lowerBound ? 1 : 0])),
  };
}

/** convergence.csv: one row per perturbation window. */
export function convergenceTable(results: readonly TrialResult[]): Table {
  return {
    columns: [
      ...KEY_COLUMNS,
      'perturbation',
      'time_s',
      'kind',
      'label',
      'convergence_s',
      'censored',
      'window_s',
      'tasks_lost',
      'peak_excess',
      'peak_surge',
      'min_available',
    ],
    rows: results.flatMap((r) =>
      (r.metrics?.convergence ?? []).map((c) => [
        ...keys(r),
        c.index,
        c.time,
        c.kind,
        c.label,
        c.convergence,
        c.censored,
        c.window,
        c.tasksLost,
        c.peakExcess,
        c.peakSurge,
        c.minAvailable,
      ]),
    ),
  };
}

/** timeseries.csv: sampled series (desired/running per workload, utilization, shares, locked resources). */
export function timeseriesTable(results: readonly TrialResult[]): Table {
  return {
    columns: [...KEY_COLUMNS, 'time_s', 'series', 'value'],
    rows: results.flatMap((r) => (r.metrics?.timeseries ?? []).map((p) => [...keys(r), p.time, p.series, p.value])),
  };
}

/** counters.csv: traffic by class and label, offers, engine counters, busyness, average shares and locks. */
export function countersTable(results: readonly TrialResult[]): Table {
  return {
    columns: [...KEY_COLUMNS, 'name', 'value'],
    rows: results.flatMap((r) => Object.entries(r.metrics?.counters ?? {}).map(([name, value]) => [...keys(r), name, value])),
  };
}

/** tasks.csv (`--detail`): one row per task instance. */
export function tasksTable(results: readonly TrialResult[]): Table {
  return {
    columns: [...KEY_COLUMNS, 'id', 'workload', 'tenant', 'task_key', 'version', 'submitted_s', 'placed_s', 'running_s', 'ended_s', 'node', 'state'],
    rows: results.flatMap((r) =>
      (r.metrics?.tasks ?? []).map((t) => [
        ...keys(r),
        t.id,
        t.workload,
        t.tenant,
        t.taskKey,
        t.version,
        t.submitted,
        t.placed,
        t.running,
        t.ended,
        t.node,
        t.state,
      ]),
    ),
  };
}

/** perf.csv: wall-clock cost per trial — the one file that differs between identical runs. */
export function perfTable(results: readonly TrialHead[], run: { readonly workers: number; readonly startedAt: string }): Table {
  return {
    columns: [...KEY_COLUMNS, 'status', 'wall_ms', 'events', 'events_per_s', 'peak_rss_mb', 'workers', 'started_at'],
    rows: results.map((r) => [
      ...keys(r),
      r.status,
      Math.round(r.perf.wallMs),
      r.perf.events,
      Math.round(r.perf.eventsPerSecond),
      Math.round(r.perf.peakRssBytes / 2 ** 20),
      run.workers,
      run.startedAt,
    ]),
  };
}
