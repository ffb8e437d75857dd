import { isLowerBound } from '../metrics/quantiles.js';
import { type CensoredPrefix, type SummaryColumn } from '../metrics/summary-columns.js';
import { type Cell, textCell } from './doc.js';
import { fmtNum, fmtSpread, fmtValue, type Unit } from './format.js';
import { type Messages } from './i18n/messages.js';
import { type RunRow } from './read-results.js';
import { type ScenarioView } from './scenario-view.js';
import { spread, type Spread } from './stats.js';

/** One headline figure of a trial; `censored` marks a lower bound (convergence never reached, or a latency quantile reaching into tasks still waiting). */
export interface TrialValue {
  readonly value: number;
  readonly censored: boolean;
}

/** What a headline figure is keyed by: a summary column of runs.csv, or `convergence` (read from convergence.csv). */
export type FigureKey = SummaryColumn | 'convergence';

/** A headline figure: its column, its unit and how to read it from a trial. */
export interface FigureDef {
  readonly key: FigureKey;
  readonly column: (m: Messages) => string;
  readonly unit: Unit;
  readonly read: (run: RunRow, view: ScenarioView) => TrialValue;
  /** Which way is better, for the comparison of two runs. */
  readonly better: 'lower' | 'higher';
  /** Shown only when some trial has a value above zero (for figures that are zero unless the mechanism exists). */
  readonly onlyWhenPositive?: boolean;
}

const fromRuns =
  (column: SummaryColumn) =>
  (run: RunRow): TrialValue => ({ value: run.values[column] ?? NaN, censored: false });

/**
 * A latency quantile of runs.csv (`column`), with the censoring rule applied: it is a lower bound when
 * it is at or above `<prefix>_censored_min_s`, the smallest latency of a task still waiting at the end
 * (quantiles.ts isLowerBound). Folders written before those columns existed read as exact.
 */
export const latencyFromRuns =
  (column: SummaryColumn, prefix: CensoredPrefix) =>
  (run: RunRow): TrialValue => {
    const value = run.values[column] ?? NaN;
    const bounds = { censored: run.values[`${prefix}_censored`] ?? 0, censoredMin: run.values[`${prefix}_censored_min_s`] ?? NaN };
    return { value, censored: Number.isFinite(value) && bounds.censored > 0 && isLowerBound(bounds, value) };
  };

/**
 * The slowest convergence of a trial over all its perturbations (convergence.csv). A censored window
 * makes the figure a lower bound: the true slowest time is at least that long.
 */
export function slowestConvergence(run: RunRow, view: ScenarioView): TrialValue {
  const rows = view.convergence.filter((c) => c.engine === run.engine && c.seed === run.seed && c.sweepValue === run.sweepValue);
  if (rows.length === 0) return { value: NaN, censored: false };
  return { value: Math.max(...rows.map((r) => r.convergence)), censored: rows.some((r) => r.censored) };
}

/** The headline figures, in table order (DESIGN.md §6 metrics). */
export const FIGURES: readonly FigureDef[] = [
  // The headline table writes this one as "placed / submitted (fraction)" (placedCell); a comparison shows the fraction.
  { key: 'placed_fraction', column: (m) => m.colPlaced, unit: 'percent', read: fromRuns('placed_fraction'), better: 'higher' },
  { key: 'sched_p50_s', column: (m) => m.colSchedP50, unit: 'seconds', read: latencyFromRuns('sched_p50_s', 'sched'), better: 'lower' },
  { key: 'sched_p99_s', column: (m) => m.colSchedP99, unit: 'seconds', read: latencyFromRuns('sched_p99_s', 'sched'), better: 'lower' },
  { key: 'startup_p50_s', column: (m) => m.colStartupP50, unit: 'seconds', read: latencyFromRuns('startup_p50_s', 'startup'), better: 'lower' },
  { key: 'job_wait_p90_s', column: (m) => m.colJobWaitP90, unit: 'seconds', read: latencyFromRuns('job_wait_p90_s', 'job_wait'), better: 'lower' },
  {
    key: 'job_queue_wait_p90_s',
    column: (m) => m.colJobQueueWaitP90,
    unit: 'seconds',
    read: latencyFromRuns('job_queue_wait_p90_s', 'job_queue_wait'),
    better: 'lower',
  },
  { key: 'convergence', column: (m) => m.colWorstConvergence, unit: 'seconds', read: slowestConvergence, better: 'lower' },
  { key: 'tasks_lost', column: (m) => m.colTasksLost, unit: 'count', read: fromRuns('tasks_lost'), onlyWhenPositive: true, better: 'lower' },
  { key: 'util_cpu', column: (m) => m.colUtilCpu, unit: 'percent', read: fromRuns('util_cpu'), better: 'higher' },
  { key: 'jain', column: (m) => m.colJain, unit: 'count', read: fromRuns('jain'), better: 'higher' },
  { key: 'messages_per_placement', column: (m) => m.colMessages, unit: 'count', read: fromRuns('messages_per_placement'), better: 'lower' },
  { key: 'locked_cpu_avg', column: (m) => m.colLockedCpu, unit: 'percent', read: fromRuns('locked_cpu_avg'), onlyWhenPositive: true, better: 'lower' },
  // Optimistic transactions (Omega): NaN for engines without them, 0 until some claim conflicts.
  {
    key: 'conflict_fraction',
    column: (m) => m.colConflictFraction,
    unit: 'count',
    read: fromRuns('conflict_fraction'),
    onlyWhenPositive: true,
    better: 'lower',
  },
  { key: 'busy_wasted_max', column: (m) => m.colBusyWasted, unit: 'percent', read: fromRuns('busy_wasted_max'), onlyWhenPositive: true, better: 'lower' },
  // Present only in scenarios with a rollout (rolling-update) or synchronous requests (sync-request): NaN elsewhere.
  {
    key: 'rollout_peak_surge',
    column: (m) => m.colRolloutPeakSurge,
    unit: 'count',
    read: fromRuns('rollout_peak_surge'),
    onlyWhenPositive: true,
    better: 'lower',
  },
  {
    key: 'rollout_min_available',
    column: (m) => m.colRolloutMinAvailable,
    unit: 'percent',
    read: fromRuns('rollout_min_available'),
    onlyWhenPositive: true,
    better: 'higher',
  },
  {
    key: 'sync_informed_p50_s',
    column: (m) => m.colSyncInformedP50,
    unit: 'seconds',
    read: fromRuns('sync_informed_p50_s'),
    onlyWhenPositive: true,
    better: 'lower',
  },
  { key: 'sync_hops_mean', column: (m) => m.colSyncHops, unit: 'count', read: fromRuns('sync_hops_mean'), onlyWhenPositive: true, better: 'lower' },
  // The application lifecycle (services with startup, dependencies, config; lifecycle operations): NaN elsewhere.
  {
    key: 'app_ready_max_s',
    column: (m) => m.colAppReady,
    unit: 'seconds',
    read: latencyFromRuns('app_ready_max_s', 'app_ready'),
    onlyWhenPositive: true,
    better: 'lower',
  },
  {
    key: 'container_restarts',
    column: (m) => m.colContainerRestarts,
    unit: 'count',
    read: fromRuns('container_restarts'),
    onlyWhenPositive: true,
    better: 'lower',
  },
  {
    key: 'config_stale_replica_s',
    column: (m) => m.colConfigStale,
    unit: 'count',
    read: fromRuns('config_stale_replica_s'),
    onlyWhenPositive: true,
    better: 'lower',
  },
  {
    key: 'op_done_max_s',
    column: (m) => m.colOpDone,
    unit: 'seconds',
    read: latencyFromRuns('op_done_max_s', 'op_done'),
    onlyWhenPositive: true,
    better: 'lower',
  },
  {
    key: 'op_observed_max_s',
    column: (m) => m.colOpObserved,
    unit: 'seconds',
    read: latencyFromRuns('op_observed_max_s', 'op_observed'),
    onlyWhenPositive: true,
    better: 'lower',
  },
];

/** A figure across a set of trials: spread of the values, and how many were censored. */
export interface FigureStat {
  readonly spread: Spread;
  readonly censored: number;
  readonly trials: number;
}

/** Aggregates one figure over trials (normally: one engine's seeds). */
export function figureStat(def: FigureDef, runs: readonly RunRow[], view: ScenarioView): FigureStat {
  const values = runs.map((r) => def.read(r, view));
  return {
    spread: spread(values.map((v) => v.value)),
    censored: values.filter((v) => v.censored && Number.isFinite(v.value)).length,
    trials: values.filter((v) => Number.isFinite(v.value)).length,
  };
}

/** The figures a scenario has data for. */
export function presentFigures(view: ScenarioView): FigureDef[] {
  return FIGURES.filter((f) => {
    const values = view.runs.map((r) => f.read(r, view).value).filter((v) => Number.isFinite(v));
    return values.length > 0 && (!f.onlyWhenPositive || values.some((v) => v > 0));
  });
}

/** A figure as a table cell: mean (min–max), or "≥ mean (censored in k of n)" when any seed was censored. */
export function figureCell(m: Messages, def: FigureDef, stat: FigureStat): Cell {
  if (stat.censored > 0) return textCell(m.censored(fmtValue(m, def.unit, stat.spread.mean), stat.censored, stat.trials), 'censored');
  return textCell(fmtSpread(m, def.unit, stat.spread));
}

/**
 * The "placed / submitted" cell of some trials: batch tasks placed at least once plus service replica
 * demands met, over batch tasks submitted plus replica demands that arose (runs.csv `sched_count`
 * minus `sched_censored`, over `sched_count`), each averaged over the trials, with the placed fraction.
 * Undefined when no trial has the columns (folders written before they existed).
 */
export function placedCell(m: Messages, runs: readonly RunRow[]): Cell | undefined {
  const counted = runs.filter((r) => Number.isFinite(r.values.sched_count));
  if (counted.length === 0) return undefined;
  const total = spread(counted.map((r) => r.values.sched_count as number)).mean;
  const placed = spread(counted.map((r) => (r.values.sched_count as number) - (r.values.sched_censored ?? 0))).mean;
  const cell = m.placedCell(fmtNum(placed), fmtNum(total), total > 0 ? fmtValue(m, 'percent', placed / total) : m.noData);
  return textCell(cell, placed < total ? 'censored' : undefined);
}

/** The headline table of a scenario: one row per engine (per engine and swept value for a sweep). */
export function headlineTable(view: ScenarioView, m: Messages): { head: string[]; rows: Cell[][]; numeric: boolean[] } {
  const figures = presentFigures(view);
  const sweep = view.sweepParameter !== undefined;
  const head = [...(sweep ? [m.colSweepValue(view.sweepParameter as string)] : []), m.colEngine, m.colTrials, ...figures.map((f) => f.column(m))];
  const rows: Cell[][] = [];
  const groups = sweep ? view.sweepValues.flatMap((v) => view.engines.map((e) => ({ v, e }))) : view.engines.map((e) => ({ v: '', e }));
  for (const { v, e } of groups) {
    const all = view.allRuns.filter((r) => r.engine === e && (!sweep || r.sweepValue === v));
    if (all.length === 0) continue;
    const ok = view.runs.filter((r) => r.engine === e && (!sweep || r.sweepValue === v));
    const cell = (f: FigureDef): Cell =>
      f.key === 'placed_fraction' ? (placedCell(m, ok) ?? figureCell(m, f, figureStat(f, ok, view))) : figureCell(m, f, figureStat(f, ok, view));
    rows.push([...(sweep ? [textCell(v)] : []), textCell(e), textCell(m.trialsCell(ok.length, all.length)), ...figures.map(cell)]);
  }
  return { head, rows, numeric: [...(sweep ? [true] : []), false, true, ...figures.map(() => true)] };
}
