import { describe, expect, it } from 'vitest';
import { type Profile, scheduleCycle } from '../../../../src/engines/kubernetes/scheduler/framework.js';
import { scoreNodes } from '../../../../src/engines/kubernetes/scheduler/score-nodes.js';
import { defaultOptions } from '../../../../src/engines/kubernetes/options.js';
import { Rng } from '../../../../src/sim/rng.js';
import { GI, node, pod } from './fixtures.js';

const profile: Profile = defaultOptions().scheduler;

describe('scheduleCycle', () => {
  it('walks the ring from the round-robin start and stops at numFeasibleNodesToFind', () => {
    const nodes = Array.from({ length: 1000 }, (_, i) => node(`n${i}`, { cpu: 4000, memory: 8 * GI }));
    const state = { nextStartNodeIndex: 0 };
    const r1 = scheduleCycle(pod('a', { cpu: 100 }), nodes, profile, state, Rng.root(1));
    expect(r1.evaluated).toBe(420);
    expect(state.nextStartNodeIndex).toBe(420);
    scheduleCycle(pod('b', { cpu: 100 }), nodes, profile, state, Rng.root(1));
    expect(state.nextStartNodeIndex).toBe(840);
    scheduleCycle(pod('c', { cpu: 100 }), nodes, profile, state, Rng.root(1));
    expect(state.nextStartNodeIndex).toBe(260); // (840 + 420) % 1000
  });

  it('counts rejected nodes in the walk', () => {
    const nodes = Array.from({ length: 200 }, (_, i) => node(`n${i}`, { cpu: i % 2 === 0 ? 100 : 4000 }));
    const state = { nextStartNodeIndex: 0 };
    const r = scheduleCycle(pod('a', { cpu: 1000 }), nodes, profile, state, Rng.root(1));
    // 200 nodes → 100 feasible wanted; only the 100 odd nodes fit, so the whole ring is walked.
    expect(r.kind).toBe('placed');
    expect(r.evaluated).toBe(200);
  });

  it('prefers the emptier node with LeastAllocated', () => {
    const busy = node('busy', { cpu: 4000, memory: 8 * GI }, { pods: [pod('x', { cpu: 3000, memory: 6 * GI })] });
    const idle = node('idle', { cpu: 4000, memory: 8 * GI });
    const r = scheduleCycle(pod('p', { cpu: 500, memory: GI }), [busy, idle], profile, { nextStartNodeIndex: 0 }, Rng.root(1));
    expect(r).toMatchObject({ kind: 'placed', node: 'idle' });
  });

  it('scores a pod without requests with the non-zero defaults (100 m, 200 MiB) and skips BalancedAllocation', () => {
    const n = node('n', { cpu: 4000, memory: 8 * GI });
    const s = scoreNodes(pod('p'), [n, n], profile, true);
    // Fit: cpu (4000−100)×100/4000 = 97, memory (8192−200)×100/8192 = 97 → 97; TaintToleration 100×3.
    expect(s.perPlugin?.['NodeResourcesFit']).toEqual([97, 97]);
    expect(s.perPlugin?.['NodeResourcesBalancedAllocation']).toBeUndefined();
    expect(s.totals).toEqual([397, 397]);
  });

  it('picks uniformly among equal top scores with the seeded stream', () => {
    const nodes = Array.from({ length: 4 }, (_, i) => node(`n${i}`, { cpu: 4000, memory: 8 * GI }));
    const counts = new Map<string, number>();
    const rng = Rng.root(42);
    for (let i = 0; i < 4000; i++) {
      const r = scheduleCycle(pod('p', { cpu: 100 }), nodes, profile, { nextStartNodeIndex: 0 }, rng);
      if (r.kind === 'placed') counts.set(r.node, (counts.get(r.node) ?? 0) + 1);
    }
    for (const name of ['n0', 'n1', 'n2', 'n3']) expect(counts.get(name)).toBeGreaterThan(850);
    const again = scheduleCycle(pod('p', { cpu: 100 }), nodes, profile, { nextStartNodeIndex: 0 }, Rng.root(7));
    const same = scheduleCycle(pod('p', { cpu: 100 }), nodes, profile, { nextStartNodeIndex: 0 }, Rng.root(7));
    expect(again).toEqual(same);
  });

  it('tries the nominated node first', () => {
    const nodes = [node('a', { cpu: 4000 }), node('b', { cpu: 4000 }, { pods: [pod('x', { cpu: 3000 })] })];
    const r = scheduleCycle(pod('p', { cpu: 500 }, { nominatedNodeName: 'b' }), nodes, profile, { nextStartNodeIndex: 0 }, Rng.root(1));
    expect(r).toMatchObject({ kind: 'placed', node: 'b', evaluated: 1 });
  });

  it('lists the chosen node first among the explained candidates, however many nodes tie', () => {
    const nodes = Array.from({ length: 6 }, (_, i) => node(`n${i}`, { cpu: 4000, memory: 8 * GI }));
    const chosen = new Set<string>();
    for (let seed = 1; seed <= 20; seed++) {
      const r = scheduleCycle(pod('p', { cpu: 500, memory: GI }), nodes, profile, { nextStartNodeIndex: 0 }, Rng.root(seed), 3);
      if (r.kind !== 'placed') throw new Error('expected a placement');
      expect(r).toMatchObject({ selectedBy: 'highest-score', tiedAtBest: 6, feasible: 6 });
      expect(r.candidates).toHaveLength(3);
      expect(r.candidates[0]?.node).toBe(r.node);
      expect(new Set(r.candidates.map((c) => c.total)).size).toBe(1);
      chosen.add(r.node);
    }
    // selectHost picks among all six tied nodes, not only the first three in walk order.
    expect([...chosen].some((n) => !['n0', 'n1', 'n2'].includes(n))).toBe(true);
  });

  it('explains an unschedulable pod like FitError', () => {
    const nodes = [node('a', { cpu: 1000 }), node('b', { cpu: 1000 }), node('c', { cpu: 8000 }, { taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }] })];
    const r = scheduleCycle(pod('p', { cpu: 2000 }), nodes, profile, { nextStartNodeIndex: 0 }, Rng.root(1));
    expect(r.kind).toBe('unschedulable');
    if (r.kind === 'unschedulable') expect(r.reason).toBe('0/3 nodes are available: 2 Insufficient cpu, 1 node(s) had untolerated taint {k: v}.');
  });
});
