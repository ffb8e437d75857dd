import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkProperty } from '../support/props.js';
import { EMPTY_QUANTILES, EXACT_QUANTILE_LIMIT, isLowerBound, jainIndex, meanIsLowerBound, Sample } from '../../src/metrics/quantiles.js';

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
    expect(s.summary()).toEqual({ count: 1000, mean: 500.5, min: 1, p50: 500, p90: 900, p99: 990, max: 1000, censored: 0, censoredMin: NaN });
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
    expect(cdf[0]).toEqual({ q: 0, value: 1, lowerBound: false });
    expect(cdf[50]).toEqual({ q: 1, value: 50, lowerBound: false });
    for (const p of cdf) expect(p.value).toBe(Math.max(1, Math.round(p.q * 50)));
    expect(sampleOf(Array.from({ length: 100 }, (_, i) => i + 1)).quantile(0.07)).toBe(7);
  });
});

describe('Sample with censored values (DESIGN.md §6: tasks still waiting at the end)', () => {
  /** 8 tasks placed after 1…8 s and 2 still waiting at the end, having waited 5 s and 20 s. */
  function backlog(): Sample {
    const s = sampleOf([1, 2, 3, 4, 5, 6, 7, 8]);
    s.addCensored(5);
    s.addCensored(20);
    return s;
  }

  it('counts censored values in the sample, at their lower bounds', () => {
    const q = backlog().summary();
    expect(q).toMatchObject({ count: 10, censored: 2, censoredMin: 5, min: 1, max: 20 });
    expect(q.mean).toBeCloseTo((36 + 25) / 10, 12);
  });

  const rule = [
    { name: 'a quantile below the smallest censored bound is exact', q: 0.4, value: 4, lowerBound: false },
    { name: 'a quantile equal to the smallest censored bound is a lower bound', q: 0.5, value: 5, lowerBound: true },
    { name: 'a quantile above it is a lower bound', q: 0.9, value: 8, lowerBound: true },
    { name: 'the maximum is a lower bound', q: 1, value: 20, lowerBound: true },
  ];
  it.each(rule)('$name', ({ q, value, lowerBound }) => {
    const s = backlog();
    expect(s.quantile(q)).toBe(value);
    expect(isLowerBound(s.summary(), value)).toBe(lowerBound);
  });

  it('marks CDF points from the first censored value on as lower bounds', () => {
    const cdf = backlog().cdf(11);
    expect(cdf.filter((p) => p.lowerBound).map((p) => p.q)).toEqual([0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  });

  it('leaves everything exact, and the mean too, when nothing is censored', () => {
    const q = sampleOf([1, 2, 3]).summary();
    expect(isLowerBound(q, q.max)).toBe(false);
    expect(meanIsLowerBound(q)).toBe(false);
    expect(meanIsLowerBound(backlog().summary())).toBe(true);
  });

  it('adds censored values in bulk, and adds nothing for a count of zero', () => {
    const s = new Sample();
    s.addCensored(3, 0);
    expect(s.summary()).toBe(EMPTY_QUANTILES);
    s.addCensored(3, 4);
    s.add(1);
    expect(s.summary()).toMatchObject({ count: 5, censored: 4, censoredMin: 3, p50: 3 });
  });

  it('never calls a quantile exact when the true values behind the censored ones could move it', () => {
    checkProperty(
      'never calls a quantile exact when the true values behind the censored ones could move it',
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 60 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 100 }),
        (exact, censoredPairs, pct) => {
          const s = sampleOf(exact);
          for (const [bound] of censoredPairs) s.addCensored(bound);
          // The true values: each censored one is its bound plus some unknown extra wait.
          const truth = [...exact, ...censoredPairs.map(([bound, extra]) => bound + extra)];
          const q = pct / 100;
          const value = s.quantile(q);
          const real = nearestRank(truth, q);
          if (isLowerBound(s.summary(), value)) expect(value).toBeLessThanOrEqual(real);
          else expect(value).toBe(real);
        },
      ),
      { kind: 'pure' },
    );
  });

  it('keeps the rule on the safe side past the exact limit (histogram)', () => {
    const s = new Sample();
    s.addMany(1, EXACT_QUANTILE_LIMIT);
    s.addCensored(50, EXACT_QUANTILE_LIMIT);
    const q = s.summary();
    expect(q).toMatchObject({ count: 2 * EXACT_QUANTILE_LIMIT, censored: EXACT_QUANTILE_LIMIT });
    expect(isLowerBound(q, q.p90)).toBe(true);
    expect(Math.abs(q.p90 - 50) / 50).toBeLessThanOrEqual(0.01);
    expect(isLowerBound(q, q.p50)).toBe(false);
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
