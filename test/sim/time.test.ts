import { describe, expect, it } from 'vitest';
import { addTime, elapsed, maxTime, micros, millis, minTime, scaleDuration, seconds, type SimTime, toSeconds, ZERO } from '../../src/sim/time.js';

const t = (n: number): SimTime => n as SimTime;

describe('micros', () => {
  it.each([0, 1, 1_000_000, Number.MAX_SAFE_INTEGER])('accepts the integer %d', (n) => {
    expect(micros(n)).toBe(n);
  });
  it.each([
    { name: 'a fraction', value: 1.5 },
    { name: 'NaN', value: Number.NaN },
    { name: 'infinity', value: Number.POSITIVE_INFINITY },
    { name: 'an unsafe integer', value: 2 ** 53 },
  ])('rejects $name', ({ value }) => {
    expect(() => micros(value)).toThrow(/virtual time must be an integer count of microseconds/);
  });
});

describe('time conversions', () => {
  const rows: readonly { name: string; actual: () => number; expected: number }[] = [
    { name: 'seconds to microseconds', actual: () => seconds(2.5), expected: 2_500_000 },
    { name: 'seconds round to the nearest microsecond', actual: () => seconds(0.0000014), expected: 1 },
    { name: 'milliseconds to microseconds', actual: () => millis(250), expected: 250_000 },
    { name: 'milliseconds round to the nearest microsecond', actual: () => millis(0.0006), expected: 1 },
    { name: 'microseconds to seconds', actual: () => toSeconds(t(1_500_000)), expected: 1.5 },
    { name: 'an instant plus a duration', actual: () => addTime(t(10), t(5)), expected: 15 },
    { name: 'elapsed is later minus earlier', actual: () => elapsed(t(10), t(25)), expected: 15 },
    { name: 'scaling rounds to whole microseconds', actual: () => scaleDuration(t(10), 0.35), expected: 4 },
    { name: 'scaling by zero', actual: () => scaleDuration(t(10), 0), expected: 0 },
    { name: 'min of two times', actual: () => minTime(t(3), t(7)), expected: 3 },
    { name: 'max of two times', actual: () => maxTime(t(3), t(7)), expected: 7 },
    { name: 'ZERO is 0', actual: () => ZERO, expected: 0 },
  ];
  it.each(rows)('$name', ({ actual, expected }) => {
    const v = actual();
    expect(v).toBe(expected);
    expect(Number.isInteger(v) || !Number.isInteger(expected)).toBe(true);
  });
});
