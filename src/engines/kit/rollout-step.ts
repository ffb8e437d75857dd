/** What a service looks like to a control plane at one instant of a rollout. */
export interface RolloutState<T> {
  readonly replicas: number;
  /** Instances of the current version (never more than `replicas`: the caller trims the rest). */
  readonly current: number;
  readonly currentRunning: number;
  /** Instances of older versions, in the order they were placed. */
  readonly old: readonly T[];
  readonly isRunning: (inst: T) => boolean;
  /** The rollout bounds as instance counts (kit `rolloutBounds`). */
  readonly surge: number;
  readonly unavailable: number;
}

/** The move at that instant: which old instances to stop (in order) and how many new ones to start. */
export interface RolloutStep<T> {
  readonly stop: readonly T[];
  readonly start: number;
}

/**
 * One instant of an ideal rolling update, spending both budgets at once as Kubernetes's Deployment
 * controller does when it scales the new ReplicaSet up and the old one down in the same step: new
 * instances start up to desired + maxSurge, and an old one stops while at least desired −
 * maxUnavailable instances stay running, whenever stopping it is needed, that is when it is beyond
 * the desired count or when the surge ceiling leaves no room for a missing new instance.
 * Not-yet-running old instances go first (they cost no availability). With maxSurge 0 this is what
 * starts the rollout at all; with both budgets above 0 it saves a task start. Outside a rollout
 * (`old` empty) it starts whatever is missing.
 */
export function rolloutStep<T>(s: RolloutState<T>): RolloutStep<T> {
  const old = [...s.old].sort((a, b) => Number(s.isRunning(a)) - Number(s.isRunning(b)));
  let available = s.currentRunning + old.filter(s.isRunning).length;
  const floor = Math.max(0, s.replicas - s.unavailable);
  const stop: T[] = [];
  let kept = 0;
  let alive = s.current + old.length;
  for (const inst of old) {
    const running = s.isRunning(inst);
    const excess = alive > s.replicas;
    const makesRoom = s.replicas - s.current > s.replicas + s.surge - alive;
    if ((excess || makesRoom) && (!running || available - 1 >= floor)) {
      alive--;
      stop.push(inst);
      if (running) available--;
    } else kept++;
  }
  const ceiling = s.replicas + (kept > 0 ? s.surge : 0);
  return { stop, start: Math.min(s.replicas - s.current, ceiling - s.current - kept) };
}
