import { type RolloutBounds } from '../../kit/index.js';

/** Counts of an app's live instances by version and state. */
export interface InstanceCounts {
  readonly desired: number;
  readonly newAlive: number;
  readonly newRunning: number;
  readonly oldAlive: number;
  readonly oldRunning: number;
}

/** What to do now: how many new instances to launch, old ones to kill, surplus new ones to kill. */
export interface RolloutStep {
  readonly launch: number;
  readonly killOld: number;
  readonly killNew: number;
}

/**
 * One level-triggered step of a rolling restart (and of plain scaling when no old version is left).
 * New instances are launched while new ≤ desired and all ≤ desired + surge; old instances are killed
 * while running instances stay ≥ desired − unavailable (old ones not yet running go first). The
 * bounds come from the kit's `rolloutBounds` with Marathon's fencepost (both 0: a surge of 1).
 */
export function rolloutStep(c: InstanceCounts, { surge: s, unavailable }: RolloutBounds): RolloutStep {
  const killNew = Math.max(0, c.newAlive - c.desired);
  if (c.oldAlive === 0) return { launch: Math.max(0, c.desired - c.newAlive), killOld: 0, killNew };
  const launch = Math.max(0, Math.min(c.desired - c.newAlive, c.desired + s - c.newAlive - c.oldAlive));
  const minAvailable = c.desired - unavailable;
  const spare = Math.max(0, c.oldRunning + c.newRunning - minAvailable);
  const killOld = Math.min(c.oldAlive, c.oldAlive - c.oldRunning + spare);
  return { launch, killOld, killNew };
}
