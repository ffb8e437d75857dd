/**
 * The vocabulary of a scenario's claims (DESIGN.md §6a) as plain data: what a claim is, and which
 * number of a trial's results it is about. The scenario schema (workload/claims-schema.ts) produces
 * values of {@link ClaimSpec}; the report evaluates them (report/claims/). Metrics take four forms,
 * one per results file a number comes from:
 *
 * - `<column>`: a runs.csv column, e.g. `jain`, `sched_p50_s`, `sync_informed_p50_s`;
 * - `counter:<name>`: a counters.csv row, e.g. `counter:share-avg:a`, `counter:offers-declined`;
 * - `latency:<metric>:<group>:<stat>`: a latency.csv cell, e.g. `latency:sync-informed:all:p50`
 *   (stat: count, mean, min, p50, p90, p99 or max);
 * - `series:<name>`: the mean of a timeseries.csv series over the claim's `window` (the whole run
 *   without one), e.g. `series:locked/cpu`.
 *
 * Parsing checks the form only; whether a column, counter or series exists is known from results.
 */
export type MetricRef =
  | { readonly kind: 'run'; readonly column: string }
  | { readonly kind: 'counter'; readonly name: string }
  | { readonly kind: 'latency'; readonly metric: string; readonly group: string; readonly stat: LatencyStat }
  | { readonly kind: 'series'; readonly name: string };

/** The statistics of a latency.csv row a claim may name (its columns without `_s`). */
export const LATENCY_STATS = ['count', 'mean', 'min', 'p50', 'p90', 'p99', 'max'] as const;
export type LatencyStat = (typeof LATENCY_STATS)[number];

/** The relations a claim may state. */
export type ClaimRelation = '<' | '<=' | '>' | '>=' | '≈' | 'between';

/** Slack of a comparison: absolute (in the metric's unit) or a fraction of the right-hand side. */
export type ClaimTolerance = { readonly kind: 'absolute'; readonly value: number } | { readonly kind: 'relative'; readonly fraction: number };

/** A stretch of simulated time in seconds, both ends included. */
export interface ClaimWindow {
  readonly from: number;
  readonly to: number;
}

/**
 * One claim of a lesson, validated: `metric` of each engine of `engines` stands in `relation` to a
 * constant (`than.value`), to the same metric of another engine (`than.engine`), to another metric
 * of the same engine (`than.metric`), times `than.factor`, or to `bounds` (between); on every seed
 * or on the mean over seeds; for a sweep, at `sweepValues` (default: every value).
 */
export interface ClaimSpec {
  readonly id: string;
  readonly text: string;
  readonly metric: string;
  readonly window?: ClaimWindow;
  readonly engines: readonly string[];
  readonly relation: ClaimRelation;
  readonly than?: {
    readonly value?: number;
    readonly engine?: string;
    readonly metric?: string;
    readonly window?: ClaimWindow;
    readonly factor: number;
  };
  /** `[low, high]`, both included (between). */
  readonly bounds?: readonly number[];
  readonly on: 'every-seed' | 'mean';
  readonly tolerance?: ClaimTolerance;
  readonly sweepValues?: readonly (number | string | boolean)[];
}

/** The prefixes of the metric vocabulary, for error messages. */
export const METRIC_FORMS = '<runs.csv column>, counter:<name>, latency:<metric>:<group>:<stat> or series:<name>';

/** A parsed metric, or why the text is not one. */
export type MetricParse = { readonly ok: true; readonly ref: MetricRef } | { readonly ok: false; readonly error: string; readonly suggestion?: string };

/** Parses a claim's metric text (see {@link MetricRef}); pure. */
export function parseMetric(text: string): MetricParse {
  const colon = text.indexOf(':');
  if (colon < 0) {
    if (/^[a-z][a-z0-9_]*$/.test(text)) return { ok: true, ref: { kind: 'run', column: text } };
    return { ok: false, error: `"${text}" is not a metric: write ${METRIC_FORMS}` };
  }
  const prefix = text.slice(0, colon);
  const rest = text.slice(colon + 1);
  if (rest === '') return { ok: false, error: `"${text}" names no ${prefix === 'latency' ? 'latency row' : prefix}` };
  switch (prefix) {
    case 'counter':
      return { ok: true, ref: { kind: 'counter', name: rest } };
    case 'series':
      return { ok: true, ref: { kind: 'series', name: rest } };
    case 'latency': {
      const parts = rest.split(':');
      if (parts.length !== 3 || parts.some((p) => p === ''))
        return { ok: false, error: `"${text}" is not latency:<metric>:<group>:<stat> (e.g. latency:sync-informed:all:p50)` };
      const [metric, group, stat] = parts as [string, string, string];
      if (!(LATENCY_STATS as readonly string[]).includes(stat))
        return { ok: false, error: `"${stat}" is not a latency statistic (${LATENCY_STATS.join(', ')})` };
      return { ok: true, ref: { kind: 'latency', metric, group, stat: stat as LatencyStat } };
    }
    default:
      return {
        ok: false,
        error: `"${prefix}:" is not a metric prefix: write ${METRIC_FORMS}`,
        ...(closestPrefix(prefix) ? { suggestion: `${closestPrefix(prefix)}:${rest}` } : {}),
      };
  }
}

function closestPrefix(prefix: string): string | undefined {
  return ['counter', 'series', 'latency'].find((p) => p.startsWith(prefix.slice(0, 3)));
}

/** The metric written back as text (the inverse of {@link parseMetric}). */
export function formatMetric(ref: MetricRef): string {
  switch (ref.kind) {
    case 'run':
      return ref.column;
    case 'counter':
      return `counter:${ref.name}`;
    case 'latency':
      return `latency:${ref.metric}:${ref.group}:${ref.stat}`;
    case 'series':
      return `series:${ref.name}`;
  }
}
