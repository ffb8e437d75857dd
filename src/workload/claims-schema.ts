import { z } from 'zod';
import { parseDuration } from '../sim/duration.js';
import { toSeconds } from '../sim/time.js';

/*
 * `metadata.claims`: the machine-checkable statements of a scenario's lesson (DESIGN.md §6a). Each
 * claim compares a metric (metrics/claims.ts) of the named engines with a constant, with the same
 * metric of another engine, or with another metric of the same engine, on every seed or on the mean
 * over seeds. The report and the run evaluate them (src/report/claims/); the scenario tests assert them.
 */

/**
 * A metric in the claims vocabulary (metrics/claims.ts). Its form is checked where the vocabulary is
 * known, beside the runs.csv columns (cli/claim-names.ts); whether a counter or series exists, when
 * the claim is evaluated.
 */
const metricField = z.string().min(1);

/** A time of a window: a duration string (`30s`, `1m15s`) or 0, kept in seconds (timeseries.csv's unit). */
const windowTime = z.union([z.string(), z.literal(0)]).transform((value, ctx): number => {
  const r = parseDuration(String(value));
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: r.error });
    return z.NEVER;
  }
  return toSeconds(r.value);
});

/** A stretch of simulated time over which a `series:` metric is averaged; both ends included. */
const windowField = z
  .strictObject({ from: windowTime, to: windowTime })
  .refine((w) => w.from < w.to, { message: 'the window must end after it starts', path: ['to'] });

/**
 * Slack of a comparison: a number (absolute, in the metric's unit) or a percentage of the right-hand
 * side (`10%`). `≈` holds within it; `<`, `<=`, `>`, `>=` and `between` are loosened by it.
 */
const toleranceField = z
  .union([z.number().nonnegative(), z.string().regex(/^\d+(\.\d+)?%$/, 'a tolerance is a number (absolute) or a percentage such as 10%')])
  .transform((t): ClaimTolerance => (typeof t === 'number' ? { kind: 'absolute', value: t } : { kind: 'relative', fraction: Number.parseFloat(t) / 100 }));

/** Slack of a comparison (see the `tolerance` field). */
export type ClaimTolerance = { readonly kind: 'absolute'; readonly value: number } | { readonly kind: 'relative'; readonly fraction: number };

/** The relations a claim may state. `≈` may also be written `~=`. */
export const CLAIM_RELATIONS = ['<', '<=', '>', '>=', '≈', 'between'] as const;
export type ClaimRelation = (typeof CLAIM_RELATIONS)[number];

/** The right-hand side of a comparison: a constant, another engine's metric, or another metric of the same engine. */
const thanField = z
  .strictObject({
    value: z.number().optional(),
    engine: z.string().min(1).optional(),
    metric: metricField.optional(),
    window: windowField.optional(),
    /** Multiplies the right-hand side: `> ×1.5 of mesos` is `than: { engine: mesos, factor: 1.5 }`. */
    factor: z.number().positive().prefault(1),
  })
  .refine((t) => (t.value !== undefined) !== (t.engine !== undefined || t.metric !== undefined), {
    message: 'than is either { value } or { engine and/or metric }',
  });

/** One claim of a lesson. */
export const claimField = z
  .strictObject({
    /** Stable name (lower-case, digits, dashes): the translations and the tests refer to it. */
    id: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a claim id is lower-case letters, digits and dashes'),
    /** The statement in words (English; zh-CN under metadata.translations.zh-CN.claims.<id>). */
    text: z.string().min(1),
    metric: metricField,
    /** For a `series:` metric: the time stretch averaged (default: the whole run). */
    window: windowField.optional(),
    /** The engines the claim is about; each is checked on its own. */
    engines: z.array(z.string().min(1)).min(1),
    relation: z.union([z.enum(CLAIM_RELATIONS), z.literal('~=')]).transform((r): ClaimRelation => (r === '~=' ? '≈' : r)),
    than: thanField.optional(),
    /** For `between`: the lowest and highest value allowed, both included. */
    bounds: z.tuple([z.number(), z.number()]).optional(),
    /** `every-seed`: each seed must hold; `mean`: the mean over seeds must. */
    on: z.enum(['every-seed', 'mean']).prefault('every-seed'),
    tolerance: toleranceField.optional(),
    /** For a sweep: only these values of the swept parameter (default: every value). */
    sweepValues: z
      .array(z.union([z.number(), z.string(), z.boolean()]))
      .min(1)
      .optional(),
  })
  .superRefine((c, ctx) => {
    if (c.relation === 'between') {
      if (c.bounds === undefined) ctx.addIssue({ code: 'custom', message: 'relation between needs bounds: [low, high]', path: ['bounds'] });
      else if (c.bounds[0] > c.bounds[1]) ctx.addIssue({ code: 'custom', message: 'the low bound is above the high bound', path: ['bounds'] });
      if (c.than !== undefined) ctx.addIssue({ code: 'custom', message: 'relation between compares with bounds, not than', path: ['than'] });
    } else {
      if (c.than === undefined)
        ctx.addIssue({ code: 'custom', message: `relation ${c.relation} needs than: { value } or { engine and/or metric }`, path: ['than'] });
      if (c.bounds !== undefined) ctx.addIssue({ code: 'custom', message: 'bounds belong to relation between', path: ['bounds'] });
    }
    if (c.relation === '≈' && c.tolerance === undefined)
      ctx.addIssue({ code: 'custom', message: 'relation ≈ needs a tolerance (a number, or a percentage such as 10%)', path: ['tolerance'] });
    if (c.window !== undefined && !c.metric.startsWith('series:'))
      ctx.addIssue({ code: 'custom', message: 'a window applies to a series: metric only', path: ['window'] });
    const thanMetric = c.than?.metric ?? c.metric;
    if (c.than?.window !== undefined && !thanMetric.startsWith('series:'))
      ctx.addIssue({ code: 'custom', message: 'a window applies to a series: metric only', path: ['than', 'window'] });
  });

/** The `metadata.claims` list. */
export const claimsField = z.array(claimField).prefault([]);
