import { describe, expect, it } from 'vitest';
import { duration, formatDuration, parseDuration } from '../../src/sim/duration.js';
import { type SimDuration } from '../../src/sim/time.js';

describe('parseDuration', () => {
  const valid: readonly { name: string; text: string; micros: number }[] = [
    { name: 'milliseconds', text: '250ms', micros: 250_000 },
    { name: 'seconds', text: '5s', micros: 5_000_000 },
    { name: 'minutes', text: '2m', micros: 120_000_000 },
    { name: 'hours and minutes', text: '1h30m', micros: 5_400_000_000 },
    { name: 'fractional seconds', text: '1.5s', micros: 1_500_000 },
    { name: 'bare zero', text: '0', micros: 0 },
    { name: 'zero with a unit', text: '0s', micros: 0 },
    { name: 'microseconds', text: '7us', micros: 7 },
    { name: 'micro sign', text: '7µs', micros: 7 },
    { name: 'days', text: '1d', micros: 86_400_000_000 },
    { name: 'every unit at once', text: '1d1h1m1s1ms1us', micros: 86_400_000_000 + 3_600_000_000 + 60_000_000 + 1_000_000 + 1_000 + 1 },
    { name: 'surrounding blanks are trimmed', text: '  5s ', micros: 5_000_000 },
    { name: 'a sub-microsecond fraction rounds to the nearest microsecond', text: '1.6us', micros: 2 },
    { name: 'm is minutes and ms is milliseconds', text: '1m1ms', micros: 60_001_000 },
  ];
  it.each(valid)('$name: $text', ({ text, micros }) => {
    expect(parseDuration(text)).toEqual({ ok: true, value: micros });
    expect(duration(text)).toBe(micros);
  });

  const garbage: readonly { name: string; text: string; message: RegExp }[] = [
    { name: 'empty', text: '', message: /empty duration \(write e\.g\. 250ms/ },
    { name: 'blank', text: '   ', message: /empty duration/ },
    { name: 'a number without unit', text: '5', message: /invalid duration "5" at character 1 \(a number needs a unit: us, ms, s, m, h or d\)/ },
    { name: 'a fraction without unit', text: '1.5', message: /a number needs a unit/ },
    { name: 'an unknown unit', text: '5x', message: /invalid duration "5x" at character 1 \(write e\.g\. 250ms, 5s, 2m, 1h30m\)/ },
    { name: 'a negative duration', text: '-5s', message: /invalid duration "-5s" at character 1/ },
    { name: 'a unit without number', text: 's', message: /invalid duration "s"/ },
    { name: 'trailing garbage', text: '5s and more', message: /invalid duration "5s and more" at character 3/ },
    { name: 'a trailing number without unit', text: '1h30', message: /invalid duration "1h30" at character 3/ },
    { name: 'inner blank', text: '5 s', message: /at character 1/ },
    { name: 'a dot without fraction digits', text: '1.s', message: /invalid duration "1\.s"/ },
    { name: 'a scientific number', text: '1e3s', message: /invalid duration "1e3s"/ },
    { name: 'too large to count in microseconds', text: '999999999999d', message: /duration "999999999999d" is too large/ },
  ];
  it.each(garbage)('rejects $name ($text) with a clear message', ({ text, message }) => {
    const r = parseDuration(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
    expect(() => duration(text)).toThrow(RangeError);
    expect(() => duration(text)).toThrow(message);
  });

  it('gives the same answer on a second call (the sticky regex is reset between calls)', () => {
    expect(parseDuration('5x').ok).toBe(false);
    expect(parseDuration('1h30m')).toEqual({ ok: true, value: 5_400_000_000 });
    expect(parseDuration('1h30m')).toEqual({ ok: true, value: 5_400_000_000 });
  });
});

describe('formatDuration', () => {
  const rows: readonly { name: string; micros: number; text: string }[] = [
    { name: 'zero', micros: 0, text: '0s' },
    { name: 'microseconds', micros: 7, text: '7us' },
    { name: 'milliseconds', micros: 250_000, text: '250ms' },
    { name: 'fractional milliseconds', micros: 1_500, text: '1.5ms' },
    { name: 'fractional seconds', micros: 1_500_000, text: '1.5s' },
    { name: 'hours and minutes', micros: 5_400_000_000, text: '1h30m' },
    { name: 'minutes and seconds', micros: 90_000_000, text: '1m30s' },
    { name: 'sub-second rest after minutes is written in seconds', micros: 60_500_000, text: '1m0.5s' },
    { name: 'days', micros: 90_000_000_000, text: '1d1h' },
    { name: 'negative', micros: -250_000, text: '-250ms' },
  ];
  it.each(rows)('$name: $micros us → $text', ({ micros, text }) => {
    expect(formatDuration(micros as SimDuration)).toBe(text);
  });

  it.each(['250ms', '5s', '2m', '1h30m', '1.5s', '1d2h3m4.005006s', '7us'])('round-trips %s through parseDuration', (text) => {
    const d = duration(text);
    expect(duration(formatDuration(d))).toBe(d);
  });
});
