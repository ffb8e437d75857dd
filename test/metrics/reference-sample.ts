import { EMPTY_QUANTILES, EXACT_QUANTILE_LIMIT, isLowerBound, LogHistogram, type Quantiles } from '../../src/metrics/quantiles.js';

/**
 * The unweighted sample as src/metrics/quantiles.ts kept it before runs with weights: one Float64Array
 * slot per value, `addMany` as `count` single adds. Tests hold the weighted {@link Sample} to it: the same
 * values, added one by one here and in runs there, must give the very same summary and CDF.
 */
export class ReferenceSample {
  private values = new Float64Array(256);
  private n = 0;
  private sorted = true;
  private sketch: LogHistogram | undefined;
  private sum = 0;
  private lo = Number.POSITIVE_INFINITY;
  private hi = Number.NEGATIVE_INFINITY;
  private censoredCount = 0;
  private censoredLow = Number.POSITIVE_INFINITY;

  get count(): number {
    return this.n;
  }

  /** Censored values added so far. */
  get censored(): number {
    return this.censoredCount;
  }

  /**
   * Adds `count` censored values that are each known only to be at least `lowerBound` (a task still
   * waiting at the end: it waited at least horizon − submission). Added in bulk, so that the tasks of
   * a job that wait alike cost one call and no per-task state.
   */
  addCensored(lowerBound: number, count = 1): void {
    if (count <= 0) return;
    this.censoredCount += count;
    if (lowerBound < this.censoredLow) this.censoredLow = lowerBound;
    this.addMany(lowerBound, count);
  }

  /**
   * The smallest censored lower bound as the rule compares it. In the histogram a quantile is its
   * bucket's representative, which may lie a little below the values of the bucket: the smaller of
   * the two keeps the rule on the safe side (a quantile landing on a censored value is never called exact).
   */
  private censoredBound(): number {
    return this.sketch ? Math.min(this.censoredLow, this.sketch.representative(this.censoredLow)) : this.censoredLow;
  }

  /** Adds `count` copies of `value` (in the histogram, as one bucket increment). */
  addMany(value: number, count: number): void {
    if (this.sketch) {
      this.n += count;
      this.sum += value * count;
      if (value < this.lo) this.lo = value;
      if (value > this.hi) this.hi = value;
      this.sketch.add(value, count);
      return;
    }
    for (let i = 0; i < count; i++) this.add(value);
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
    const censored = this.censoredCount;
    const censoredMin = censored > 0 ? this.censoredBound() : NaN;
    if (this.sketch) {
      return {
        count: this.n,
        mean: this.sum / this.n,
        min: this.lo,
        p50: this.quantile(0.5),
        p90: this.quantile(0.9),
        p99: this.quantile(0.99),
        max: this.hi,
        censored,
        censoredMin,
      };
    }
    const v = this.view();
    let sum = 0;
    for (let i = 0; i < this.n; i++) sum += v[i] as number;
    return {
      count: this.n,
      mean: sum / this.n,
      min: v[0] as number,
      p50: this.quantile(0.5),
      p90: this.quantile(0.9),
      p99: this.quantile(0.99),
      max: v[this.n - 1] as number,
      censored,
      censoredMin,
    };
  }

  /**
   * CDF points: the value at each of `points` evenly spaced quantiles from 0 to 1, each with whether
   * it is only a lower bound ({@link isLowerBound}: at or beyond the smallest censored value).
   */
  cdf(points = 51): { q: number; value: number; lowerBound: boolean }[] {
    if (this.n === 0) return [];
    const bounds = { censored: this.censoredCount, censoredMin: this.censoredBound() };
    const out: { q: number; value: number; lowerBound: boolean }[] = [];
    for (let i = 0; i < points; i++) {
      const q = i / (points - 1);
      const value = this.quantile(q);
      out.push({ q, value, lowerBound: isLowerBound(bounds, value) });
    }
    return out;
  }
}
