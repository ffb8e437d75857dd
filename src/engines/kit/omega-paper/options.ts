import { z } from 'zod';
import { parseDuration } from '../../../sim/duration.js';
import { type SimDuration } from '../../../sim/time.js';
import { durationField } from '../option-fields.js';

/*
 * Options of the Omega paper's simulator models (docs/reference/omega-simulator.md §4), written under
 * `spec.engines.<engine>.omegaPaper` when `model: omega-paper`. The architecture is not an option: the
 * engine that delegates names it (borg → monolithic, mesos → mesos, omega → omega).
 */

/** The three scheduler architectures of the simulator (§4.3 monolithic, §4.4 mesos, §4.5 omega). */
export type PaperArchitecture = 'monolithic' | 'mesos' | 'omega';

/** `model:` of an engine's options: the engine's own (faithful) model or the Omega paper's. */
export const MODEL_FIELD = z.enum(['faithful', 'omega-paper']);
/** The model an engine runs. */
export type EngineModel = z.output<typeof MODEL_FIELD>;

/** Decision time of one scheduler for one workload: t_job + t_task × unplaced tasks (§4.2). */
export interface PaperThinkTime {
  readonly tJob: SimDuration;
  readonly tTask: SimDuration;
}

/** The fully defaulted options of the paper's models. */
export interface OmegaPaperOptions {
  /** Think time of any tenant not named in {@link thinkTimes}. */
  readonly thinkTime: PaperThinkTime;
  /** Think time per tenant (the simulator's per-workload "Batch"/"Service" values, §4.2). */
  readonly thinkTimes: Readonly<Record<string, PaperThinkTime>>;
  /** A job with tasks left goes back to its queue after this (§4.1: 1 s). */
  readonly retryAfter: SimDuration;
  /** Abandoned after more than this many attempts with no task placed (§4.1: 100). */
  readonly abandonAfterAttemptsWithoutProgress: number;
  /** Abandoned after more than this many attempts in all (§4.1: 1,000). */
  readonly abandonAfterAttempts: number;
  /** Omega (§4.5): how a commit detects a conflict. */
  readonly conflictMode: 'resource-fit' | 'sequence-numbers';
  /** Omega (§4.5): whether a commit keeps the non-conflicting claims. */
  readonly transactionMode: 'incremental' | 'all-or-nothing';
  /** Mesos (§4.4 step 1): offer rounds are batched this long after a request. */
  readonly offerBatchInterval: SimDuration;
  /** Mesos (§4.4 step 2): an offer round runs only with at least this many free CPU cores (millicores). */
  readonly minOfferCpu: number;
  /** Mesos (§4.4 step 2): the allocator's think time per offer. */
  readonly allocatorThinkTime: SimDuration;
  /**
   * Who runs the placed tasks: `cluster` (the harness's machines, so every task metric and chart sees
   * them) or `model` (the model frees each attempt's claims itself after the job's duration, as the
   * simulator's end events do, and nothing runs on the cluster: one timer per job attempt instead of
   * a launch, two events and an instance record per task, for runs of millions of tasks).
   */
  readonly runTasks: 'cluster' | 'model';
}

/** The simulator's values (omega-simulator.md §4 and §5: the driver's defaults). */
export const OMEGA_PAPER_DEFAULTS = {
  thinkTime: { tJob: '10ms', tTask: '5ms' },
  retryAfter: '1s',
  abandonAfterAttemptsWithoutProgress: 100,
  abandonAfterAttempts: 1000,
  conflictMode: 'resource-fit',
  transactionMode: 'incremental',
  offerBatchInterval: '1s',
  minOfferCpuCores: 100,
  allocatorThinkTime: '1ms',
  runTasks: 'cluster',
} as const;

const thinkField = z.strictObject({ tJob: durationField.optional(), tTask: durationField.optional() });

/** The zod field of `omegaPaper:` (every key optional; defaults from {@link OMEGA_PAPER_DEFAULTS}). */
export const OMEGA_PAPER_FIELD = z.strictObject({
  thinkTime: thinkField.optional(),
  thinkTimes: z.record(z.string(), thinkField).optional(),
  retryAfter: durationField.optional(),
  abandonAfterAttemptsWithoutProgress: z.number().int().min(0).optional(),
  abandonAfterAttempts: z.number().int().min(1).optional(),
  conflictMode: z.enum(['resource-fit', 'sequence-numbers']).optional(),
  transactionMode: z.enum(['incremental', 'all-or-nothing']).optional(),
  offerBatchInterval: durationField.optional(),
  minOfferCpuCores: z.number().min(0).optional(),
  allocatorThinkTime: durationField.optional(),
  runTasks: z.enum(['cluster', 'model']).optional(),
});

function d(text: string): SimDuration {
  const r = parseDuration(text);
  if (!r.ok) throw new Error(`bad default duration ${text}`);
  return r.value;
}

/** Fills every default of a parsed `omegaPaper:` block (absent = all defaults). */
export function omegaPaperOptions(raw: z.output<typeof OMEGA_PAPER_FIELD> | undefined): OmegaPaperOptions {
  const o = raw ?? {};
  const D = OMEGA_PAPER_DEFAULTS;
  const base: PaperThinkTime = { tJob: o.thinkTime?.tJob ?? d(D.thinkTime.tJob), tTask: o.thinkTime?.tTask ?? d(D.thinkTime.tTask) };
  const thinkTimes = Object.fromEntries(
    Object.entries(o.thinkTimes ?? {}).map(([tenant, t]): [string, PaperThinkTime] => [tenant, { tJob: t.tJob ?? base.tJob, tTask: t.tTask ?? base.tTask }]),
  );
  return {
    thinkTime: base,
    thinkTimes,
    retryAfter: o.retryAfter ?? d(D.retryAfter),
    abandonAfterAttemptsWithoutProgress: o.abandonAfterAttemptsWithoutProgress ?? D.abandonAfterAttemptsWithoutProgress,
    abandonAfterAttempts: o.abandonAfterAttempts ?? D.abandonAfterAttempts,
    conflictMode: o.conflictMode ?? D.conflictMode,
    transactionMode: o.transactionMode ?? D.transactionMode,
    offerBatchInterval: o.offerBatchInterval ?? d(D.offerBatchInterval),
    minOfferCpu: Math.round((o.minOfferCpuCores ?? D.minOfferCpuCores) * 1000),
    allocatorThinkTime: o.allocatorThinkTime ?? d(D.allocatorThinkTime),
    runTasks: o.runTasks ?? D.runTasks,
  };
}

/** The think time of `tenant`'s jobs (§4.2: per scheduler and workload; here per tenant). */
export function thinkTimeOf(options: OmegaPaperOptions, tenant: string): PaperThinkTime {
  return options.thinkTimes[tenant] ?? options.thinkTime;
}
