import { type Quantiles } from './quantiles.js';
import { type Summary } from './summary-columns.js';
import { type TrafficMetrics } from './traffic/traffic-tracker.js';

/** Latency metrics, each measured from the workload's intents and the cluster's truth (DESIGN.md §6). */
export type LatencyMetric =
  'scheduling' | 'startup' | 'job-wait' | 'job-wait-all' | 'job-completion' | 'sync-informed' | 'job-queue-wait' | LifecycleLatencyMetric;

/**
 * The latency metrics of the application lifecycle (metrics/lifecycle/): `app-ready` (a service and
 * everything it depends on all ready, from its declaration; group = service), `ready-observed` (a
 * replica ready until its control plane counts it ready; group = service), `operation-done` (truth)
 * and `operation-observed` (the control plane's word), from the operation's time, group = operation id.
 */
export type LifecycleLatencyMetric = 'app-ready' | 'ready-observed' | 'operation-done' | 'operation-observed';

/**
 * One latency distribution: `group` is `all`, a workload name, or a cause (`cause:replacement`).
 * Seconds. What still waited at the end is in it as censored values (see Quantiles and isLowerBound).
 */
export interface LatencyRow {
  readonly metric: LatencyMetric;
  readonly group: string;
  readonly quantiles: Quantiles;
}

/** One point of a latency CDF (seconds). */
export interface CdfPoint {
  readonly metric: LatencyMetric;
  readonly group: string;
  readonly q: number;
  readonly value: number;
  /** True at or beyond the smallest censored value: the true quantile is at least `value`. */
  readonly lowerBound: boolean;
}

/** Convergence after one perturbation (a fault or a desired-state change). Times in seconds. */
export interface ConvergenceRow {
  readonly index: number;
  readonly time: number;
  readonly kind: string;
  readonly label: string;
  /** Time until actual equals desired and stays so until the next perturbation; the window length when censored. */
  readonly convergence: number;
  /** True when the state never settled within the window: `convergence` is then a lower bound. */
  readonly censored: boolean;
  /** Length of the window (until the next perturbation or the horizon). */
  readonly window: number;
  readonly tasksLost: number;
  /** Most service instances running beyond desired at once (duplicates). */
  readonly peakExcess: number;
  /** Most service instances launched (starting or running) beyond desired at once (surge). */
  readonly peakSurge: number;
  /** Lowest fraction of desired service instances running at once (1 when none are desired). */
  readonly minAvailable: number;
}

/** One sample of a time series: `series` like `running/web`, `desired/web`, `util/cpu`, `share/batch`, `locked/cpu`. */
export interface SeriesPoint {
  readonly time: number;
  readonly series: string;
  readonly value: number;
}

/** What happened to every submitted batch task and every desired replica by the horizon. */
export interface Accounting {
  readonly tasksSubmitted: number;
  readonly tasksFinished: number;
  readonly tasksRunning: number;
  readonly tasksPending: number;
  readonly tasksAbandoned: number;
  /** Tasks whose instance was lost to a fault and that ran again afterwards. */
  readonly tasksLostAndReplaced: number;
  readonly replicasDesired: number;
  readonly replicasRunning: number;
  /** Reasons engines gave for what is still pending, with counts. */
  readonly pendingReasons: Readonly<Record<string, number>>;
}

/** One instance's life, for `--detail` (seconds; NaN where it never happened). */
export interface TaskRecord {
  readonly id: string;
  readonly workload: string;
  readonly tenant: string;
  readonly taskKey: string;
  readonly version: string;
  readonly submitted: number;
  readonly placed: number;
  readonly running: number;
  readonly ended: number;
  readonly node: string;
  readonly state: string;
}

/** Everything the observer measured in one trial, as plain data. */
export interface TrialMetrics {
  /** Flat headline figures (one runs.csv row). */
  readonly summary: Summary;
  readonly latency: readonly LatencyRow[];
  readonly cdf: readonly CdfPoint[];
  readonly convergence: readonly ConvergenceRow[];
  readonly timeseries: readonly SeriesPoint[];
  /** Named totals: traffic by class and label, offers, engine counters, busyness, shares, locked averages. */
  readonly counters: Readonly<Record<string, number>>;
  readonly accounting: Accounting;
  readonly tasks?: readonly TaskRecord[];
  readonly explain?: readonly Readonly<Record<string, unknown>>[];
  /** Request traffic, latency and cost per window and per service; only when a service declares traffic. */
  readonly traffic?: TrafficMetrics;
}
