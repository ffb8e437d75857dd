import { describe, expect, it } from 'vitest';
import { defaultOptions } from '../../../../src/engines/kubernetes/options.js';
import { balancedAllocationSkips } from '../../../../src/engines/kubernetes/scheduler/plugins/balanced-allocation.js';
import { nodeResourcesFitFilter } from '../../../../src/engines/kubernetes/scheduler/plugins/node-resources-fit.js';
import { scoreNodes, type ScoreProfile } from '../../../../src/engines/kubernetes/scheduler/score-nodes.js';
import { GI, node, pod } from './fixtures.js';

const base: ScoreProfile = defaultOptions().scheduler;
const withFit = (type: ScoreProfile['scoringStrategy']['type'], names: string[]): ScoreProfile => ({
  ...base,
  scoringStrategy: { ...base.scoringStrategy, type, resources: names.map((name) => ({ name, weight: 1 })) },
});

/*
 * Extended resources by their real names in the Fit filter and in scoring
 * (noderesources/fit.go fitsRequest, resource_allocation.go; upstream cases in fit_test.go
 * TestEnoughRequests "extended resource" rows and most_allocated_test.go / least_allocated_test.go
 * with nvidia.com/gpu-like scalar resources). The cases are ours.
 */
describe('extended resources by domain/name', () => {
  const gpuNodes = [
    node('busy', { cpu: 8000, memory: 32 * GI, gpu: 4 }, { pods: [pod('x', { cpu: 1000, memory: GI, gpu: 3 })] }),
    node('idle', { cpu: 8000, memory: 32 * GI, gpu: 4 }),
  ];

  it('scores nvidia.com/gpu exactly as its short name gpu', () => {
    const p = pod('p', { cpu: 500, memory: GI, gpu: 1 });
    const long = scoreNodes(p, gpuNodes, withFit('MostAllocated', ['cpu', 'memory', 'nvidia.com/gpu']), true);
    const short = scoreNodes(p, gpuNodes, withFit('MostAllocated', ['cpu', 'memory', 'gpu']), true);
    expect(long.perPlugin?.['NodeResourcesFit']).toEqual(short.perPlugin?.['NodeResourcesFit']);
    // The GPU term makes the busy node the bin-packing choice.
    const [busy, idle] = long.perPlugin?.['NodeResourcesFit'] ?? [];
    expect(busy).toBeGreaterThan(idle as number);
  });

  it('scores an extended resource named domain/name on the nodes that have it', () => {
    const fpga = [
      node('a', { cpu: 4000, memory: 8 * GI, ext: { 'example.com/fpga': 4 } }, { pods: [pod('x', { cpu: 1, ext: { 'example.com/fpga': 2 } })] }),
      node('b', { cpu: 4000, memory: 8 * GI, ext: { 'example.com/fpga': 4 } }),
    ];
    const s = scoreNodes(pod('p', { cpu: 1, ext: { 'example.com/fpga': 1 } }), fpga, withFit('LeastAllocated', ['example.com/fpga']), true);
    // LeastAllocated over the fpga alone: (4 − 3)/4 → 25 on a, (4 − 1)/4 → 75 on b.
    expect(s.perPlugin?.['NodeResourcesFit']).toEqual([25, 75]);
  });

  it('skips a scalar resource the pod requests none of (its weight does not count)', () => {
    const p = pod('p', { cpu: 2000, memory: 4 * GI });
    const withGpu = scoreNodes(p, gpuNodes, withFit('LeastAllocated', ['cpu', 'memory', 'nvidia.com/gpu']), true);
    const without = scoreNodes(p, gpuNodes, withFit('LeastAllocated', ['cpu', 'memory']), true);
    expect(withGpu.perPlugin?.['NodeResourcesFit']).toEqual(without.perPlugin?.['NodeResourcesFit']);
  });

  it('filters on the real name and says it', () => {
    const full = node(
      'n',
      { cpu: 8000, memory: 8 * GI, gpu: 1, ext: { 'example.com/fpga': 1 } },
      { pods: [pod('x', { gpu: 1, ext: { 'example.com/fpga': 1 } })] },
    );
    expect(nodeResourcesFitFilter(pod('g', { gpu: 1 }), full)).toMatchObject({ ok: false, reason: 'Insufficient nvidia.com/gpu' });
    expect(nodeResourcesFitFilter(pod('f', { ext: { 'example.com/fpga': 1 } }), full)).toMatchObject({ ok: false, reason: 'Insufficient example.com/fpga' });
  });
});

/*
 * BalancedAllocation's PreScore Skip (balanced_allocation.go PreScore / isBestEffortPod over
 * calculatePodResourceRequestList(pod, ba.resources), PR #130260; upstream cases in
 * balanced_allocation_test.go). The cases are ours.
 */
describe('BalancedAllocation skips only a pod that requests none of its configured resources', () => {
  const cpuMemory = [{ name: 'cpu' }, { name: 'memory' }];
  it('skips a pod with no requests at all', () => {
    expect(balancedAllocationSkips(pod('p', {}), cpuMemory)).toBe(true);
  });
  it('skips a GPU-only pod under the default [cpu, memory]', () => {
    expect(balancedAllocationSkips(pod('p', { gpu: 1 }), cpuMemory)).toBe(true);
  });
  it('scores the same GPU-only pod when nvidia.com/gpu is configured', () => {
    expect(balancedAllocationSkips(pod('p', { gpu: 1 }), [...cpuMemory, { name: 'nvidia.com/gpu' }])).toBe(false);
  });
  it('scores a pod with any configured request, even with the other at 0', () => {
    expect(balancedAllocationSkips(pod('p', { memory: GI }), cpuMemory)).toBe(false);
  });
  it('leaves the plugin out of the totals when it skips', () => {
    const s = scoreNodes(pod('p', { gpu: 1 }), [node('n', { cpu: 4000, memory: 8 * GI, gpu: 2 })], base, true);
    expect(s.perPlugin?.['NodeResourcesBalancedAllocation']).toBeUndefined();
  });
});
