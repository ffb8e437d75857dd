import { type Messages } from './i18n/messages.js';
import { type Spread } from './stats.js';

/**
 * A number with precision that fits its size (3 significant digits below 10, fewer decimals above),
 * trailing zeros dropped. Digits are ASCII in every language, so tables line up.
 */
export function fmtNum(x: number): string {
  if (!Number.isFinite(x)) return '';
  const a = Math.abs(x);
  let text: string;
  if (a === 0) text = '0';
  else if (a >= 100) text = x.toFixed(0);
  else if (a >= 10) text = x.toFixed(1);
  else if (a >= 1) text = x.toFixed(2);
  else text = x.toPrecision(2);
  if (text.includes('.') && !text.includes('e')) text = text.replace(/0+$/, '').replace(/\.$/, '');
  return text === '-0' ? '0' : text;
}

/** How a figure is written: seconds, a share written as percent, or a plain number. */
export type Unit = 'seconds' | 'percent' | 'count';

/** A value with its unit, in the report's language. */
export function fmtValue(m: Messages, unit: Unit, x: number): string {
  if (!Number.isFinite(x)) return m.noData;
  switch (unit) {
    case 'seconds':
      return m.seconds(fmtNum(x));
    case 'percent':
      return m.percent(fmtNum(x * 100));
    case 'count':
      return fmtNum(x);
  }
}

/** Mean with the min–max range across seeds in brackets (the range left out when there is none). */
export function fmtSpread(m: Messages, unit: Unit, s: Spread): string {
  if (s.n === 0) return m.noData;
  const mean = fmtValue(m, unit, s.mean);
  if (s.n === 1 || fmtNum(unit === 'percent' ? s.min * 100 : s.min) === fmtNum(unit === 'percent' ? s.max * 100 : s.max)) return mean;
  const raw = (x: number): string => fmtNum(unit === 'percent' ? x * 100 : x);
  return `${mean} (${raw(s.min)}–${raw(s.max)})`;
}
