import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkProperty } from '../support/props.js';
import { EMPTY_QUANTILES, jainIndex, Sample } from '../../src/metrics/quantiles.js';

const sampleOf = (values: readonly number[]): Sample => {
  const s = new Sample();
  for (const v of values) s.add(v);
  return s;
};

/** Nearest-rank quantile by definition: the smallest value with at least q·n values ≤ it. */
function nearestRank(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  for (const v of sorted) if (sorted.filter((x) => x <= v).length >= q * sorted.length - 1e-9) return v;
  return sorted[sorted.length - 1] as number;
}

describe('Sample quantiles', () => {
  const ten = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
  const rows: readonly { name: string; values: number[]; q: number; expected: number }[] = [
    { name: 'q = 0 is the minimum', values: ten, q: 0, expected: 1 },
    { name: 'median of 10 is the 5th value', values: ten, q: 0.5, expected: 5 },
    { name: 'p90 of 10 is the 9th value', values: ten, q: 0.9, expected: 9 },
    { name: 'p99 of 10 is the maximum', values: ten, q: 0.99, expected: 10 },
    { name: 'q = 1 is the maximum', values: ten, q: 1, expected: 10 },
    { name: 'median of 4 is the 2nd value (no interpolation)', values: [4, 1, 3, 2], q: 0.5, expected: 2 },
    { name: 'a single value is every quantile', values: [7], q: 0.37, expected: 7 },
    { name: 'negative values sort numerically', values: [-1, -10, 5], q: 0, expected: -10 },
    { name: 'numbers are not sorted as text', values: [100, 9, 20], q: 0.5, expected: 20 },
  ];
  it.each(rows)('$name', ({ values, q, expected }) => {
    expect(sampleOf(values).quantile(q)).toBe(expected);
  });

  it('is NaN when empty, and the empty summary is EMPTY_QUANTILES', () => {
    expect(new Sample().quantile(0.5)).toBeNaN();
    expect(new Sample().summary()).toBe(EMPTY_QUANTILES);
    expect(new Sample().cdf()).toEqual([]);
  });

  it('summarises exactly: count, mean, min, p50, p90, p99, max', () => {
    const s = sampleOf(Array.from({ length: 1000 }, (_, i) => 1000 - i)); // 1..1000, added descending
    expect(s.summary()).toEqual({ count: 1000, mean: 500.5, min: 1, p50: 500, p90: 900, p99: 990, max: 1000 });
  });

  it('keeps working when values are added after a quantile was read', () => {
    const s = sampleOf([5, 1]);
    expect(s.quantile(1)).toBe(5);
    s.add(3);
    s.add(0);
    expect(s.count).toBe(4);
    expect(s.quantile(0)).toBe(0);
    expect(s.quantile(0.5)).toBe(1);
  });

  it('grows past its initial capacity', () => {
    const s = sampleOf(Array.from({ length: 10_000 }, (_, i) => i % 100));
    expect(s.count).toBe(10_000);
    expect(s.summary().max).toBe(99);
  });

  it('equals the nearest-rank definition for every q and sample', () => {
    checkProperty(
      'equals the nearest-rank definition for every q and sample',
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 200 }), fc.integer({ min: 0, max: 100 }), (values, pct) => {
        expect(sampleOf(values).quantile(pct / 100)).toBe(nearestRank(values, pct / 100));
      }),
      { kind: 'pure' },
    );
  });

  it('gives exact nearest-rank CDF points even where q·n suffers float rounding (0.14 · 50 = 7.000000000000001)', () => {
    const values = Array.from({ length: 50 }, (_, i) => i + 1);
    const cdf = sampleOf(values).cdf(51);
    expect(cdf).toHaveLength(51);
    expect(cdf[0]).toEqual({ q: 0, value: 1 });
    expect(cdf[50]).toEqual({ q: 1, value: 50 });
    for (const p of cdf) expect(p.value).toBe(Math.max(1, Math.round(p.q * 50)));
    expect(sampleOf(Array.from({ length: 100 }, (_, i) => i + 1)).quantile(0.07)).toBe(7);
  });
});

describe('jainIndex', () => {
  const rows: readonly { name: string; values: number[]; expected: number }[] = [
    { name: 'all equal', values: [0.3, 0.3, 0.3], expected: 1 },
    { name: 'one of n gets everything', values: [1, 0, 0, 0], expected: 0.25 },
    { name: 'two to one', values: [2, 1], expected: 9 / 10 },
    { name: 'a single value', values: [5], expected: 1 },
  ];
  it.each(rows)('$name → $expected', ({ values, expected }) => {
    expect(jainIndex(values)).toBeCloseTo(expected, 12);
  });
  it.each([
    { name: 'empty', values: [] },
    { name: 'all zero', values: [0, 0] },
  ])('is NaN when $name', ({ values }) => {
    expect(jainIndex(values)).toBeNaN();
  });
  it('lies in [1/n, 1] for non-negative values', () => {
    checkProperty(
      'lies in [1/n, 1] for non-negative values',
      // Shares are never subnormal: squares of values below ~1e-162 underflow to 0, which is not what is tested here.
      fc.property(fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-9, max: 1e6, noNaN: true })), { minLength: 1, maxLength: 50 }), (values) => {
        const j = jainIndex(values);
        if (values.every((v) => v === 0)) return Number.isNaN(j);
        return j >= 1 / values.length - 1e-9 && j <= 1 + 1e-9;
      }),
      { kind: 'pure' },
    );
  });
});
