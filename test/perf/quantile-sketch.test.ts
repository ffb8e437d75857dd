import { describe, expect, it } from 'vitest';
import { EXACT_QUANTILE_LIMIT, LogHistogram, Sample } from '../../src/metrics/quantiles.js';
import { Rng } from '../../src/sim/rng.js';

describe('Sample beyond the exact limit', () => {
  it('keeps count, mean, min and max exact and every quantile within 1 % of the exact one', () => {
    const rng = Rng.root(7);
    const n = EXACT_QUANTILE_LIMIT + 200_000;
    const all = new Float64Array(n);
    const s = new Sample();
    let sum = 0;
    for (let i = 0; i < n; i++) {
      // Whole microseconds in seconds, spread over six orders of magnitude (as latencies are).
      const v = Math.round(10 ** (rng.float() * 6)) / 1e6;
      all[i] = v;
      sum += v;
      s.add(v);
    }
    all.sort();
    const q = s.summary();
    expect(q.count).toBe(n);
    expect(q.mean).toBeCloseTo(sum / n, 9);
    expect(q.min).toBe(all[0]);
    expect(q.max).toBe(all[n - 1]);
    for (const [p, got] of [
      [0.5, q.p50],
      [0.9, q.p90],
      [0.99, q.p99],
    ] as const) {
      const exact = all[Math.ceil(p * n) - 1] as number;
      expect(Math.abs(got - exact) / exact, `p${p * 100}`).toBeLessThanOrEqual(LogHistogram.RELATIVE_ERROR + 1e-12);
    }
  });

  it('stays exact at the limit itself', () => {
    const s = new Sample();
    for (let i = EXACT_QUANTILE_LIMIT; i >= 1; i--) s.add(i);
    expect(s.quantile(0.5)).toBe(EXACT_QUANTILE_LIMIT / 2);
    expect(s.quantile(0.99)).toBe(EXACT_QUANTILE_LIMIT * 0.99);
  });
});
