import { describe, expect, it } from 'vitest';
import { balancedAllocationScore } from '../../../../../src/engines/kubernetes/scheduler/plugins/balanced-allocation.js';
import { leastAllocatedScore } from '../../../../../src/engines/kubernetes/scheduler/plugins/least-allocated.js';
import { mostAllocatedScore } from '../../../../../src/engines/kubernetes/scheduler/plugins/most-allocated.js';
import { defaultNormalizeScore } from '../../../../../src/engines/kubernetes/scheduler/plugins/normalize.js';
import { brokenLinear, requestedToCapacityRatioScore } from '../../../../../src/engines/kubernetes/scheduler/plugins/requested-to-capacity-ratio.js';

const CPU_MEM = [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
];

// Expected values worked out by hand from the formulas in reference/kubernetes.md §a3.
describe('LeastAllocated', () => {
  const rows = [
    { name: 'weighted integer mean: (25 + 50) / 2 = 37', req: [3000, 5000], alloc: [4000, 10000], res: CPU_MEM, want: 37 },
    { name: 'requested over capacity scores 0 for that resource', req: [5000, 0], alloc: [4000, 10000], res: CPU_MEM, want: 50 },
    { name: 'a resource with allocatable 0 is skipped with its weight', req: [0, 2500], alloc: [0, 10000], res: CPU_MEM, want: 75 },
    {
      name: 'weights: (25×2 + 50×1) / 3 = 33',
      req: [3000, 5000],
      alloc: [4000, 10000],
      res: [
        { name: 'cpu', weight: 2 },
        { name: 'memory', weight: 1 },
      ],
      want: 33,
    },
    { name: 'nothing counted gives 0', req: [0, 0], alloc: [0, 0], res: CPU_MEM, want: 0 },
  ];
  it.each(rows)('$name', ({ req, alloc, res, want }) => expect(leastAllocatedScore(req, alloc, res)).toBe(want));
});

describe('MostAllocated', () => {
  const rows = [
    { name: '(75 + 50) / 2 = 62', req: [3000, 5000], alloc: [4000, 10000], want: 62 },
    { name: 'requested over capacity is capped at 100', req: [6000, 0], alloc: [4000, 10000], want: 50 },
    { name: 'empty node scores 0', req: [0, 0], alloc: [4000, 10000], want: 0 },
  ];
  it.each(rows)('$name', ({ req, alloc, want }) => expect(mostAllocatedScore(req, alloc, CPU_MEM)).toBe(want));
});

describe('RequestedToCapacityRatio', () => {
  const up = [
    { utilization: 0, score: 0 },
    { utilization: 100, score: 10 },
  ];
  const down = [
    { utilization: 0, score: 10 },
    { utilization: 100, score: 0 },
  ];
  const rows = [
    { name: 'bin-packing shape: round((75 + 50) / 2) = 63 (MostAllocated gives 62)', shape: up, req: [3000, 5000], want: 63 },
    { name: 'spreading shape: round((25 + 50) / 2) = 38 (LeastAllocated gives 37)', shape: down, req: [3000, 5000], want: 38 },
    { name: 'a resource scoring 0 drops out of the mean', shape: up, req: [0, 5000], want: 50 },
    { name: 'requested over capacity scores f(100)', shape: up, req: [9000, 10000], want: 100 },
  ];
  it.each(rows)('$name', ({ shape, req, want }) => expect(requestedToCapacityRatioScore(req, [4000, 10000], CPU_MEM, shape)).toBe(want));

  const shapes = [
    {
      name: 'below the first point: its score ×10',
      shape: [
        { utilization: 20, score: 3 },
        { utilization: 100, score: 10 },
      ],
      p: 10,
      want: 30,
    },
    {
      name: 'beyond the last point: its score ×10',
      shape: [
        { utilization: 0, score: 3 },
        { utilization: 50, score: 7 },
      ],
      p: 80,
      want: 70,
    },
    {
      name: 'three points, descending segment: 100 + (50−100)×25/50 = 75',
      shape: [
        { utilization: 0, score: 0 },
        { utilization: 50, score: 10 },
        { utilization: 100, score: 5 },
      ],
      p: 75,
      want: 75,
    },
    {
      name: 'integer division truncates: 100×10/30 = 33',
      shape: [
        { utilization: 0, score: 0 },
        { utilization: 30, score: 10 },
      ],
      p: 10,
      want: 33,
    },
    {
      name: 'negative slope truncates toward zero: 100 − 33 = 67',
      shape: [
        { utilization: 0, score: 10 },
        { utilization: 30, score: 0 },
      ],
      p: 10,
      want: 67,
    },
  ];
  it.each(shapes)('broken linear function: $name', ({ shape, p, want }) => expect(brokenLinear(shape, p)).toBe(want));
});

describe('NodeResourcesBalancedAllocation (v1.35)', () => {
  const rows = [
    { name: 'two resources: std = |0.5 − 0.3| / 2 → 90', req: [3000, 3], alloc: [6000, 10], want: 90 },
    { name: 'fractions are capped at 1: |1 − 0| / 2 → 50', req: [8000, 0], alloc: [4000, 10000], want: 50 },
    { name: 'perfectly balanced → 100', req: [2000, 5000], alloc: [4000, 10000], want: 100 },
    { name: 'three resources: population std of 0.2, 0.4, 0.6 → 83', req: [2, 4, 6], alloc: [10, 10, 10], want: 83 },
    { name: 'one counted resource: std 0 → 100', req: [0, 3000], alloc: [0, 4000], want: 100 },
  ];
  it.each(rows)('$name', ({ req, alloc, want }) => expect(balancedAllocationScore(req, alloc)).toBe(want));
});

describe('DefaultNormalizeScore', () => {
  const rows = [
    { name: 'scales to the highest', scores: [0, 5, 10], reverse: false, want: [0, 50, 100] },
    { name: 'reversed', scores: [0, 5, 10], reverse: true, want: [100, 50, 0] },
    { name: 'integer division: 100×1/3 = 33', scores: [1, 3], reverse: false, want: [33, 100] },
    { name: 'all zero stays zero', scores: [0, 0], reverse: false, want: [0, 0] },
    { name: 'all zero reversed becomes the maximum', scores: [0, 0], reverse: true, want: [100, 100] },
  ];
  it.each(rows)('$name', ({ scores, reverse, want }) => {
    const s = [...scores];
    defaultNormalizeScore(s, reverse);
    expect(s).toEqual(want);
  });
});
