import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { type Quantiles } from '../metrics/quantiles.js';
import { SUMMARY_COLUMNS } from '../metrics/summary-columns.js';
import { ResultsFolderError } from './results-folder-error.js';
import { readMeta, type RunMeta } from './results-folder.js';

/** The columns that identify a trial in every results file (result-tables.ts KEY_COLUMNS), parsed. */
export interface TrialKey {
  readonly scenario: string;
  /** Empty when the scenario is not a sweep. */
  readonly sweepParameter: string;
  readonly sweepValue: string;
  readonly engine: string;
  readonly seed: number;
}

/** The numeric runs.csv columns a RunRow holds in `values`: `events` and every summary column, in column order. */
export const RUN_VALUE_COLUMNS = ['events', ...SUMMARY_COLUMNS] as const;

/** A numeric runs.csv column of {@link RunRow.values}. */
export type RunValueColumn = (typeof RUN_VALUE_COLUMNS)[number];

/** One runs.csv row: status plus every headline column as a number (NaN where the cell is empty). */
export interface RunRow extends TrialKey {
  readonly status: string;
  readonly error: string;
  readonly simulatedS: number;
  /** Keyed by column, so a misspelt column does not compile; a column the folder predates is absent. */
  readonly values: Readonly<Partial<Record<RunValueColumn, number>>>;
}

/** One cdf.csv row. */
export interface CdfRow extends TrialKey {
  readonly metric: string;
  readonly group: string;
  readonly quantile: number;
  readonly value: number;
  /** The point is at or beyond the first censored value: the true quantile is at least `value` (false in folders written before the column existed). */
  readonly lowerBound: boolean;
}

/** One latency.csv row: the statistics of one metric and group, as the observer's {@link Quantiles} name them (seconds; count a number). */
export interface LatencyCsvRow extends TrialKey, Pick<Quantiles, 'count' | 'mean' | 'min' | 'p50' | 'p90' | 'p99' | 'max'> {
  readonly metric: string;
  readonly group: string;
}

/** One convergence.csv row. */
export interface ConvergenceCsvRow extends TrialKey {
  readonly perturbation: number;
  readonly time: number;
  readonly kind: string;
  readonly label: string;
  readonly convergence: number;
  readonly censored: boolean;
  readonly window: number;
  readonly tasksLost: number;
  readonly peakExcess: number;
  readonly minAvailable: number;
}

/** One timeseries.csv row. */
export interface SeriesRow extends TrialKey {
  readonly time: number;
  readonly series: string;
  readonly value: number;
}

/** One counters.csv row. */
export interface CounterRow extends TrialKey {
  readonly name: string;
  readonly value: number;
}

/** One traffic.csv row: a service's request traffic in one window (seconds; NaN in empty cells). */
export interface TrafficCsvRow extends TrialKey {
  readonly service: string;
  readonly start: number;
  readonly end: number;
  readonly rate: number;
  readonly serving: number;
  readonly p99: number;
  /** The window's p99 is unbounded (overloaded replicas): censored, no number. */
  readonly p99Unbounded: boolean;
  readonly met: number;
  readonly costPerHour: number;
}

/** One services.csv row: a service's traffic over one trial. */
export interface ServiceCsvRow extends TrialKey {
  readonly service: string;
  readonly serviceLevel: string;
  readonly goalLatency: number;
  readonly attainment: number;
  readonly p99Median: number;
  readonly p99Worst: number;
  readonly p99WorstUnbounded: boolean;
  readonly costPerHourMean: number;
  readonly overprovision: number;
  readonly loadSteps: number;
  readonly restoreMax: number;
  readonly restoreCensored: number;
  readonly discoveryP50: number;
}

/** Everything the report reads from a results folder; nothing else feeds it. */
export interface ResultsData {
  readonly dir: string;
  readonly meta: RunMeta;
  readonly runs: readonly RunRow[];
  readonly cdf: readonly CdfRow[];
  /** latency.csv (the claims read it). */
  readonly latency: readonly LatencyCsvRow[];
  readonly convergence: readonly ConvergenceCsvRow[];
  readonly series: readonly SeriesRow[];
  readonly counters: readonly CounterRow[];
  /** traffic.csv and services.csv (empty when no scenario declares request traffic). */
  readonly traffic: readonly TrafficCsvRow[];
  readonly services: readonly ServiceCsvRow[];
  /** perf.csv's `started_at` (the run date); undefined when perf.csv is absent or empty. */
  readonly startedAt: string | undefined;
}

type Record_ = Readonly<Record<string, string>>;

/** A CSV file as records keyed by header; an absent file reads as no rows (old or partial folders). */
function readCsv(dir: string, name: string): Record_[] {
  const file = join(dir, name);
  if (!existsSync(file)) return [];
  try {
    return parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Record_[];
  } catch (err) {
    throw new ResultsFolderError(`${file}: not a readable CSV file (${err instanceof Error ? err.message : String(err)})`);
  }
}

/** A numeric cell; empty cells (NaN and undefined in result-tables) read as NaN. */
export function num(text: string | undefined): number {
  return text === undefined || text === '' ? NaN : Number(text);
}

function key(r: Record_): TrialKey {
  return { scenario: r.scenario ?? '', sweepParameter: r.sweep_parameter ?? '', sweepValue: r.sweep_value ?? '', engine: r.engine ?? '', seed: num(r.seed) };
}

/**
 * Reads a results folder (meta.json and the CSV files, never trials.jsonl): the only input of the
 * report, so that a report can be rebuilt later or on another machine from the same folder.
 */
export function readResults(dir: string): ResultsData {
  const meta = readMeta(dir);
  const runs = readCsv(dir, 'runs.csv').map((r): RunRow => {
    const values: Partial<Record<RunValueColumn, number>> = {};
    for (const c of RUN_VALUE_COLUMNS) if (r[c] !== undefined) values[c] = num(r[c]);
    return { ...key(r), status: r.status ?? '', error: r.error ?? '', simulatedS: num(r.simulated_s), values };
  });
  const cdf = readCsv(dir, 'cdf.csv').map((r): CdfRow => ({
    ...key(r),
    metric: r.metric ?? '',
    group: r.group ?? '',
    quantile: num(r.quantile),
    value: num(r.value_s),
    lowerBound: r.lower_bound === '1',
  }));
  const latency = readCsv(dir, 'latency.csv').map((r): LatencyCsvRow => ({
    ...key(r),
    metric: r.metric ?? '',
    group: r.group ?? '',
    count: num(r.count),
    mean: num(r.mean_s),
    min: num(r.min_s),
    p50: num(r.p50_s),
    p90: num(r.p90_s),
    p99: num(r.p99_s),
    max: num(r.max_s),
  }));
  const convergence = readCsv(dir, 'convergence.csv').map((r): ConvergenceCsvRow => ({
    ...key(r),
    perturbation: num(r.perturbation),
    time: num(r.time_s),
    kind: r.kind ?? '',
    label: r.label ?? '',
    convergence: num(r.convergence_s),
    censored: r.censored === 'true',
    window: num(r.window_s),
    tasksLost: num(r.tasks_lost),
    peakExcess: num(r.peak_excess),
    minAvailable: num(r.min_available),
  }));
  const series = readCsv(dir, 'timeseries.csv').map((r): SeriesRow => ({ ...key(r), time: num(r.time_s), series: r.series ?? '', value: num(r.value) }));
  const counters = readCsv(dir, 'counters.csv').map((r): CounterRow => ({ ...key(r), name: r.name ?? '', value: num(r.value) }));
  const traffic = readCsv(dir, 'traffic.csv').map((r): TrafficCsvRow => ({
    ...key(r),
    service: r.service ?? '',
    start: num(r.start_s),
    end: num(r.end_s),
    rate: num(r.rate_rps),
    serving: num(r.replicas_serving),
    p99: num(r.p99_s),
    p99Unbounded: r.p99_unbounded === '1',
    met: num(r.met),
    costPerHour: num(r.cost_per_hour),
  }));
  const services = readCsv(dir, 'services.csv').map((r): ServiceCsvRow => ({
    ...key(r),
    service: r.service ?? '',
    serviceLevel: r.service_level ?? '',
    goalLatency: num(r.goal_latency_s),
    attainment: num(r.attainment),
    p99Median: num(r.p99_median_s),
    p99Worst: num(r.p99_worst_s),
    p99WorstUnbounded: r.p99_worst_unbounded === '1',
    costPerHourMean: num(r.cost_per_hour_mean),
    overprovision: num(r.overprovision),
    loadSteps: num(r.load_steps),
    restoreMax: num(r.restore_max_s),
    restoreCensored: num(r.restore_censored),
    discoveryP50: num(r.discovery_p50_s),
  }));
  const perf = readCsv(dir, 'perf.csv');
  const started = perf.map((r) => r.started_at ?? '').filter((s) => s !== '');
  return { dir, meta, runs, cdf, latency, convergence, series, counters, traffic, services, startedAt: started.length ? [...started].sort()[0] : undefined };
}
