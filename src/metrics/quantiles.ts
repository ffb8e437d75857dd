/** Summary of a sample: exact order statistics (nearest-rank) up to EXACT_QUANTILE_LIMIT values, then within 1 % (see Sample). */
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
 * Most values a {@link Sample} keeps for exact quantiles (8 MB of doubles). Every scenario of the
 * course stays far below it; a trace replay of millions of tasks goes past it, and the sample then
 * continues as a log-bucket histogram (see {@link LogHistogram}).
 */
export const EXACT_QUANTILE_LIMIT = 1_000_000;

/**
 * A growable sample of numbers. Up to {@link EXACT_QUANTILE_LIMIT} values it yields exact
 * nearest-rank quantiles (values kept in a Float64Array, no per-value object). Beyond it the
 * values move into a {@link LogHistogram}: count, mean, min and max stay exact, and every quantile
 * is within 1 % relative error of the exact nearest-rank value, in constant memory.
 */
export class Sample {
  private values = new Float64Array(256);
  private n = 0;
  private sorted = true;
  private sketch: LogHistogram | undefined;
  private sum = 0;
  private lo = Number.POSITIVE_INFINITY;
  private hi = Number.NEGATIVE_INFINITY;

  get count(): number {
    return this.n;
  }

  add(value: number): void {
    if (this.sketch) {
      this.n++;
      this.sum += value;
      if (value < this.lo) this.lo = value;
      if (value > this.hi) this.hi = value;
      this.sketch.add(value);
      return;
    }
    if (this.n === this.values.length) {
      if (this.n >= EXACT_QUANTILE_LIMIT) {
        this.toSketch();
        this.add(value);
        return;
      }
      const bigger = new Float64Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    if (this.n > 0 && value < (this.values[this.n - 1] as number)) this.sorted = false;
    this.values[this.n++] = value;
  }

  /** Moves the exact values into the histogram (once, when the limit is reached). */
  private toSketch(): void {
    const sketch = new LogHistogram();
    const v = this.values.subarray(0, this.n);
    for (let i = 0; i < v.length; i++) {
      const x = v[i] as number;
      this.sum += x;
      if (x < this.lo) this.lo = x;
      if (x > this.hi) this.hi = x;
      sketch.add(x);
    }
    this.sketch = sketch;
    this.values = new Float64Array(0);
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
    // q·n can land a hair above a whole number (0.14 · 50 = 7.000000000000001), and ceil would then
    // skip a rank; a relative tolerance far below 1/n keeps nearest-rank exact.
    const x = q * this.n;
    const rank = Math.min(this.n, Math.max(1, Math.ceil(x - x * 1e-12)));
    if (this.sketch) return Math.min(this.hi, Math.max(this.lo, this.sketch.valueAtRank(rank)));
    const v = this.view();
    return v[rank - 1] as number;
  }

  summary(): Quantiles {
    if (this.n === 0) return EMPTY_QUANTILES;
    if (this.sketch) {
      return { count: this.n, mean: this.sum / this.n, min: this.lo, p50: this.quantile(0.5), p90: this.quantile(0.9), p99: this.quantile(0.99), max: this.hi };
    }
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

/**
 * A log-bucket histogram in the style of DDSketch (Masson et al., VLDB 2019) and HdrHistogram:
 * bucket i ≥ 1 holds values in (m·γ^(i−2), m·γ^(i−1)] with γ = 1.01/0.99 and reports 2·m·γ^(i−1)/(γ+1), so any
 * value it reports is within 1 % of every value in its bucket. m = 1 µs (times are whole
 * microseconds, so smaller positive values do not occur); values ≤ 0 share bucket 0 and report 0.
 * 2,048 buckets span 1 µs to about 10^11 s; larger values land in the last bucket.
 */
export class LogHistogram {
  static readonly RELATIVE_ERROR = 0.01;
  private static readonly GAMMA = (1 + LogHistogram.RELATIVE_ERROR) / (1 - LogHistogram.RELATIVE_ERROR);
  private static readonly LOG_GAMMA = Math.log(LogHistogram.GAMMA);
  private static readonly MIN = 1e-6;
  private readonly counts = new Float64Array(2048);

  add(value: number): void {
    const i = value <= 0 ? 0 : Math.min(this.counts.length - 1, Math.max(1, 1 + Math.ceil(Math.log(value / LogHistogram.MIN) / LogHistogram.LOG_GAMMA)));
    this.counts[i] = (this.counts[i] as number) + 1;
  }

  /** The representative value of the bucket holding the value of rank `rank` (1-based). */
  valueAtRank(rank: number): number {
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i] as number;
      if (seen >= rank) return i === 0 ? 0 : (2 * LogHistogram.MIN * LogHistogram.GAMMA ** (i - 1)) / (LogHistogram.GAMMA + 1);
    }
    return NaN;
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
