/**
 * An Indexed Job's `status.completedIndexes` as an immutable value: the succeeded completion
 * indexes, kept as ordered disjoint intervals as `job_controller.go` keeps them (`orderedIntervals`,
 * written to the status as `"1-3,5,7-9"`). Indexes tend to finish in order, so a Job of thousands of
 * indexes is a few intervals: adding to it, asking for an index and counting stay cheap, and the
 * value can ride on every status write without a copy of every index.
 */
export class CompletedIndexes {
  /** The empty set. */
  static readonly EMPTY = new CompletedIndexes([], 0);

  private constructor(
    /** Flattened [first, last] pairs, ascending, disjoint and not adjacent. */
    private readonly bounds: readonly number[],
    /** How many indexes the intervals hold. */
    readonly total: number,
  ) {}

  /** True when `index` is in the set (binary search over the intervals). */
  has(index: number): boolean {
    let lo = 0;
    let hi = this.bounds.length / 2 - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const first = this.bounds[2 * mid] as number;
      const last = this.bounds[2 * mid + 1] as number;
      if (index < first) hi = mid - 1;
      else if (index > last) lo = mid + 1;
      else return true;
    }
    return false;
  }

  /**
   * This set with `indexes` added (`withOrderedIndexes`): a new value, or this one when nothing is
   * new. Costs O(intervals + added · log added).
   */
  with(indexes: Iterable<number>): CompletedIndexes {
    const add = [...new Set(indexes)].filter((i) => !this.has(i)).sort((a, b) => a - b);
    if (add.length === 0) return this;
    const out: number[] = [];
    const push = (first: number, last: number): void => {
      const n = out.length;
      if (n > 0 && first <= (out[n - 1] as number) + 1) out[n - 1] = Math.max(out[n - 1] as number, last);
      else out.push(first, last);
    };
    let i = 0;
    for (let k = 0; k < this.bounds.length; k += 2) {
      const first = this.bounds[k] as number;
      while (i < add.length && (add[i] as number) < first) push(add[i] as number, add[i++] as number);
      push(first, this.bounds[k + 1] as number);
    }
    while (i < add.length) push(add[i] as number, add[i++] as number);
    return new CompletedIndexes(out, this.total + add.length);
  }

  /** The status string, `"0-3,5"` (empty when no index completed). */
  toString(): string {
    const parts: string[] = [];
    for (let k = 0; k < this.bounds.length; k += 2) {
      const first = this.bounds[k] as number;
      const last = this.bounds[k + 1] as number;
      parts.push(first === last ? String(first) : `${first}-${last}`);
    }
    return parts.join(',');
  }
}
