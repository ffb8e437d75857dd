import { type ExplainLevel } from '../engines/engine.js';
import { type TrialMetrics } from '../metrics/trial-metrics.js';
import { type StopReason } from '../sim/simulator.js';
import { type ScenarioDoc } from '../workload/schema.js';
import { type TrialAlias } from './shared-trials.js';

/** One swept parameter value a trial runs with. */
export interface SweepPoint {
  readonly parameter: string;
  readonly value: number | string | boolean;
}

/**
 * Everything one trial needs, as plain data (it crosses the worker boundary by structured clone;
 * engines travel by registry name).
 */
export interface TrialSpec {
  /** Position in the plan; results are ordered by it whatever the completion order. */
  readonly index: number;
  /** `<scenario>[@<param>=<value>]/<engine>/seed-<seed>`: stable across runs and shards. */
  readonly id: string;
  /** Scenario name (metadata.name). */
  readonly scenario: string;
  readonly doc: ScenarioDoc;
  /** Folder of the scenario file, for files it names (traces, extension modules). */
  readonly scenarioDir: string;
  /** The scenario file, for errors about the modules it names; set only when it names some (`spec.extensions`). */
  readonly scenarioFile?: string;
  readonly engine: string;
  /**
   * The engine's options, parsed and defaulted once by the plan (engine-options.ts): plain data,
   * handed to the engine's factory as they are. The trial never parses them again.
   */
  readonly engineOptions: unknown;
  readonly seed: number;
  readonly sweep?: SweepPoint;
  /** Keep one record per task instance (tasks.csv). */
  readonly detail?: boolean;
  /** Keep the engines' decision explanations (explain.jsonl). */
  readonly explain?: boolean;
  /** With `explain`: how much each explanation lists (default `top`; only `full` is written). */
  readonly explainLevel?: ExplainLevel;
  /** Wall-clock limit of the trial in milliseconds (checked between event chunks; the pool enforces it hard). */
  readonly wallClockLimitMs?: number;
  /** Planned trials bound to give this one's results, reported under their own identities (shared-trials.ts). */
  readonly aliases?: readonly TrialAlias[];
}

/** How a trial ended. */
export type TrialStatus = 'ok' | 'failed' | 'timeout' | 'event-budget';

/** Wall-clock cost of a trial: the only thing that differs between two runs of the same spec. */
export interface TrialPerf {
  readonly wallMs: number;
  readonly events: number;
  readonly eventsPerSecond: number;
  readonly peakRssBytes: number;
}

/** The plain-data outcome of a trial. */
export interface TrialResult {
  readonly index: number;
  readonly id: string;
  readonly scenario: string;
  readonly engine: string;
  readonly seed: number;
  readonly sweep?: SweepPoint;
  readonly status: TrialStatus;
  /** The error of a failed trial, with the spec that replays it. */
  readonly error?: string;
  readonly stopReason?: StopReason;
  /** Virtual time reached, in seconds. */
  readonly simulatedSeconds: number;
  readonly events: number;
  readonly metrics?: TrialMetrics;
  readonly perf: TrialPerf;
}

/** A result without its metrics: what the run loop needs to know of a trial (status, progress, perf). */
export type TrialHead = Omit<TrialResult, 'metrics'>;
