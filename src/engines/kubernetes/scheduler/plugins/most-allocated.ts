import { MAX_NODE_SCORE, type ResourceSpec } from '../types.js';

/**
 * MostAllocated (`most_allocated.go`): per resource `min(req, cap) × 100 / cap` (the cap because
 * non-zero defaults can push req over), then the weighted integer mean.
 */
export function mostAllocatedScore(requested: ArrayLike<number>, allocatable: ArrayLike<number>, resources: readonly ResourceSpec[]): number {
  let score = 0;
  let weightSum = 0;
  for (let i = 0; i < requested.length; i++) {
    const cap = allocatable[i] as number;
    if (cap === 0) continue;
    const w = (resources[i] as ResourceSpec).weight;
    const req = Math.min(requested[i] as number, cap);
    score += Math.floor((req * MAX_NODE_SCORE) / cap) * w;
    weightSum += w;
  }
  return weightSum === 0 ? 0 : Math.floor(score / weightSum);
}
