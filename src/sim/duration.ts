import { type SimDuration } from './time.js';

/** Microseconds per unit accepted in duration strings. */
const UNIT_MICROS: Readonly<Record<string, number>> = {
  us: 1,
  µs: 1,
  ms: 1_000,
  s: 1_000_000,
  m: 60_000_000,
  h: 3_600_000_000,
  d: 86_400_000_000,
};

const PART = /(\d+(?:\.\d+)?)(us|µs|ms|s|m|h|d)/y;

/** The outcome of parsing a duration string: a value, or the reason it is not one. */
export type DurationParse = { readonly ok: true; readonly value: SimDuration } | { readonly ok: false; readonly error: string };

/**
 * Parses a duration such as `250ms`, `5s`, `2m`, `1h30m`, `1.5s` or `0` into whole microseconds.
 * Parts must be in decreasing unit order is not required, but each part needs a unit; a bare
 * number other than 0 is rejected because its unit would be a guess.
 */
export function parseDuration(text: string): DurationParse {
  const s = text.trim();
  if (s === '0') return { ok: true, value: 0 as SimDuration };
  if (s.length === 0) return { ok: false, error: 'empty duration (write e.g. 250ms, 5s, 2m, 1h30m)' };
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < s.length) {
    const start = PART.lastIndex;
    const m = PART.exec(s);
    if (!m) {
      const hint = /^\d+(\.\d+)?$/.test(s) ? ' (a number needs a unit: us, ms, s, m, h or d)' : ' (write e.g. 250ms, 5s, 2m, 1h30m)';
      return { ok: false, error: `invalid duration "${text}" at character ${start + 1}${hint}` };
    }
    total += Number(m[1]) * (UNIT_MICROS[m[2] as string] as number);
  }
  const value = Math.round(total);
  if (!Number.isSafeInteger(value)) return { ok: false, error: `duration "${text}" is too large` };
  return { ok: true, value: value as SimDuration };
}

/** Like {@link parseDuration} but throws; for literals in code and tests. */
export function duration(text: string): SimDuration {
  const r = parseDuration(text);
  if (!r.ok) throw new RangeError(r.error);
  return r.value;
}

/** Formats a duration compactly for humans (`1h30m`, `250ms`, `1.5s`). Not used in CSV, which holds numbers. */
export function formatDuration(d: SimDuration): string {
  if (d === 0) return '0s';
  const sign = d < 0 ? '-' : '';
  let rest = Math.abs(d);
  const parts: string[] = [];
  for (const [unit, size] of [
    ['d', 86_400_000_000],
    ['h', 3_600_000_000],
    ['m', 60_000_000],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  if (rest > 0) {
    if (rest >= 1_000_000 || parts.length > 0) parts.push(`${+(rest / 1_000_000).toFixed(6)}s`);
    else if (rest >= 1_000) parts.push(`${+(rest / 1_000).toFixed(3)}ms`);
    else parts.push(`${rest}us`);
  }
  return sign + parts.join('');
}
