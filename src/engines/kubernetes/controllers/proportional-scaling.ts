/** A ReplicaSet as proportional scaling sees it. */
export interface ScaledRs {
  readonly key: string;
  readonly replicas: number;
  /** `deployment.kubernetes.io/max-replicas` when it was last scaled (replicas + maxSurge then); 0 if unknown. */
  readonly maxReplicasAnnotation: number;
  readonly created: number;
}

/**
 * `DeploymentController.scale` for a deployment whose size changed while several ReplicaSets are
 * active: the change, up to `replicas + maxSurge` over the sum of their sizes, is spread in
 * proportion to each one's share (`getReplicaSetFraction`, rounded), visiting the largest first
 * (newest first on ties when growing, oldest first when shrinking: `ReplicaSetsBySizeNewer`/`Older`);
 * the leftover goes to the first. Returns the new size of each active ReplicaSet. `fallbackMax` is the deployment's
 * `status.replicas`, used when a ReplicaSet has no annotation.
 */
export function proportionalSizes(desired: number, maxSurge: number, active: readonly ScaledRs[], fallbackMax: number): Map<string, number> {
  const total = active.reduce((s, r) => s + r.replicas, 0);
  const allowed = desired > 0 ? desired + maxSurge : 0;
  const toAdd = allowed - total;
  const sorted = [...active].sort((a, b) => {
    if (a.replicas !== b.replicas) return toAdd >= 0 ? b.replicas - a.replicas : b.replicas - a.replicas;
    return toAdd >= 0 ? b.created - a.created : a.created - b.created;
  });
  const sizes = new Map<string, number>();
  let added = 0;
  for (const rs of sorted) {
    if (toAdd === 0 || rs.replicas === 0 || toAdd === added) {
      sizes.set(rs.key, rs.replicas);
      continue;
    }
    let fraction: number;
    if (desired === 0) fraction = -rs.replicas;
    else {
      const before = rs.maxReplicasAnnotation > 0 ? rs.maxReplicasAnnotation : fallbackMax;
      fraction = before > 0 ? Math.round((rs.replicas * allowed) / before) - rs.replicas : 0;
    }
    const left = toAdd - added;
    const p = toAdd > 0 ? Math.min(fraction, left) : Math.max(fraction, left);
    sizes.set(rs.key, rs.replicas + p);
    added += p;
  }
  const first = sorted[0];
  if (first && toAdd !== 0) sizes.set(first.key, Math.max(0, (sizes.get(first.key) as number) + (toAdd - added)));
  return sizes;
}
