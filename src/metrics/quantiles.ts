/**
 * Summary of a sample: exact order statistics (nearest-rank) up to EXACT_CAPACITY values, then
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
 * How many values a {@link Sample} keeps exactly before it turns into a histogram: the first size at or
 * above {@link EXACT_QUANTILE_LIMIT} of a buffer that starts at 256 values and doubles (1,048,576), which
 * is where the sample has always switched, so results stay as they were.
 */
export const EXACT_CAPACITY = exactCapacity(EXACT_QUANTILE_LIMIT);

function exactCapacity(limit: number): number {
  let c = 256;
  while (c < limit) c *= 2;
  return c;
}

/**
 * A growable sample of numbers, with weights. Up to {@link EXACT_CAPACITY} values it yields exact
 * nearest-rank quantiles: values are kept in a Float64Array as runs (value, copies), so `k` equal
 * values added at once ({@link addMany}: the tasks of one job censored at the end, or placed in one
 * decision) take one slot, not k. Every statistic is exactly what the same values added one by one
 * give (the mean sums copy by copy, in the same order). Beyond the capacity the values move into a
 * {@link LogHistogram}: count, mean, min and max stay exact, and every quantile is within 1 % relative
 * error of the exact nearest-rank value, in constant memory.
 *
 * Some values may be censored (a task still waiting at the end: its latency is at least the time it
 * has waited). They are kept like any other value at their lower bound, and the sample remembers how
 * many there are and the smallest bound, so that {@link isLowerBound} can tell exact quantiles from
 * lower bounds.
 */
export class Sample {
  /** Run values, in insertion order until sorted for a quantile. */
  private values = new Float64Array(256);
  /** Copies of each run; undefined while every run is one copy (then sorting is a plain sort of values). */
  private weights: Float64Array | undefined;
  /** Runs in use. */
  private runs = 0;
  /** Values in all (the runs' copies summed). */
  private n = 0;
  private sorted = true;
  /** Running sums of the sorted runs' copies (made for the first quantile after a change). */
  private cumulative: Float64Array | undefined;
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

  /** Adds `count` copies of `value`: one run while exact, one bucket increment in the histogram. */
  addMany(value: number, count: number): void {
    if (this.sketch) {
      this.n += count;
      this.sum += value * count;
      if (value < this.lo) this.lo = value;
      if (value > this.hi) this.hi = value;
      this.sketch.add(value, count);
      return;
    }
    if (count <= 0) return;
    const exact = Math.min(count, EXACT_CAPACITY - this.n);
    if (exact > 0) this.push(value, exact);
    if (exact === count) return;
    // The copies past the capacity go to the histogram one by one, as single adds always did.
    const sketch = this.toSketch();
    const rest = count - exact;
    for (let i = 0; i < rest; i++) this.sum += value;
    this.n += rest;
    if (value < this.lo) this.lo = value;
    if (value > this.hi) this.hi = value;
    sketch.add(value, rest);
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
    if (this.n >= EXACT_CAPACITY) {
      this.toSketch();
      this.add(value);
      return;
    }
    this.push(value, 1);
  }

  /** Appends a run of `copies` (≥ 1) of `value` to the exact values (the caller keeps within capacity). */
  private push(value: number, copies: number): void {
    const r = this.runs;
    if (r > 0 && value < (this.values[r - 1] as number)) this.sorted = false;
    this.cumulative = undefined;
    this.n += copies;
    if (copies > 1 && this.weights === undefined) this.weights = new Float64Array(this.values.length).fill(1);
    if (r === this.values.length) {
      const bigger = new Float64Array(r * 2);
      bigger.set(this.values);
      this.values = bigger;
      if (this.weights !== undefined) {
        const heavier = new Float64Array(r * 2);
        heavier.set(this.weights);
        this.weights = heavier;
      }
    }
    this.values[r] = value;
    if (this.weights !== undefined) this.weights[r] = copies;
    this.runs = r + 1;
  }

  /** Copies of run `i`. */
  private weight(i: number): number {
    return this.weights === undefined ? 1 : (this.weights[i] as number);
  }

  /** Moves the exact values into the histogram (once, when the capacity is reached), copy by copy in their order. */
  private toSketch(): LogHistogram {
    const sketch = new LogHistogram();
    for (let i = 0; i < this.runs; i++) {
      const x = this.values[i] as number;
      const w = this.weight(i);
      for (let k = 0; k < w; k++) this.sum += x;
      if (x < this.lo) this.lo = x;
      if (x > this.hi) this.hi = x;
      sketch.add(x, w);
    }
    this.sketch = sketch;
    this.values = new Float64Array(0);
    this.weights = undefined;
    this.runs = 0;
    this.cumulative = undefined;
    return sketch;
  }

  /** Sorts the runs by value (in place: equal values are interchangeable, so the order among them does not matter). */
  private sort(): void {
    if (this.sorted) return;
    const values = this.values.subarray(0, this.runs);
    const weights = this.weights;
    if (weights === undefined) values.sort();
    else {
      const order = Array.from({ length: this.runs }, (_, i) => i).sort((a, b) => (values[a] as number) - (values[b] as number));
      const v = Float64Array.from(order, (i) => values[i] as number);
      const w = Float64Array.from(order, (i) => weights[i] as number);
      values.set(v);
      weights.set(w);
    }
    this.sorted = true;
  }

  /** The value of rank `rank` (1-based) among the exact values. */
  private exactAtRank(rank: number): number {
    this.sort();
    if (this.weights === undefined) return this.values[rank - 1] as number;
    let cum = this.cumulative;
    if (cum === undefined) {
      cum = new Float64Array(this.runs);
      let seen = 0;
      for (let i = 0; i < this.runs; i++) cum[i] = seen += this.weights[i] as number;
      this.cumulative = cum;
    }
    // The first run whose running sum reaches the rank.
    let lo = 0;
    let hi = this.runs - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cum[mid] as number) >= rank) hi = mid;
      else lo = mid + 1;
    }
    return this.values[lo] as number;
  }

  /** The nearest-rank quantile q in [0, 1] (q = 0 gives the minimum). NaN when empty. */
  quantile(q: number): number {
    if (this.n === 0) return NaN;
    // q·n can land a hair above a whole number (0.14 · 50 = 7.000000000000001), and ceil would then
    // skip a rank; a relative tolerance far below 1/n keeps nearest-rank exact.
    const x = q * this.n;
    const rank = Math.min(this.n, Math.max(1, Math.ceil(x - x * 1e-12)));
    if (this.sketch) return Math.min(this.hi, Math.max(this.lo, this.sketch.valueAtRank(rank)));
    return this.exactAtRank(rank);
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
    this.sort();
    // Summed copy by copy in sorted order: the very sum of the values added one at a time.
    let sum = 0;
    for (let i = 0; i < this.runs; i++) {
      const v = this.values[i] as number;
      const w = this.weight(i);
      for (let k = 0; k < w; k++) sum += v;
    }
    return {
      count: this.n,
      mean: sum / this.n,
      min: this.values[0] as number,
      p50: this.quantile(0.5),
      p90: this.quantile(0.9),
      p99: this.quantile(0.99),
      max: this.values[this.runs - 1] as number,
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
