import { type LatencyStat } from '../../metrics/claims.js';

/**
 * What claims are evaluated on: one scenario's trials, each with the numbers of its results files.
 * Two sources fill it — a results folder (from-results.ts, for the report and the run) and results
 * in memory (from-trials.ts, for the scenario tests) — from the same numbers, so a claim evaluates
 * the same either way.
 */
export interface ClaimData {
  readonly trials: readonly ClaimTrial[];
}

/** One trial's numbers, keyed as in its results files. */
export interface ClaimTrial {
  readonly engine: string;
  readonly seed: number;
  /** The swept value as written in the CSVs ('' when the scenario is no sweep). */
  readonly sweepValue: string;
  /** Whether the trial ended normally; a failed trial has no numbers. */
  readonly ok: boolean;
  /** runs.csv columns (status and key columns left out); NaN where a cell is empty. */
  readonly runs: Readonly<Record<string, number>>;
  /** counters.csv: value by name. */
  readonly counters: Readonly<Record<string, number>>;
  /** latency.csv: statistics by `<metric>:<group>`. */
  readonly latency: ReadonlyMap<string, Readonly<Record<LatencyStat, number>>>;
  /** timeseries.csv: points by series name, in time order (seconds). */
  readonly series: ReadonlyMap<string, readonly { readonly time: number; readonly value: number }[]>;
}

/** The key of a latency row in {@link ClaimTrial.latency}. */
export function latencyKey(metric: string, group: string): string {
  return `${metric}:${group}`;
}
