import { z } from 'zod';
import { parseDuration } from '../../sim/duration.js';
import { type SimDuration } from '../../sim/time.js';
import { type OptionsParse } from '../engine.js';
import { durationField, parseEngineOptions } from '../kit/index.js';
import { OMEGA_DEFAULTS } from './defaults.js';

/** Decision time of one scheduler: t_decision = tJob + tTask × tasks still unplaced ([O] §4). */
export interface ThinkTime {
  readonly tJob: SimDuration;
  readonly tTask: SimDuration;
}

/** How the schedulers detect a conflicting claim at commit ([O] §5.2). */
export type ConflictMode = 'resource-fit' | 'sequence-numbers';
/** What a commit keeps when some claims conflict ([O] §3.4). */
export type TransactionMode = 'incremental' | 'all-or-nothing';
/** How a scheduler picks machines on its private copy. */
export type PlacementRule = 'random-first-fit' | 'best-fit';

/** The fully defaulted options of the Omega engine (defaults.ts has every source). */
export interface OmegaOptions {
  /** Schedulers per workload type (`batch`, `service`) or per tenant. */
  readonly partition: 'workload-type' | 'tenant';
  /** Schedulers in each group by group name (a group not listed has `schedulersPerGroup`). */
  readonly schedulers: Readonly<Record<string, number>>;
  readonly schedulersPerGroup: number;
  readonly thinkTime: ThinkTime;
  /** Think times by group name, over `thinkTime`. */
  readonly thinkTimes: Readonly<Record<string, Partial<ThinkTime>>>;
  readonly conflictMode: ConflictMode;
  readonly transactionMode: TransactionMode;
  readonly placement: PlacementRule;
  readonly retryDelay: SimDuration;
  readonly abandonAfterAttemptsWithoutProgress: number;
  readonly abandonAfterAttempts: number;
  readonly pollPeriod: SimDuration;
  readonly missedPollsBeforeDown: number;
}

const thinkField = z.strictObject({ tJob: durationField.optional(), tTask: durationField.optional() });

const schema = z.strictObject({
  partition: z.enum(['workload-type', 'tenant']).optional(),
  schedulers: z.record(z.string(), z.number().int().min(1).max(64)).optional(),
  schedulersPerGroup: z.number().int().min(1).max(64).optional(),
  thinkTime: thinkField.optional(),
  thinkTimes: z.record(z.string(), thinkField).optional(),
  conflictMode: z.enum(['resource-fit', 'sequence-numbers']).optional(),
  transactionMode: z.enum(['incremental', 'all-or-nothing']).optional(),
  placement: z.enum(['random-first-fit', 'best-fit']).optional(),
  retryDelay: durationField.optional(),
  abandonAfterAttemptsWithoutProgress: z.number().int().min(1).optional(),
  abandonAfterAttempts: z.number().int().min(1).optional(),
  pollPeriod: durationField.refine((v) => v > 0, 'must be above 0').optional(),
  missedPollsBeforeDown: z.number().int().min(1).optional(),
});

const d = (text: string): SimDuration => {
  const r = parseDuration(text);
  if (!r.ok) throw new Error(`bad default duration ${text}`);
  return r.value;
};

/** Validates `spec.engines.omega` (unknown fields are errors) and fills every default from defaults.ts. */
export function parseOmegaOptions(raw: unknown): OptionsParse<OmegaOptions> {
  const parsed = parseEngineOptions(schema, raw);
  if (!parsed.ok) return parsed;
  const o = parsed.options;
  const D = OMEGA_DEFAULTS;
  const thinkTimes: Record<string, Partial<ThinkTime>> = {};
  for (const [group, t] of Object.entries(o.thinkTimes ?? {}))
    thinkTimes[group] = { ...(t.tJob !== undefined ? { tJob: t.tJob } : {}), ...(t.tTask !== undefined ? { tTask: t.tTask } : {}) };
  return {
    ok: true,
    options: {
      partition: o.partition ?? D.partition,
      schedulers: o.schedulers ?? {},
      schedulersPerGroup: o.schedulersPerGroup ?? D.schedulersPerGroup,
      thinkTime: { tJob: o.thinkTime?.tJob ?? d(D.thinkTime.tJob), tTask: o.thinkTime?.tTask ?? d(D.thinkTime.tTask) },
      thinkTimes,
      conflictMode: o.conflictMode ?? D.conflictMode,
      transactionMode: o.transactionMode ?? D.transactionMode,
      placement: o.placement ?? D.placement,
      retryDelay: o.retryDelay ?? d(D.retryDelay),
      abandonAfterAttemptsWithoutProgress: o.abandonAfterAttemptsWithoutProgress ?? D.abandonAfterAttemptsWithoutProgress,
      abandonAfterAttempts: o.abandonAfterAttempts ?? D.abandonAfterAttempts,
      pollPeriod: o.pollPeriod ?? d(D.pollPeriod),
      missedPollsBeforeDown: o.missedPollsBeforeDown ?? D.missedPollsBeforeDown,
    },
  };
}

/** The defaults alone (what `parseOmegaOptions({})` returns). */
export function defaultOmegaOptions(): OmegaOptions {
  const r = parseOmegaOptions({});
  if (!r.ok) throw new Error('the Omega defaults do not validate');
  return r.options;
}

/** A group's think time: its own values over the engine-wide ones. */
export function thinkTimeOf(options: OmegaOptions, group: string): ThinkTime {
  const own = options.thinkTimes[group];
  return { tJob: own?.tJob ?? options.thinkTime.tJob, tTask: own?.tTask ?? options.thinkTime.tTask };
}
