import { z } from 'zod';
import { type SimDuration } from '../../sim/time.js';
import { type OptionsParse } from '../engine.js';
import { defaultEngineOptions, durationField, parseEngineOptions } from '../kit/index.js';
import { BORG_DEFAULTS } from './defaults.js';

/** The scoring policies of [B] §3.2 (see scoring.ts). */
export const SCORE_POLICIES = ['best-fit', 'worst-fit', 'hybrid'] as const;
export type ScorePolicy = (typeof SCORE_POLICIES)[number];

/** The borg engine's options (`spec.engines.borg`), every default from defaults.ts. */
export interface BorgOptions {
  readonly pollInterval: SimDuration;
  readonly missedPolls: number;
  readonly thinkTime: { readonly perJob: SimDuration; readonly perTask: SimDuration };
  readonly score: ScorePolicy;
  readonly feasibleSample: number;
  readonly preemption: boolean;
}

const d = BORG_DEFAULTS;

const schema = z.strictObject({
  pollInterval: durationField.refine((v) => v > 0, 'must be above 0').prefault(`${d.pollInterval / 1000}ms`),
  missedPolls: z.number().int().min(1).prefault(d.missedPolls),
  thinkTime: z
    .strictObject({
      perJob: durationField.prefault(`${d.thinkTime.perJob / 1000}ms`),
      perTask: durationField.prefault(`${d.thinkTime.perTask / 1000}ms`),
    })
    .prefault({}),
  score: z.enum(SCORE_POLICIES).prefault(d.score),
  feasibleSample: z.number().int().min(1).prefault(d.feasibleSample),
  preemption: z.boolean().prefault(d.preemption),
});

/** Validates `spec.engines.borg` (unknown fields are errors) and fills every default. */
export function parseBorgOptions(raw: unknown): OptionsParse<BorgOptions> {
  return parseEngineOptions(schema, raw);
}

/** The options with every default. */
export function defaultBorgOptions(): BorgOptions {
  return defaultEngineOptions(schema, 'borg');
}
