import { type CountOrPercentage, scaledCount } from './count-or-percentage.js';

/** How far a rolling update may go over and under the desired count, as instance counts. */
export interface RolloutBounds {
  /** Instances above the desired count that may exist at once. */
  readonly surge: number;
  /** Instances below the desired count that may be unavailable at once. */
  readonly unavailable: number;
}

/**
 * Which bound a rollout whose two bounds both come out 0 relaxes to 1, or it could never progress:
 * Kubernetes's `ResolveFenceposts` lets one pod go unavailable; Marathon's upgrade lets one instance
 * surge (it never kills below the health capacity it was given).
 */
export type StuckRollout = 'one-unavailable' | 'one-surge';

/**
 * The bounds of a rolling update for `desired` instances: maxSurge as a count or a percentage rounded
 * up, maxUnavailable rounded down, then the fencepost rule `whenBothZero`.
 */
export function rolloutBounds(maxSurge: CountOrPercentage, maxUnavailable: CountOrPercentage, desired: number, whenBothZero: StuckRollout): RolloutBounds {
  const surge = scaledCount(maxSurge, desired, 'up');
  const unavailable = scaledCount(maxUnavailable, desired, 'down');
  if (surge !== 0 || unavailable !== 0) return { surge, unavailable };
  return whenBothZero === 'one-unavailable' ? { surge: 0, unavailable: 1 } : { surge: 1, unavailable: 0 };
}
