/**
 * Summary of a sample: exact order statistics (nearest-rank) up to EXACT_QUANTILE_LIMIT values, then
 * within 1 % (see Sample). Censored values (see {@link Sample.addCensored}) are counted in `count`
 * and take part in every statistic as their lower bounds; {@link isLowerBound} tells which
 * statistics are then only lower bounds.
 */
export interface Quantiles {
  /** Every value, censored ones included. */
  readonly count: number;
  /** Mean of all values, censored ones at their lower bounds (a lower bound itself when `censored` > 0). */
  readonly mean: number;
  readonly min: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  /** How many of the values are censored (known only to be at least their value). */
  readonly censored: number;
  /** The smallest censored lower bound; NaN when nothing is censored. */
  readonly censoredMin: number;
}

export const EMPTY_QUANTILES: Quantiles = Object.freeze({
  count: 0,
  mean: NaN,
  min: NaN,
  p50: NaN,
  p90: NaN,
  p99: NaN,
  max: NaN,
  censored: 0,
  censoredMin: NaN,
});

/**
 * The censoring rule (DESIGN.md §6): an order statistic of a sample with censored values is exact
 * only when it is smaller than the smallest censored lower bound — then every value up to its rank
 * is a real observation, and the censored ones, whose true values are larger still, cannot move it.
 * Otherwise it is a lower bound: the true quantile is at least this value (the report prints "≥").
 * The mean is a lower bound as soon as anything is censored (see {@link meanIsLowerBound}).
 */
export function isLowerBound(q: Pick<Quantiles, 'censored' | 'censoredMin'>, value: number): boolean {
  return q.censored > 0 && value >= q.censoredMin;
}

/** Whether a sample's mean is only a lower bound: it is whenever any value is censored. */
export function meanIsLowerBound(q: Pick<Quantiles, 'censored'>): boolean {
  return q.censored > 0;
}

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
 *
 * Some values may be censored (a task still waiting at the end: its latency is at least the time it
 * has waited). They are kept like any other value at their lower bound, and the sample remembers how
 * many there are and the smallest bound, so that {@link isLowerBound} can tell exact quantiles from
 * lower bounds.
 */
export class Sample {
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
  private static readonly BUCKETS = 2048;
  private readonly counts = new Float64Array(LogHistogram.BUCKETS);

  /** Adds `count` copies of `value` (1 by default). */
  add(value: number, count = 1): void {
    const i = LogHistogram.bucket(value);
    this.counts[i] = (this.counts[i] as number) + count;
  }

  /** The value the histogram reports for anything in `value`'s bucket. */
  representative(value: number): number {
    return LogHistogram.valueOf(LogHistogram.bucket(value));
  }

  private static bucket(value: number): number {
    return value <= 0 ? 0 : Math.min(LogHistogram.BUCKETS - 1, Math.max(1, 1 + Math.ceil(Math.log(value / LogHistogram.MIN) / LogHistogram.LOG_GAMMA)));
  }

  private static valueOf(i: number): number {
    return i === 0 ? 0 : (2 * LogHistogram.MIN * LogHistogram.GAMMA ** (i - 1)) / (LogHistogram.GAMMA + 1);
  }

  /** The representative value of the bucket holding the value of rank `rank` (1-based). */
  valueAtRank(rank: number): number {
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i] as number;
      if (seen >= rank) return LogHistogram.valueOf(i);
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
