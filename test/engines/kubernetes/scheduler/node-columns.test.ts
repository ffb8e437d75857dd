import { describe, expect, it } from 'vitest';
import { fitOnColumns, NodeColumns, PLAIN_FILTERS, PREFER_TAINT } from '../../../../src/engines/kubernetes/scheduler/node-columns.js';
import { nodeResourcesFitFilter } from '../../../../src/engines/kubernetes/scheduler/plugins/node-resources-fit.js';
import { GI, node, pod } from './fixtures.js';

describe('NodeColumns', () => {
  it.each([
    { name: 'plain node', opts: {}, flags: PLAIN_FILTERS },
    { name: 'cordoned node', opts: { unschedulable: true }, flags: 0 },
    { name: 'NoSchedule taint', opts: { taints: [{ key: 'k', effect: 'NoSchedule' as const }] }, flags: 0 },
    { name: 'NoExecute taint', opts: { taints: [{ key: 'k', effect: 'NoExecute' as const }] }, flags: 0 },
    { name: 'PreferNoSchedule taint only', opts: { taints: [{ key: 'k', effect: 'PreferNoSchedule' as const }] }, flags: PLAIN_FILTERS | PREFER_TAINT },
  ])('flags a $name', ({ opts, flags }) => {
    expect(NodeColumns.of([node('n', { cpu: 1000 }, opts)]).flags[0]).toBe(flags);
  });

  it('copies the numbers and grows past its capacity', () => {
    const cols = new NodeColumns(1);
    const nodes = Array.from({ length: 5 }, (_, i) =>
      node(`n${i}`, { cpu: 1000 * (i + 1), memory: GI, gpu: i }, { pods: [pod(`p${i}`, { cpu: 100 * i })], maxPods: 10 + i }),
    );
    nodes.forEach((n, i) => cols.sync(i, n));
    expect(Array.from(cols.allocCpu.subarray(0, 5))).toEqual([1000, 2000, 3000, 4000, 5000]);
    expect(Array.from(cols.reqCpu.subarray(0, 5))).toEqual([0, 100, 200, 300, 400]);
    expect(Array.from(cols.nonZeroCpu.subarray(0, 5))).toEqual([100, 100, 200, 300, 400]);
    expect(Array.from(cols.allocGpu.subarray(0, 5))).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(cols.podCount.subarray(0, 5))).toEqual([1, 1, 1, 1, 1]);
    expect(Array.from(cols.maxPods.subarray(0, 5))).toEqual([10, 11, 12, 13, 14]);
  });
});

describe('fitOnColumns', () => {
  const nodes = [
    node('empty', { cpu: 4000, memory: 8 * GI }),
    node('busy-cpu', { cpu: 4000, memory: 8 * GI }, { pods: [pod('x', { cpu: 3800 })] }),
    node('busy-memory', { cpu: 4000, memory: 8 * GI }, { pods: [pod('x', { memory: 7.5 * GI })] }),
    node('full-pods', { cpu: 4000, memory: 8 * GI }, { pods: [pod('x'), pod('y')], maxPods: 2 }),
    node('gpu', { cpu: 4000, memory: 8 * GI, gpu: 1 }),
    node('exact', { cpu: 500, memory: GI }),
  ];
  const cols = NodeColumns.of(nodes);
  it.each([
    { name: 'a small pod', p: pod('p', { cpu: 500, memory: GI }) },
    { name: 'a best-effort pod', p: pod('p') },
    { name: 'a cpu-heavy pod', p: pod('p', { cpu: 300 }) },
    { name: 'a memory-heavy pod', p: pod('p', { memory: GI }) },
    { name: 'a GPU pod', p: pod('p', { cpu: 100, gpu: 1 }) },
    { name: 'a pod bigger than every node', p: pod('p', { cpu: 5000, memory: 9 * GI, gpu: 2 }) },
  ])("gives the Fit plugin's outcome on every node for $name", ({ p }) => {
    nodes.forEach((n, i) => expect(fitOnColumns(p, cols, i)).toBe(nodeResourcesFitFilter(p, n)));
  });
});
