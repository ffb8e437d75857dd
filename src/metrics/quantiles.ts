/** Summary of a sample: exact order statistics (nearest-rank), no sketch. */
export interface Quantiles {
  readonly count: number;
  readonly mean: number;
  readonly min: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

export const EMPTY_QUANTILES: Quantiles = Object.freeze({ count: 0, mean: NaN, min: NaN, p50: NaN, p90: NaN, p99: NaN, max: NaN });

/**
 * A growable sample of numbers that yields exact quantiles. Values are kept in a Float64Array, so a
 * million samples cost 8 MB and no per-value object.
 */
export class Sample {
  private values = new Float64Array(256);
  private n = 0;
  private sorted = true;

  get count(): number {
    return this.n;
  }

  add(value: number): void {
    if (this.n === this.values.length) {
      const bigger = new Float64Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    if (this.n > 0 && value < (this.values[this.n - 1] as number)) this.sorted = false;
    this.values[this.n++] = value;
  }

  private view(): Float64Array {
    const v = this.values.subarray(0, this.n);
    if (!this.sorted) {
      v.sort();
      this.sorted = true;
    }
    return v;
  }

  /** The nearest-rank quantile q in [0, 1] (q = 0 gives the minimum). NaN when empty. */
  quantile(q: number): number {
    if (this.n === 0) return NaN;
    const v = this.view();
    // q·n can land a hair above a whole number (0.14 · 50 = 7.000000000000001), and ceil would then
    // skip a rank; a relative tolerance far below 1/n keeps nearest-rank exact.
    const x = q * this.n;
    const rank = Math.max(1, Math.ceil(x - x * 1e-12));
    return v[Math.min(this.n, rank) - 1] as number;
  }

  summary(): Quantiles {
    if (this.n === 0) return EMPTY_QUANTILES;
    const v = this.view();
    let sum = 0;
    for (let i = 0; i < this.n; i++) sum += v[i] as number;
    return { count: this.n, mean: sum / this.n, min: v[0] as number, p50: this.quantile(0.5), p90: this.quantile(0.9), p99: this.quantile(0.99), max: v[this.n - 1] as number };
  }

  /** CDF points: the value at each of `points` evenly spaced quantiles from 0 to 1. */
  cdf(points = 51): { q: number; value: number }[] {
    if (this.n === 0) return [];
    const out: { q: number; value: number }[] = [];
    for (let i = 0; i < points; i++) {
      const q = i / (points - 1);
      out.push({ q, value: this.quantile(q) });
    }
    return out;
  }
}

/** Jain's fairness index of non-negative values: (Σx)² / (n·Σx²); 1 when all equal, NaN when empty or all zero. */
export function jainIndex(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  let s = 0;
  let s2 = 0;
  for (const v of values) {
    s += v;
    s2 += v * v;
  }
  return s2 === 0 ? NaN : (s * s) / (values.length * s2);
}
