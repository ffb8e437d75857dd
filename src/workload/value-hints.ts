import { parseQuantity } from '../cluster/quantity.js';
import { parseDuration } from '../sim/duration.js';

/*
 * Corrections for the usual ways of writing a duration or a quantity that the parsers reject,
 * offered as "did you mean". A hint is only given when the corrected text parses.
 */

/** Spelled-out or alternative unit names → the unit parseDuration reads. */
const DURATION_UNITS: Readonly<Record<string, string>> = {
  us: 'us',
  usec: 'us',
  usecs: 'us',
  micros: 'us',
  microsecond: 'us',
  microseconds: 'us',
  ms: 'ms',
  msec: 'ms',
  msecs: 'ms',
  millis: 'ms',
  millisecond: 'ms',
  milliseconds: 'ms',
  s: 's',
  sec: 's',
  secs: 's',
  second: 's',
  seconds: 's',
  m: 'm',
  min: 'm',
  mins: 'm',
  minute: 'm',
  minutes: 'm',
  h: 'h',
  hr: 'h',
  hrs: 'h',
  hour: 'h',
  hours: 'h',
  d: 'd',
  day: 'd',
  days: 'd',
};

/** `5 sec` → `5s`, `10mins` → `10m`, `1h 30m` → `1h30m`, a bare `5` → `5s`; undefined when no correction parses. */
export function durationHint(value: string | number): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? `${value}s` : undefined;
  const text = value.trim().toLowerCase();
  // Only numbers with (possibly spelled-out) units, nothing else: `-5s` or `5s!` get no hint.
  if (!/^(\d+(\.\d+)?\s*[a-zµ]*\s*)+$/.test(text)) return undefined;
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)\s*([a-zµ]*)/g)];
  // A lone bare number is most often meant in seconds.
  const unitOf = (u: string): string => (u === '' && parts.length === 1 ? 's' : (DURATION_UNITS[u] ?? '?'));
  const rebuilt = parts.map((m) => `${m[1]}${unitOf(m[2] as string)}`).join('');
  return rebuilt !== value && parseDuration(rebuilt).ok ? rebuilt : undefined;
}

/** `4Gb`/`4GB` → `4Gi` (memory is usually meant in binary units), `512mb` → `512Mi`, `2 cores` → `2`; undefined otherwise. */
export function quantityHint(value: string | number): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^\s*([+-]?\d+(?:\.\d+)?)\s*([kmgtpe])i?b?\s*$/i.exec(value);
  if (m) {
    const hint = `${m[1]}${(m[2] as string).toUpperCase()}i`;
    return hint !== value && parseQuantity(hint).ok ? hint : undefined;
  }
  const cores = /^\s*(\d+(?:\.\d+)?)\s*(cores?|cpus?)\s*$/i.exec(value);
  return cores ? cores[1] : undefined;
}
