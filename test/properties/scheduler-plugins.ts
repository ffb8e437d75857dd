import fc from 'fast-check';
import { expect } from 'vitest';
import { balancedAllocationScore } from '../../src/engines/kubernetes/scheduler/plugins/balanced-allocation.js';
import { leastAllocatedScore } from '../../src/engines/kubernetes/scheduler/plugins/least-allocated.js';
import { mostAllocatedScore } from '../../src/engines/kubernetes/scheduler/plugins/most-allocated.js';
import { defaultNormalizeScore } from '../../src/engines/kubernetes/scheduler/plugins/normalize.js';
import { requestedToCapacityRatioScore } from '../../src/engines/kubernetes/scheduler/plugins/requested-to-capacity-ratio.js';
import { MAX_NODE_SCORE, type ResourceSpec, type ShapePoint } from '../../src/engines/kubernetes/scheduler/types.js';
import { checkProperty, type PropertyDef } from '../support/props.js';

/*
 * Properties of the kube-scheduler score plugins (src/engines/kubernetes/scheduler/plugins/):
 * every score is in [0, MaxNodeScore], and LeastAllocated prefers the emptier node.
 */

/** A node's allocatable and the requested totals (node's pods + the pod), per configured resource. */
const allocation = fc.integer({ min: 1, max: 4 }).chain((n) =>
  fc.record({
    allocatable: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2 ** 40 })), { minLength: n, maxLength: n }),
    requested: fc.array(fc.integer({ min: 0, max: 2 ** 41 }), { minLength: n, maxLength: n }),
    resources: fc.array(fc.record({ name: fc.constantFrom('cpu', 'memory', 'nvidia.com/gpu'), weight: fc.integer({ min: 1, max: 100 }) }), {
      minLength: n,
      maxLength: n,
    }),
  }),
);

/** A RequestedToCapacityRatio shape: strictly increasing utilizations in [0, 100], scores in [0, 10]. */
const shape: fc.Arbitrary<ShapePoint[]> = fc
  .uniqueArray(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 5 })
  .chain((us) => fc.tuple(...[...us].sort((a, b) => a - b).map((utilization) => fc.integer({ min: 0, max: 10 }).map((score) => ({ utilization, score })))));

const inRange = (s: number): boolean => Number.isInteger(s) && s >= 0 && s <= MAX_NODE_SCORE;

const scoresInRange: PropertyDef = {
  name: 'scheduler scores stay in [0, 100]: LeastAllocated, MostAllocated, BalancedAllocation, RequestedToCapacityRatio, normalized',
  check: () =>
    checkProperty(
      'scheduler scores stay in [0, 100]: LeastAllocated, MostAllocated, BalancedAllocation, RequestedToCapacityRatio, normalized',
      fc.property(
        allocation,
        shape,
        fc.array(fc.integer({ min: 0, max: 10_000 }), { maxLength: 8 }),
        fc.boolean(),
        ({ allocatable, requested, resources }, sh, raw, reverse) => {
          const scores = {
            least: leastAllocatedScore(requested, allocatable, resources),
            most: mostAllocatedScore(requested, allocatable, resources),
            balanced: balancedAllocationScore(requested, allocatable),
            ratio: requestedToCapacityRatioScore(requested, allocatable, resources, sh),
          };
          for (const [plugin, s] of Object.entries(scores)) expect(inRange(s), `${plugin} scored ${s}`).toBe(true);
          const normalized = [...raw];
          defaultNormalizeScore(normalized, reverse);
          for (const s of normalized) expect(inRange(s), `normalized to ${s}`).toBe(true);
        },
      ),
      { kind: 'pure' },
    ),
};

/**
 * Two nodes of the same allocatable where the first has at least as much requested on every
 * resource (less or equal free capacity everywhere): LeastAllocated never scores it higher. For
 * nodes of different sizes the plugin compares free fractions, so the same holds with fractions.
 */
const leastAllocatedPrefersFree: PropertyDef = {
  name: 'LeastAllocated never prefers a node with less free capacity on every resource',
  check: () =>
    checkProperty(
      'LeastAllocated never prefers a node with less free capacity on every resource',
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((n) =>
          fc.record({
            allocatable: fc.array(fc.integer({ min: 1, max: 2 ** 40 }), { minLength: n, maxLength: n }),
            // Fractions of allocatable requested on the fuller node and, lower, on the emptier one.
            fuller: fc.array(fc.double({ min: 0, max: 1.2, noNaN: true }), { minLength: n, maxLength: n }),
            emptierBy: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
            weights: fc.array(fc.integer({ min: 1, max: 100 }), { minLength: n, maxLength: n }),
            otherScale: fc.array(fc.integer({ min: 1, max: 8 }), { minLength: n, maxLength: n }),
          }),
        ),
        ({ allocatable, fuller, emptierBy, weights, otherScale }) => {
          const resources: ResourceSpec[] = weights.map((weight, i) => ({ name: `r${i}`, weight }));
          const reqFull = allocatable.map((a, i) => Math.floor(a * (fuller[i] as number)));
          const reqEmpty = reqFull.map((r, i) => Math.floor(r * (emptierBy[i] as number)));
          // Same node size: fewer requested everywhere → a score at least as high.
          expect(leastAllocatedScore(reqEmpty, allocatable, resources)).toBeGreaterThanOrEqual(leastAllocatedScore(reqFull, allocatable, resources));
          // A node k times larger with k times the requests of the emptier one has the same free fractions.
          const bigAlloc = allocatable.map((a, i) => a * (otherScale[i] as number));
          const bigReq = reqEmpty.map((r, i) => r * (otherScale[i] as number));
          expect(leastAllocatedScore(bigReq, bigAlloc, resources)).toBeGreaterThanOrEqual(leastAllocatedScore(reqFull, allocatable, resources));
        },
      ),
      { kind: 'pure' },
    ),
};

/** The score plugins' properties. */
export function schedulerPluginDefs(): PropertyDef[] {
  return [scoresInRange, leastAllocatedPrefersFree];
}
