import { describe, expect, it } from 'vitest';
import { defaultOptions } from '../../../../src/engines/kubernetes/options.js';
import { balancedAllocationScore } from '../../../../src/engines/kubernetes/scheduler/plugins/balanced-allocation.js';
import { leastAllocatedScore } from '../../../../src/engines/kubernetes/scheduler/plugins/least-allocated.js';
import { mostAllocatedScore } from '../../../../src/engines/kubernetes/scheduler/plugins/most-allocated.js';
import { fillAllocation } from '../../../../src/engines/kubernetes/scheduler/plugins/resource-request.js';
import { scoreNodes, type ScoreProfile } from '../../../../src/engines/kubernetes/scheduler/score-nodes.js';
import { GI, node, pod } from './fixtures.js';

const profile: ScoreProfile = defaultOptions().scheduler;

/** The plugins run one by one on the NodeInfo objects: what the unrolled cpu+memory path must equal. */
function byPlugins(p: ReturnType<typeof pod>, n: ReturnType<typeof node>): { fit: number; bal: number } {
  const req = [0, 0];
  const alloc = [0, 0];
  fillAllocation(p, n, profile.scoringStrategy.resources, false, req, alloc);
  const fit = leastAllocatedScore(req, alloc, profile.scoringStrategy.resources);
  fillAllocation(p, n, profile.balancedAllocationResources, true, req, alloc);
  return { fit, bal: balancedAllocationScore(req, alloc) };
}

describe('scoreNodes (default cpu + memory profile)', () => {
  const nodes = [
    node('empty', { cpu: 4000, memory: 16e9 }),
    node('half', { cpu: 4000, memory: 16e9 }, { pods: [pod('x', { cpu: 2000, memory: 4e9 })] }),
    node('odd', { cpu: 3333, memory: 7 * GI }, { pods: [pod('x', { cpu: 1111 }), pod('y', { memory: 3 * GI })] }),
    node('over', { cpu: 1000, memory: GI }, { pods: [pod('x', { cpu: 1000, memory: GI })] }),
    node('no-memory', { cpu: 4000 }),
  ];
  it.each([
    { name: 'a small pod', p: pod('p', { cpu: 250, memory: 1e9 }) },
    { name: 'a cpu-only pod', p: pod('p', { cpu: 700 }) },
    { name: 'a memory-only pod', p: pod('p', { memory: 2 * GI }) },
    { name: 'an odd-sized pod', p: pod('p', { cpu: 333, memory: 123456789 }) },
  ])("gives the plugins' Fit and BalancedAllocation scores for $name", ({ p }) => {
    const s = scoreNodes(p, nodes, profile, true);
    const w = profile.weights;
    nodes.forEach((n, i) => {
      const { fit, bal } = byPlugins(p, n);
      expect(s.perPlugin?.['NodeResourcesFit']?.[i]).toBe(fit * w.NodeResourcesFit);
      expect(s.perPlugin?.['NodeResourcesBalancedAllocation']?.[i]).toBe(bal * w.NodeResourcesBalancedAllocation);
      expect(s.totals[i]).toBe(w.TaintToleration * 100 + fit * w.NodeResourcesFit + bal * w.NodeResourcesBalancedAllocation);
    });
  });

  it('scores PreferNoSchedule taints only on the nodes that have them', () => {
    const tainted = node('t', { cpu: 4000, memory: 8 * GI }, { taints: [{ key: 'k', effect: 'PreferNoSchedule' }] });
    const s = scoreNodes(pod('p', { cpu: 100 }), [tainted, node('u', { cpu: 4000, memory: 8 * GI })], profile, true);
    expect(s.perPlugin?.['TaintToleration']).toEqual([0, 100 * profile.weights.TaintToleration]);
  });

  it('takes the per-resource path for another strategy (MostAllocated over cpu, memory, gpu) with the same results as the plugins', () => {
    const most: ScoreProfile = {
      ...profile,
      scoringStrategy: {
        ...profile.scoringStrategy,
        type: 'MostAllocated',
        resources: [
          { name: 'cpu', weight: 2 },
          { name: 'memory', weight: 1 },
          { name: 'gpu', weight: 3 },
        ],
      },
    };
    const p = pod('p', { cpu: 300, memory: GI, gpu: 1 });
    const s = scoreNodes(p, nodes, most, true);
    nodes.forEach((n, i) => {
      const req = [0, 0, 0];
      const alloc = [0, 0, 0];
      fillAllocation(p, n, most.scoringStrategy.resources, false, req, alloc);
      expect(s.perPlugin?.['NodeResourcesFit']?.[i]).toBe(mostAllocatedScore(req, alloc, most.scoringStrategy.resources) * most.weights.NodeResourcesFit);
    });
  });
});
