import { MAX_NODE_SCORE, type ResourceSpec } from '../types.js';

/**
 * LeastAllocated (`least_allocated.go`): per resource `(cap − req) × 100 / cap` (0 when req > cap),
 * then the weighted mean, all in integer division. Resources with allocatable 0 are skipped.
 */
export function leastAllocatedScore(requested: ArrayLike<number>, allocatable: ArrayLike<number>, resources: readonly ResourceSpec[]): number {
  let score = 0;
  let weightSum = 0;
  for (let i = 0; i < requested.length; i++) {
    const cap = allocatable[i] as number;
    if (cap === 0) continue;
    const w = (resources[i] as ResourceSpec).weight;
    const req = requested[i] as number;
    score += (req > cap ? 0 : Math.floor(((cap - req) * MAX_NODE_SCORE) / cap)) * w;
    weightSum += w;
  }
  return weightSum === 0 ? 0 : Math.floor(score / weightSum);
}
