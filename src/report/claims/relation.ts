import { type ClaimRelation, type ClaimTolerance } from '../../metrics/claims.js';

/** The slack a tolerance allows around a reference value (a percentage is of the value's magnitude). */
export function slack(tolerance: ClaimTolerance | undefined, reference: number): number {
  if (tolerance === undefined) return 0;
  return tolerance.kind === 'absolute' ? tolerance.value : tolerance.fraction * Math.abs(reference);
}

/**
 * Whether `left relation right` holds, loosened by the tolerance: `<` and `<=` allow left up to the
 * slack above right, `>` and `>=` down to the slack below, `≈` within the slack either way,
 * `between` the slack outside each bound. A missing number (NaN) never holds.
 */
export function compare(left: number, relation: ClaimRelation, right: number | readonly [number, number], tolerance: ClaimTolerance | undefined): boolean {
  if (typeof right !== 'number') {
    const [low, high] = right;
    return Number.isFinite(left) && left >= low - slack(tolerance, low) && left <= high + slack(tolerance, high);
  }
  if (!Number.isFinite(left) || !Number.isFinite(right)) return false;
  const s = slack(tolerance, right);
  switch (relation) {
    case '<':
      return left < right + s;
    case '<=':
      return left <= right + s;
    case '>':
      return left > right - s;
    case '>=':
      return left >= right - s;
    case '≈':
      return Math.abs(left - right) <= s;
    case 'between':
      return false; // between always has bounds (the schema requires them)
  }
}
