import { dimension } from '../../../../cluster/resources.js';
import { MAX_NODE_SCORE, type PodInfo } from '../types.js';

/**
 * NodeResourcesBalancedAllocation, v1.33–v1.35 formula (`balanced_allocation.go`): fractions
 * `min(1, req/alloc)` over the counted resources (weights ignored); std = |f0 − f1| / 2 for two,
 * the population standard deviation for more, 0 otherwise; score = trunc((1 − std) × 100).
 */
export function balancedAllocationScore(requested: ArrayLike<number>, allocatable: ArrayLike<number>): number {
  let total = 0;
  let n = 0;
  let f0 = 0;
  let f1 = 0;
  for (let i = 0; i < requested.length; i++) {
    const cap = allocatable[i] as number;
    if (cap === 0) continue;
    const f = Math.min(1, (requested[i] as number) / cap);
    if (n === 0) f0 = f;
    else if (n === 1) f1 = f;
    total += f;
    n++;
  }
  let std = 0;
  if (n === 2) std = Math.abs((f0 - f1) / 2);
  else if (n > 2) {
    const mean = total / n;
    let sum = 0;
    for (let i = 0; i < requested.length; i++) {
      const cap = allocatable[i] as number;
      if (cap === 0) continue;
      const f = Math.min(1, (requested[i] as number) / cap);
      sum += (f - mean) * (f - mean);
    }
    std = Math.sqrt(sum / n);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

/**
 * PreScore returns Skip when the pod requests none of the *configured* resources
 * (`isBestEffortPod` over `calculatePodResourceRequestList(pod, ba.resources)`, raw requests;
 * PR #130260, v1.33): a pod that asks only for GPUs is skipped under the default [cpu, memory].
 */
export function balancedAllocationSkips(pod: PodInfo, resources: readonly { readonly name: string }[]): boolean {
  for (const r of resources) if (dimension(pod.requests, r.name) !== 0) return false;
  return true;
}
