import { z } from 'zod';
import { parseBytes, parseCpuMillis } from '../cluster/quantity.js';
import { type PlacementConstraints } from '../cluster/constraints.js';
import { type DistributionSpec } from '../sim/distributions.js';
import { parseDuration } from '../sim/duration.js';
import { type SimDuration, toSeconds } from '../sim/time.js';
import { durationHint, quantityHint } from './value-hints.js';

/*
 * The value fields of the scenario format (schema.ts is the entry): durations, quantities,
 * resources, placement constraints, distributions, and the upper bounds on counts. Each field
 * validates at the edge and yields a normalised value (µs, millicores, bytes, DistributionSpec).
 */

/** Issue params carrying a "did you mean" for the loader (issues.ts reads `params.suggestion`). */
const hint = (suggestion: string | undefined): { suggestion: string } | undefined => (suggestion !== undefined ? { suggestion } : undefined);

/**
 * A duration string (`250ms`, `5s`, `2m`, `1h30m`) or the number 0. Other numbers are rejected with
 * a hint, because a bare number's unit would be a guess (a union with `z.literal(0)` would make zod
 * report "expected string or 0", which helps nobody).
 */
export const durationField = z
  .union([z.string(), z.number()])
  .transform((value, ctx): SimDuration => {
    if (typeof value === 'number' && value !== 0) {
      ctx.addIssue({ code: 'custom', message: `a duration needs a unit: write e.g. ${value}s or ${value}ms, not ${value}`, params: hint(durationHint(value)) });
      return z.NEVER;
    }
    const r = parseDuration(String(value));
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.error, params: hint(durationHint(value)) });
      return z.NEVER;
    }
    return r.value;
  })
  .meta({ id: 'Duration', description: 'a duration such as 250ms, 5s, 2m or 1h30m (or 0)', examples: ['250ms', '5s', '2m', '1h30m'] });

/** A non-negative quantity read by `parse`, with a hint on a malformed value; `what` names it in the message. */
export const nonNegative = (what: string, parse: (v: string | number) => { ok: true; value: number } | { ok: false; error: string }) =>
  z.union([z.string(), z.number()]).transform((value, ctx): number => {
    const r = parse(value);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.error, params: hint(quantityHint(value)) });
      return z.NEVER;
    }
    if (r.value < 0) {
      ctx.addIssue({ code: 'custom', message: `${what} must not be negative, got ${value}` });
      return z.NEVER;
    }
    return r.value;
  });

/** cpu in cores or millicores, as a Kubernetes quantity. */
export const cpuField = nonNegative('cpu', parseCpuMillis).meta({
  id: 'CpuQuantity',
  description: 'cpu as a Kubernetes quantity: 500m, 2, 1.5',
  examples: ['500m', 2],
});
/** Bytes as a Kubernetes quantity. */
export const bytesField = nonNegative('memory', parseBytes).meta({
  id: 'ByteQuantity',
  description: 'memory as a Kubernetes quantity: 512Mi, 1Gi, 1e9',
  examples: ['512Mi', '1Gi'],
});
/** A whole number, zero or more. */
export const countField = z.number().int().nonnegative();

/*
 * Upper bounds on counts. They are not limits of the real systems; they keep a typo (an extra
 * zero, 1e30) from turning into an expansion that never ends or exhausts memory. Kubernetes
 * itself tests clusters up to 5 000 nodes and 150 000 pods (its scalability thresholds), so these
 * leave ample room.
 */
/** Most nodes of a cluster (all groups and explicit nodes together); checked by the loader. */
export const MAX_NODES = 100_000;
/** Most replicas of one service. */
export const MAX_REPLICAS = 1_000_000;
/** Most tasks of one batch job (a count or a draw of a count distribution is capped here). */
export const MAX_TASKS_PER_JOB = 1_000_000;
/** Most jobs one `arrivals` block or one `burst` event may generate. */
export const MAX_GENERATED_JOBS = 1_000_000;

/** Labels (or a label selector): string keys to string values. */
export const labelsField = z.record(z.string(), z.string());
/** A Kubernetes taint of a node: key, optional value, effect. */
export const taintField = z.strictObject({
  key: z.string().min(1),
  value: z.string().optional(),
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']),
});
const tolerationField = z.strictObject({
  key: z.string().optional(),
  operator: z.enum(['Equal', 'Exists']).prefault('Equal'),
  value: z.string().optional(),
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']).optional(),
  tolerationSeconds: z.number().int().nonnegative().optional(),
});
const requirementField = z.strictObject({
  key: z.string().min(1),
  operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt']),
  values: z.array(z.string()).prefault([]),
});
const termField = z.strictObject({ matchExpressions: z.array(requirementField).min(1) });

/** Where a task may run (the Kubernetes vocabulary; the Mesos engine maps it to attribute constraints). */
export const constraintsField = z
  .strictObject({
    nodeSelector: labelsField.prefault({}),
    nodeName: z.string().optional(),
    tolerations: z.array(tolerationField).prefault([]),
    affinity: z
      .strictObject({
        required: z.array(termField).prefault([]),
        preferred: z.array(z.strictObject({ weight: z.number().int().min(1).max(100), term: termField })).prefault([]),
      })
      .prefault({ required: [], preferred: [] }),
  })
  .transform((c): PlacementConstraints => ({
    nodeSelector: c.nodeSelector,
    ...(c.nodeName !== undefined ? { nodeName: c.nodeName } : {}),
    tolerations: c.tolerations,
    requiredTerms: c.affinity.required,
    preferredTerms: c.affinity.preferred,
  }))
  .meta({ id: 'Constraints', description: 'where a task may run: nodeSelector, nodeName, tolerations, node affinity' });

/** Constraints of a workload that gives none: no selector, no tolerations, no affinity. */
export const defaultConstraints = { nodeSelector: {}, tolerations: [], affinity: { required: [], preferred: [] } };

/**
 * A distribution of durations: a plain duration (constant) or `{ kind, ... }` with durations as
 * parameters; lognormal takes mu and sigma of the natural log of seconds. Empirical takes samples.
 */
export const durationDistributionField = z
  .union([
    durationField.transform((d): DistributionSpec => ({ kind: 'constant', value: toSeconds(d) })),
    z.discriminatedUnion('kind', [
      z
        .strictObject({ kind: z.literal('constant'), value: durationField })
        .transform((d): DistributionSpec => ({ kind: 'constant', value: toSeconds(d.value) })),
      z
        .strictObject({ kind: z.literal('uniform'), min: durationField, max: durationField })
        .refine((d) => d.min <= d.max, { message: 'min must not exceed max', path: ['max'] })
        .transform((d): DistributionSpec => ({ kind: 'uniform', min: toSeconds(d.min), max: toSeconds(d.max) })),
      z
        .strictObject({ kind: z.literal('exponential'), mean: durationField })
        .transform((d): DistributionSpec => ({ kind: 'exponential', mean: toSeconds(d.mean) })),
      z
        .strictObject({ kind: z.literal('normal'), mean: durationField, stddev: durationField })
        .transform((d): DistributionSpec => ({ kind: 'normal', mean: toSeconds(d.mean), stddev: toSeconds(d.stddev) })),
      z
        .strictObject({ kind: z.literal('lognormal'), mu: z.number().min(-50).max(50), sigma: z.number().nonnegative().max(10) })
        .transform((d): DistributionSpec => ({ kind: 'lognormal', mu: d.mu, sigma: d.sigma })),
      z
        .strictObject({ kind: z.literal('empirical'), samples: z.array(durationField).min(1) })
        .transform((d): DistributionSpec => ({ kind: 'empirical', samples: d.samples.map(toSeconds) })),
    ]),
  ])
  .meta({
    id: 'DurationDistribution',
    description: 'a duration (constant) or { kind: constant | uniform | exponential | normal | lognormal | empirical, ... }',
  });

/** A distribution of counts (e.g. tasks per job): a whole number or `{ kind, ... }` over numbers. */
export const countDistributionField = z
  .union([
    z
      .number()
      .int()
      .min(1)
      .max(MAX_TASKS_PER_JOB)
      .transform((n): DistributionSpec => ({ kind: 'constant', value: n })),
    z.discriminatedUnion('kind', [
      z
        .strictObject({ kind: z.literal('uniform'), min: z.number().int().min(1).max(MAX_TASKS_PER_JOB), max: z.number().int().min(1).max(MAX_TASKS_PER_JOB) })
        .refine((d) => d.min <= d.max, { message: 'min must not exceed max', path: ['max'] })
        .transform((d): DistributionSpec => ({ kind: 'uniform', min: d.min, max: d.max })),
      z
        .strictObject({ kind: z.literal('exponential'), mean: z.number().positive().max(MAX_TASKS_PER_JOB) })
        .transform((d): DistributionSpec => ({ kind: 'exponential', mean: d.mean })),
      z
        .strictObject({ kind: z.literal('empirical'), samples: z.array(z.number().int().min(1).max(MAX_TASKS_PER_JOB)).min(1) })
        .transform((d): DistributionSpec => ({ kind: 'empirical', samples: d.samples })),
    ]),
  ])
  .meta({ id: 'CountDistribution', description: 'a whole number (constant) or { kind: uniform | exponential | empirical, ... }' });
