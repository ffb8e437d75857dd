import { rolloutBounds, type RolloutBounds } from '../../kit/index.js';

/**
 * `deploymentutil.ResolveFenceposts`: maxSurge rounds up, maxUnavailable rounds down, and if both
 * come out 0 the rollout may take one pod down (else it could never progress).
 */
export function resolveFenceposts(maxSurge: number | string, maxUnavailable: number | string, desired: number): RolloutBounds {
  return rolloutBounds(maxSurge, maxUnavailable, desired, 'one-unavailable');
}

/** `deploymentutil.MaxUnavailable`: resolved, and never more than the desired replicas. */
export function maxUnavailable(maxSurge: number | string, maxUnavail: number | string, desired: number): number {
  if (desired === 0) return 0;
  return Math.min(resolveFenceposts(maxSurge, maxUnavail, desired).unavailable, desired);
}

/**
 * `deploymentutil.NewRSNewReplicas` for RollingUpdate: scale the new ReplicaSet up by what the
 * surge allows over the sum of all ReplicaSets' replicas, never past the desired count.
 */
export function newRSNewReplicas(
  desired: number,
  maxSurge: number | string,
  maxUnavail: number | string,
  currentPodCount: number,
  newRSReplicas: number,
): number {
  const { surge } = resolveFenceposts(maxSurge, maxUnavail, desired);
  const maxTotal = desired + surge;
  if (currentPodCount >= maxTotal) return newRSReplicas;
  const up = Math.min(maxTotal - currentPodCount, desired - newRSReplicas);
  return newRSReplicas + up;
}

/** A ReplicaSet as the rollout arithmetic sees it. */
export interface RsCounts {
  readonly key: string;
  readonly replicas: number;
  readonly available: number;
  readonly created: number;
}

/**
 * `reconcileOldReplicaSets` (cleanupUnhealthyReplicas, then scaleDownOldReplicaSetsForRollingUpdate):
 * the new spec.replicas of each old ReplicaSet, oldest first. Never lets the available count drop
 * below `desired − maxUnavailable`.
 */
export function scaleDownOld(desired: number, maxUnavail: number, newRS: RsCounts, old: readonly RsCounts[]): Map<string, number> {
  const out = new Map<string, number>();
  const oldPods = old.reduce((s, r) => s + r.replicas, 0);
  if (oldPods === 0) return out;
  const allPods = oldPods + newRS.replicas;
  const minAvailable = desired - maxUnavail;
  const newUnavailable = newRS.replicas - newRS.available;
  const maxScaledDown = allPods - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return out;
  const sorted = [...old].sort((a, b) => a.created - b.created || (a.key < b.key ? -1 : 1));
  const replicas = new Map(sorted.map((r) => [r.key, r.replicas]));
  let cleaned = 0;
  for (const r of sorted) {
    if (cleaned >= maxScaledDown) break;
    const cur = replicas.get(r.key) as number;
    if (cur === 0 || cur === r.available) continue;
    const down = Math.min(maxScaledDown - cleaned, cur - r.available);
    replicas.set(r.key, cur - down);
    cleaned += down;
  }
  const available = newRS.available + sorted.reduce((s, r) => s + Math.min(r.available, replicas.get(r.key) as number), 0);
  if (available > minAvailable) {
    const total = available - minAvailable;
    let done = 0;
    for (const r of sorted) {
      if (done >= total) break;
      const cur = replicas.get(r.key) as number;
      if (cur === 0) continue;
      const down = Math.min(cur, total - done);
      replicas.set(r.key, cur - down);
      done += down;
    }
  }
  for (const r of sorted) if ((replicas.get(r.key) as number) !== r.replicas) out.set(r.key, replicas.get(r.key) as number);
  return out;
}
