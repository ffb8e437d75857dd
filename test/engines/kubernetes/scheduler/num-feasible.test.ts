import { describe, expect, it } from 'vitest';
import { numFeasibleNodesToFind } from '../../../../src/engines/kubernetes/scheduler/num-feasible.js';

describe('numFeasibleNodesToFind', () => {
  const rows = [
    { name: 'fewer than 100 nodes: all of them', nodes: 50, pct: 0, want: 50 },
    { name: '99 nodes: all', nodes: 99, pct: 0, want: 99 },
    { name: '100 nodes: 50 % = 50, raised to the 100 minimum', nodes: 100, pct: 0, want: 100 },
    { name: '1000 nodes: 50 − 8 = 42 % → 420', nodes: 1000, pct: 0, want: 420 },
    { name: '5000 nodes: 50 − 40 = 10 % → 500', nodes: 5000, pct: 0, want: 500 },
    { name: '6000 nodes: 50 − 48 = 2 %, floored at 5 % → 300', nodes: 6000, pct: 0, want: 300 },
    { name: '10000 nodes: floor 5 % → 500', nodes: 10000, pct: 0, want: 500 },
    { name: 'configured 30 % of 1000 → 300', nodes: 1000, pct: 30, want: 300 },
    { name: 'configured 5 % of 1000 = 50, raised to 100', nodes: 1000, pct: 5, want: 100 },
    { name: 'configured 100 % → every node', nodes: 2500, pct: 100, want: 2500 },
  ];
  it.each(rows)('$name', ({ nodes, pct, want }) => expect(numFeasibleNodesToFind(nodes, pct)).toBe(want));
});
