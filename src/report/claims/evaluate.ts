import { type ClaimSpec, formatMetric, type MetricRef, parseMetric } from '../../metrics/claims.js';
import { type ClaimData, type ClaimTrial } from './claim-data.js';
import { metricValue, type TimeWindow, unknownMetric } from './metric-value.js';
import { compare } from './relation.js';

/** The outcome of a claim: it holds, it fails, it could not be evaluated (an engine it names did not run), or it is broken (an unknown metric). */
export type ClaimVerdict = 'holds' | 'fails' | 'not-evaluated' | 'error';

/** Why a claim was not evaluated (engines or sweep values that did not run, no trial) or cannot be (a metric the results lack). */
export type ClaimWhy =
  | { readonly kind: 'engines-missing'; readonly names: readonly string[] }
  | { readonly kind: 'sweep-values-missing'; readonly names: readonly string[] }
  | { readonly kind: 'no-trials' }
  | { readonly kind: 'unknown-metric'; readonly metric: string; readonly near?: string };

/** One comparison a claim makes: one engine, one sweep value, one seed (or the mean over seeds). */
export interface ClaimCheck {
  readonly engine: string;
  /** The swept value ('' when the scenario is no sweep). */
  readonly sweepValue: string;
  /** The seed, or 'mean' for a claim on the mean over seeds. */
  readonly seed: number | 'mean';
  /** The left-hand side: the claim's metric on this engine. */
  readonly left: number;
  /** The right-hand side (factor applied), or the bounds of `between`. */
  readonly right: number | readonly [number, number];
  readonly holds: boolean;
}

/** A claim with its verdict and its evidence. */
export interface ClaimResult {
  readonly claim: ClaimSpec;
  readonly verdict: ClaimVerdict;
  /** Why a claim is not evaluated or broken, in English (for the command line and tests). */
  readonly reason?: string;
  /** The same, as data for the report to put in its language. */
  readonly why?: ClaimWhy;
  /** Every comparison made, in engine, sweep value, seed order. */
  readonly checks: readonly ClaimCheck[];
}

/** Evaluates every claim of a scenario on its data; pure. */
export function evaluateClaims(claims: readonly ClaimSpec[], data: ClaimData): ClaimResult[] {
  return claims.map((c) => evaluateClaim(c, data));
}

/**
 * Evaluates one claim. Each engine of `engines` is checked on its own: against the constant or
 * bounds, against the same metric of `than.engine`, or against `than.metric` of itself. On
 * `every-seed` each seed is one check; on `mean` the two sides are averaged over the seeds first.
 * A check with a missing number (a failed trial, a metric the trial lacks) fails. Every check must
 * hold for the claim to hold.
 */
export function evaluateClaim(claim: ClaimSpec, data: ClaimData): ClaimResult {
  const left = parse(claim.metric);
  const right = claim.than?.metric !== undefined ? parse(claim.than.metric) : left;
  if (!left.ok) return { claim, verdict: 'error', reason: left.error, why: { kind: 'unknown-metric', metric: claim.metric }, checks: [] };
  if (!right.ok) return { claim, verdict: 'error', reason: right.error, why: { kind: 'unknown-metric', metric: claim.than?.metric ?? '' }, checks: [] };
  for (const ref of [left.ref, right.ref]) {
    const unknown = unknownMetric(data, ref);
    if (unknown !== undefined) {
      return {
        claim,
        verdict: 'error',
        reason: unknown.message,
        why: { kind: 'unknown-metric', metric: formatMetric(ref), ...(unknown.near !== undefined ? { near: unknown.near } : {}) },
        checks: [],
      };
    }
  }
  const ran = new Set(data.trials.map((t) => t.engine));
  const missing = [...claim.engines, ...(claim.than?.engine !== undefined ? [claim.than.engine] : [])].filter((e) => !ran.has(e));
  if (missing.length > 0) {
    const names = [...new Set(missing)];
    return { claim, verdict: 'not-evaluated', reason: `${names.join(', ')} did not run`, why: { kind: 'engines-missing', names }, checks: [] };
  }
  const present = [...new Set(data.trials.map((t) => t.sweepValue))];
  const sweepValues = claim.sweepValues?.map(String) ?? present;
  const absent = sweepValues.filter((v) => !present.includes(v));
  if (absent.length > 0)
    return {
      claim,
      verdict: 'not-evaluated',
      reason: `sweep value ${absent.join(', ')} did not run`,
      why: { kind: 'sweep-values-missing', names: absent },
      checks: [],
    };

  const leftWindow: TimeWindow | undefined = claim.window;
  const rightWindow: TimeWindow | undefined = claim.than?.window ?? (claim.than?.metric === undefined ? claim.window : undefined);
  const factor = claim.than?.factor ?? 1;
  const checks: ClaimCheck[] = [];
  for (const engine of claim.engines) {
    const otherEngine = claim.than?.engine ?? engine;
    for (const sweepValue of sweepValues) {
      const mine = trialsOf(data, engine, sweepValue);
      const theirs = trialsOf(data, otherEngine, sweepValue);
      const seeds = [...new Set([...mine.keys(), ...theirs.keys()])].sort((a, b) => a - b);
      const leftOf = (seed: number): number => {
        const t = mine.get(seed);
        return t ? metricValue(t, left.ref, leftWindow) : NaN;
      };
      const rightOf = (seed: number): number => {
        if (claim.than?.value !== undefined) return claim.than.value;
        const t = theirs.get(seed);
        return t ? metricValue(t, right.ref, rightWindow) * factor : NaN;
      };
      const points =
        claim.on === 'mean'
          ? [{ seed: 'mean' as const, l: mean(seeds.map(leftOf)), r: mean(seeds.map(rightOf)) }]
          : seeds.map((seed) => ({ seed, l: leftOf(seed), r: rightOf(seed) }));
      for (const p of points) {
        const rhs = claim.relation === 'between' ? (claim.bounds as readonly [number, number]) : p.r;
        checks.push({ engine, sweepValue, seed: p.seed, left: p.l, right: rhs, holds: compare(p.l, claim.relation, rhs, claim.tolerance) });
      }
    }
  }
  if (checks.length === 0) return { claim, verdict: 'not-evaluated', reason: 'no trial to evaluate', why: { kind: 'no-trials' }, checks };
  return { claim, verdict: checks.every((c) => c.holds) ? 'holds' : 'fails', checks };
}

/** How many claims hold, of how many, and how many fail, were not evaluated, or are broken. */
export interface ClaimTally {
  readonly total: number;
  readonly holds: number;
  readonly fails: number;
  readonly notEvaluated: number;
  readonly errors: number;
}

/** Counts the verdicts of evaluated claims. */
export function tallyClaims(results: readonly ClaimResult[]): ClaimTally {
  const count = (v: ClaimVerdict): number => results.filter((r) => r.verdict === v).length;
  return { total: results.length, holds: count('holds'), fails: count('fails'), notEvaluated: count('not-evaluated'), errors: count('error') };
}

function parse(text: string): { ok: true; ref: MetricRef } | { ok: false; error: string } {
  return parseMetric(text);
}

function trialsOf(data: ClaimData, engine: string, sweepValue: string): Map<number, ClaimTrial> {
  return new Map(data.trials.filter((t) => t.engine === engine && t.sweepValue === sweepValue).map((t) => [t.seed, t]));
}

/** The mean; NaN when any value is missing (a mean over fewer seeds than claimed would mislead). */
function mean(values: readonly number[]): number {
  if (values.length === 0 || values.some((v) => !Number.isFinite(v))) return NaN;
  return values.reduce((a, b) => a + b, 0) / values.length;
}
