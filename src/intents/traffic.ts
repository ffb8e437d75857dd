import { type SimDuration, type SimTime, toSeconds } from '../sim/time.js';

/*
 * Request traffic, prices and service levels: what a scenario asks of a service beyond its replicas.
 * The observer measures against them (request latency, cost, attainment); engines see only that a
 * service takes requests (ServiceTemplate.endpoints), so that their service discovery publishes it.
 */

/**
 * Requests per second over virtual time. `per-minute` holds one rate per minute from a CSV file
 * (minute i covers [i, i+1) min; after the last row the last rate holds).
 */
export type RateCurve =
  | { readonly kind: 'constant'; readonly rps: number }
  | { readonly kind: 'steps'; readonly steps: readonly { readonly at: SimTime; readonly rps: number }[] }
  | {
      /** mean + amplitude·cos(2π(t − peakAt)/period): a day's cycle with its peak at `peakAt`. */
      readonly kind: 'diurnal';
      readonly mean: number;
      readonly amplitude: number;
      readonly period: SimDuration;
      readonly peakAt: SimDuration;
    }
  | { readonly kind: 'per-minute'; readonly file: string; readonly rps: readonly number[] };

/** The service-time distribution's shape (its mean is {@link TrafficSpec.meanService}). */
export type ServiceTimeKind = { readonly kind: 'exponential' } | { readonly kind: 'deterministic' } | { readonly kind: 'lognormal'; readonly cv: number };

/** A service's request traffic and what one replica can serve. */
export interface TrafficSpec {
  readonly rate: RateCurve;
  /** Requests per second one replica serves at its CPU request (its throughput at ρ = 1). */
  readonly capacityPerReplica: number;
  /** Mean service time of one request, seconds. */
  readonly meanService: number;
  /** Requests one replica serves at once: capacityPerReplica × meanService (a whole number ≥ 1). */
  readonly serversPerReplica: number;
  readonly shape: ServiceTimeKind;
}

/** Prices of allocated resources: per CPU-hour and per GiB-hour, or per node-hour (pro-rated by dominant share). */
export type Prices =
  { readonly kind: 'resources'; readonly cpuHour: number; readonly memoryGiBHour: number } | { readonly kind: 'node'; readonly nodeHour: number };

/** A declared goal for a service (the seed's `API-Sla`): `percent` of requests within `latency`, at most `costPerHour`. */
export interface ServiceLevel {
  readonly name: string;
  /** Share of requests that must meet the latency, as a fraction (0.99). */
  readonly fraction: number;
  readonly latency: SimDuration;
  /** Cost cap in price units per hour; absent = no cap. */
  readonly costPerHour?: number;
  /** The service it selects (`selector: { app: <service> }`). */
  readonly service: string;
}

/** The rate at `t`. */
export function rateAt(curve: RateCurve, t: SimTime): number {
  switch (curve.kind) {
    case 'constant':
      return curve.rps;
    case 'steps': {
      let r = 0;
      for (const s of curve.steps) if (s.at <= t) r = s.rps;
      return r;
    }
    case 'diurnal':
      return Math.max(0, curve.mean + curve.amplitude * Math.cos((2 * Math.PI * (t - curve.peakAt)) / curve.period));
    case 'per-minute': {
      const i = Math.min(curve.rps.length - 1, Math.floor(toSeconds(t) / 60));
      return curve.rps[i] ?? 0;
    }
  }
}

/** Times strictly inside (a, b) where a piecewise-constant curve changes, ascending; none for a diurnal curve. */
export function rateBreakpoints(curve: RateCurve, a: SimTime, b: SimTime): SimTime[] {
  switch (curve.kind) {
    case 'constant':
    case 'diurnal':
      return [];
    case 'steps':
      return curve.steps.map((s) => s.at).filter((t) => t > a && t < b);
    case 'per-minute': {
      const out: SimTime[] = [];
      const minute = 60_000_000;
      for (let t = (Math.floor(a / minute) + 1) * minute; t < b && t / minute < curve.rps.length; t += minute) out.push(t as SimTime);
      return out;
    }
  }
}

/** Diurnal averaging: sub-intervals per segment for the midpoint rule. */
const DIURNAL_SLICES = 16;

/** Mean rate over [a, b] (exact for piecewise-constant curves; the midpoint rule for a diurnal one). */
export function averageRate(curve: RateCurve, a: SimTime, b: SimTime): number {
  if (b <= a) return rateAt(curve, a);
  if (curve.kind !== 'diurnal') {
    let sum = 0;
    let from = a;
    for (const t of [...rateBreakpoints(curve, a, b), b]) {
      sum += rateAt(curve, from) * (t - from);
      from = t;
    }
    return sum / (b - a);
  }
  let sum = 0;
  const h = (b - a) / DIURNAL_SLICES;
  for (let i = 0; i < DIURNAL_SLICES; i++) sum += rateAt(curve, (a + (i + 0.5) * h) as SimTime);
  return sum / DIURNAL_SLICES;
}

/** The times at which a step curve's rate rises (load steps up), for the time to restore a goal. */
export function loadStepsUp(curve: RateCurve): SimTime[] {
  if (curve.kind !== 'steps') return [];
  const out: SimTime[] = [];
  let prev = 0;
  for (const s of curve.steps) {
    if (s.rps > prev && s.at > 0) out.push(s.at);
    prev = s.rps;
  }
  return out;
}
