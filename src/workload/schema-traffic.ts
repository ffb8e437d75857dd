import { z } from 'zod';
import { type Prices, type RateCurve, type ServiceLevel, type ServiceTimeKind, type TrafficSpec } from '../intents/traffic.js';
import { type SimDuration, toSeconds } from '../sim/time.js';
import { durationField } from './schema-fields.js';

/*
 * Request traffic of a Service, the scenario's prices and its service levels (schema.ts is the entry;
 * the meanings are in intents/traffic.ts). A CSV rate file is read when a trial starts (workload/
 * traffic/rate-file.ts), relative to the scenario's folder; here it is only named.
 */

/** Most requests per second a rate may state (a typo guard: 10⁹ req/s is far beyond any one service). */
export const MAX_RPS = 1_000_000_000;

const rpsField = z.number().min(0).max(MAX_RPS);

/** A rate over time: a number (constant), `{ constant }`, `{ steps }`, `{ diurnal }` or `{ csv }`. */
const rateField = z
  .union([
    rpsField.transform((rps): RateCurve => ({ kind: 'constant', rps })),
    z.strictObject({ constant: rpsField }).transform((r): RateCurve => ({ kind: 'constant', rps: r.constant })),
    z
      .strictObject({ steps: z.array(z.strictObject({ at: durationField, rate: rpsField })).min(1) })
      .refine((r) => r.steps.every((s, i) => i === 0 || s.at > (r.steps[i - 1] as { at: number }).at), {
        message: 'steps must be in increasing time order',
        path: ['steps'],
      })
      .transform((r): RateCurve => ({ kind: 'steps', steps: r.steps.map((s) => ({ at: s.at, rps: s.rate })) })),
    z
      .strictObject({
        diurnal: z
          .strictObject({ mean: rpsField, amplitude: rpsField.prefault(0), period: durationField.prefault('24h'), peakAt: durationField.prefault(0) })
          .refine((d) => d.period > 0, { message: 'period must be longer than 0', path: ['period'] }),
      })
      .transform((r): RateCurve => ({ kind: 'diurnal', ...r.diurnal })),
    z.strictObject({ csv: z.string().min(1) }).transform((r): RateCurve => ({ kind: 'per-minute', file: r.csv, rps: [] })),
  ])
  .meta({
    id: 'RequestRate',
    description:
      'requests per second: a number, { constant: n }, { steps: [{ at, rate }] }, { diurnal: { mean, amplitude, period, peakAt } } or { csv: file } (one rate per minute, relative to the scenario)',
  });

/** The service time of one request: its mean (default 1 / capacityPerReplica) and its distribution. */
const serviceTimeField = z
  .strictObject({
    mean: durationField.optional(),
    distribution: z.enum(['exponential', 'deterministic', 'lognormal']).prefault('exponential'),
    /** Coefficient of variation (standard deviation / mean), for lognormal only. */
    cv: z.number().positive().max(20).optional(),
  })
  .prefault({});

/**
 * `traffic:` of a Service. One replica is `capacityPerReplica × serviceTime.mean` servers (a whole
 * number: a web server with 4 workers at 50 ms serves 80 req/s); the default mean makes it one.
 */
export const trafficField = z
  .strictObject({
    rate: rateField,
    capacityPerReplica: z.number().positive().max(MAX_RPS),
    serviceTime: serviceTimeField,
  })
  .transform((t, ctx): TrafficSpec => {
    const st = t.serviceTime;
    const meanService = st.mean !== undefined ? toSeconds(st.mean) : 1 / t.capacityPerReplica;
    if (!(meanService > 0)) {
      ctx.addIssue({ code: 'custom', message: 'must be longer than 0', path: ['serviceTime', 'mean'] });
      return z.NEVER;
    }
    const servers = t.capacityPerReplica * meanService;
    const whole = Math.round(servers);
    if (whole < 1 || Math.abs(servers - whole) > 1e-6 * Math.max(1, servers)) {
      ctx.addIssue({
        code: 'custom',
        message: `capacityPerReplica × serviceTime.mean must be a whole number of requests served at once (≥ 1), got ${servers.toPrecision(6)}`,
        path: ['serviceTime', 'mean'],
      });
      return z.NEVER;
    }
    if ((st.distribution === 'lognormal') !== (st.cv !== undefined)) {
      ctx.addIssue({ code: 'custom', message: 'cv is required with distribution lognormal, and only there', path: ['serviceTime', 'cv'] });
      return z.NEVER;
    }
    const shape: ServiceTimeKind = st.distribution === 'lognormal' ? { kind: 'lognormal', cv: st.cv as number } : { kind: st.distribution };
    return { rate: t.rate, capacityPerReplica: t.capacityPerReplica, meanService, serversPerReplica: whole, shape };
  });

const priceField = z.number().min(0).max(1_000_000);

/** `prices:` per CPU-hour and per GiB-hour of allocated resources, or per node-hour. */
export const pricesField = z
  .strictObject({ cpuHour: priceField.optional(), memoryGiBHour: priceField.optional(), nodeHour: priceField.optional() })
  .transform((p, ctx): Prices => {
    const perResource = p.cpuHour !== undefined || p.memoryGiBHour !== undefined;
    if (perResource === (p.nodeHour !== undefined)) {
      ctx.addIssue({ code: 'custom', message: 'give cpuHour and/or memoryGiBHour, or nodeHour (not both)', path: perResource ? ['nodeHour'] : [] });
      return z.NEVER;
    }
    return perResource ? { kind: 'resources', cpuHour: p.cpuHour ?? 0, memoryGiBHour: p.memoryGiBHour ?? 0 } : { kind: 'node', nodeHour: p.nodeHour as number };
  });

/** `99%`, `99.9%` or a number of per cent. */
const percentField = z.union([z.number(), z.string().regex(/^\d+(\.\d+)?%$/, 'a percentage such as 99% or 99.9%')]).transform((v, ctx): number => {
  const pct = typeof v === 'number' ? v : Number(v.slice(0, -1));
  if (!(pct > 0 && pct < 100)) {
    ctx.addIssue({ code: 'custom', message: `must be above 0% and below 100%, got ${String(v)}` });
    return z.NEVER;
  }
  return pct / 100;
});

/** `2.5` or `2.5$/h`: price units per hour. */
const costCapField = z
  .union([priceField, z.string().regex(/^\d+(\.\d+)?\$\/h$/, 'a cost per hour such as 2.5$/h or 2.5')])
  .transform((v) => (typeof v === 'number' ? v : Number(v.slice(0, -3))));

/** One entry of `serviceLevels:`, in the seed's `API-Sla` shape. */
export const serviceLevelField = z
  .strictObject({
    name: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a name is lower-case letters, digits and dashes'),
    percent: percentField,
    latency: durationField,
    cost: costCapField.optional(),
    selector: z.strictObject({ app: z.string().min(1) }),
  })
  .transform((s, ctx): ServiceLevel => {
    if (s.latency <= 0) {
      ctx.addIssue({ code: 'custom', message: 'must be longer than 0', path: ['latency'] });
      return z.NEVER;
    }
    return {
      name: s.name,
      fraction: s.percent,
      latency: s.latency as SimDuration,
      ...(s.cost !== undefined ? { costPerHour: s.cost } : {}),
      service: s.selector.app,
    };
  });
