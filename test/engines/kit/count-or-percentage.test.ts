import { describe, expect, it } from 'vitest';
import { scaledCount } from '../../../src/engines/kit/count-or-percentage.js';

describe('scaledCount (intstr.GetScaledValueFromIntOrPercent)', () => {
  it.each([
    [3, 10, 'up', 3],
    [3, 10, 'down', 3],
    ['25%', 10, 'up', 3],
    ['25%', 10, 'down', 2],
    ['100%', 7, 'up', 7],
    ['0%', 7, 'up', 0],
    // The product comes before the division: 10 % of 30 is exactly 3, not 3.0000000000000004 rounded up to 4.
    ['10%', 30, 'up', 3],
    ['10%', 30, 'down', 3],
  ] as const)('%s of %i rounded %s is %i', (value, total, round, want) => {
    expect(scaledCount(value, total, round)).toBe(want);
  });

  it('throws on a string that is not a whole percentage (the edge validates them)', () => {
    expect(() => scaledCount('25', 10, 'up')).toThrow(/not a count or a percentage: "25"/);
    expect(() => scaledCount('2.5%', 10, 'up')).toThrow(/not a count or a percentage/);
  });
});
