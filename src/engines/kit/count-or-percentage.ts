/** A count or a percentage of some total, as Kubernetes's IntOrString: `3` or `'25%'`. */
export type CountOrPercentage = number | string;

/** The text form of a percentage (whole percent). Options and scenarios are validated with it at the edge. */
export const COUNT_OR_PERCENTAGE = /^(\d+)%$/;

/**
 * `intstr.GetScaledValueFromIntOrPercent`: a count as is, or `percent × total / 100` rounded up or
 * down. The product is taken before the division so that e.g. 10 % of 30 is exactly 3. A string that
 * is not a percentage is a broken invariant (the edge validates them): it throws.
 */
export function scaledCount(value: CountOrPercentage, total: number, round: 'up' | 'down'): number {
  if (typeof value === 'number') return value;
  const m = COUNT_OR_PERCENTAGE.exec(value);
  if (!m) throw new Error(`not a count or a percentage: ${JSON.stringify(value)}`);
  const exact = (Number(m[1]) * total) / 100;
  return round === 'up' ? Math.ceil(exact) : Math.floor(exact);
}
