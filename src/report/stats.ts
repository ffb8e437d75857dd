/** Mean and spread of one figure across seeds. */
export interface Spread {
  readonly mean: number;
  readonly min: number;
  readonly max: number;
  /** Finite values the figure was computed from. */
  readonly n: number;
}

/** Mean, min and max of the finite values (NaN for all three when there are none). */
export function spread(values: readonly number[]): Spread {
  const v = values.filter((x) => Number.isFinite(x));
  if (v.length === 0) return { mean: NaN, min: NaN, max: NaN, n: 0 };
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const x of v) {
    sum += x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return { mean: sum / v.length, min, max, n: v.length };
}

/** Groups items by a string key, keeping first-seen order of the keys (deterministic). */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = keyOf(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** Distinct values in first-seen order. */
export function distinct<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
