import { MAX_NODE_SCORE, type ResourceSpec, type ShapePoint } from '../types.js';

/** `MaxNodeScore / MaxCustomPriorityScore`: shape scores 0..10 are scaled to 0..100. */
const SHAPE_SCALE = MAX_NODE_SCORE / 10;

/** `helper.BuildBrokenLinearFunction` on the scaled shape, in integer arithmetic (Go truncates toward 0). */
export function brokenLinear(shape: readonly ShapePoint[], p: number): number {
  for (let i = 0; i < shape.length; i++) {
    const cur = shape[i] as ShapePoint;
    if (p <= cur.utilization) {
      if (i === 0) return cur.score * SHAPE_SCALE;
      const prev = shape[i - 1] as ShapePoint;
      const s0 = prev.score * SHAPE_SCALE;
      const s1 = cur.score * SHAPE_SCALE;
      return s0 + Math.trunc(((s1 - s0) * (p - prev.utilization)) / (cur.utilization - prev.utilization));
    }
  }
  return (shape[shape.length - 1] as ShapePoint).score * SHAPE_SCALE;
}

/**
 * RequestedToCapacityRatio (`requested_to_capacity_ratio.go`): each resource scores
 * f(req × 100 / cap) (f(100) when req > cap); the node score is `round(Σ s·w / Σ w)` over the
 * resources that scored above 0 only.
 */
export function requestedToCapacityRatioScore(
  requested: ArrayLike<number>,
  allocatable: ArrayLike<number>,
  resources: readonly ResourceSpec[],
  shape: readonly ShapePoint[],
): number {
  let score = 0;
  let weightSum = 0;
  for (let i = 0; i < requested.length; i++) {
    const cap = allocatable[i] as number;
    if (cap === 0) continue;
    const req = requested[i] as number;
    const s = req > cap ? brokenLinear(shape, 100) : brokenLinear(shape, Math.floor((req * 100) / cap));
    if (s > 0) {
      const w = (resources[i] as ResourceSpec).weight;
      score += s * w;
      weightSum += w;
    }
  }
  return weightSum === 0 ? 0 : Math.round(score / weightSum);
}
