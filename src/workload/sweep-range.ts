import { formatDuration, parseDuration } from '../sim/duration.js';

/** A sweep written as a range instead of a list of values. */
export interface SweepRange {
  /** A number, or a duration such as `100ms` (then `to` must be one too). */
  readonly from: number | string;
  readonly to: number | string;
  /** How many values, both ends included (≥ 2). */
  readonly steps: number;
  /** Evenly spaced (`linear`) or evenly spaced on a log scale (`log`: from and to must be > 0). */
  readonly scale: 'linear' | 'log';
}

/** The values of a range, or why it has none. */
export type RangeExpansion = { readonly ok: true; readonly values: readonly (number | string)[] } | { readonly ok: false; readonly error: string };

/**
 * Expands a range into the list of values a sweep runs. Durations are interpolated in microseconds
 * and written back as duration strings; whole-number ends give whole numbers (for counts such as
 * replicas), with duplicates from rounding dropped; other numbers keep six significant digits.
 */
export function expandSweepRange(range: SweepRange): RangeExpansion {
  const isDuration = typeof range.from === 'string' || typeof range.to === 'string';
  const read = (v: number | string): number | undefined => {
    if (!isDuration) return v as number;
    if (typeof v !== 'string') return undefined;
    const d = parseDuration(v);
    return d.ok ? d.value : undefined;
  };
  const from = read(range.from);
  const to = read(range.to);
  if (from === undefined || to === undefined) return { ok: false, error: 'from and to must both be numbers or both be durations (e.g. 100ms and 100s)' };
  if (range.scale === 'log' && (from <= 0 || to <= 0)) return { ok: false, error: 'a log-scale range needs from and to greater than 0' };
  const n = range.steps;
  const raw: number[] = [];
  for (let i = 0; i < n; i++) {
    const f = i / (n - 1);
    raw.push(range.scale === 'log' ? from * (to / from) ** f : from + (to - from) * f);
  }
  raw[n - 1] = to;
  let values: (number | string)[];
  if (isDuration) values = raw.map((v) => formatDuration(Math.round(v) as never));
  else if (Number.isInteger(from) && Number.isInteger(to)) values = raw.map((v) => Math.round(v));
  else values = raw.map((v) => Number(v.toPrecision(6)));
  return { ok: true, values: [...new Set(values)] };
}
