import { describe, expect, it } from 'vitest';
import { resources } from '../../../../src/cluster/resources.js';
import { type NodeObject } from '../../../../src/engines/kubernetes/objects.js';
import { NodeColumns } from '../../../../src/engines/kubernetes/scheduler/node-columns.js';
import { SchedulerCache } from '../../../../src/engines/kubernetes/scheduler/scheduler-cache.js';
import { type SimTime } from '../../../../src/sim/time.js';
import { GI, pod } from './fixtures.js';

function nodeObject(name: string, opts: { cpu?: number; unschedulable?: boolean } = {}): NodeObject {
  return {
    kind: 'Node',
    meta: { name, namespace: '', uid: `uid-${name}`, resourceVersion: 1, creationTimestamp: 0 as SimTime, labels: {} },
    spec: { taints: [], unschedulable: opts.unschedulable ?? false },
    status: { allocatable: resources({ cpu: opts.cpu ?? 4000, memory: 8 * GI }), maxPods: 110, ready: 'True', readyTransition: 0 as SimTime },
  };
}

/** The cache's columns must equal columns made afresh from its NodeInfos after every change. */
function expectInSync(cache: SchedulerCache): void {
  const fresh = NodeColumns.of(cache.nodes);
  const n = cache.nodes.length;
  for (const field of [
    'allocCpu',
    'allocMemory',
    'allocGpu',
    'reqCpu',
    'reqMemory',
    'reqGpu',
    'nonZeroCpu',
    'nonZeroMemory',
    'podCount',
    'maxPods',
    'flags',
  ] as const) {
    expect(Array.from(cache.columns[field].subarray(0, n)), field).toEqual(Array.from(fresh[field].subarray(0, n)));
  }
}

describe('SchedulerCache columns', () => {
  it('follow node and pod changes', () => {
    const cache = new SchedulerCache();
    for (let i = 0; i < 20; i++) cache.upsertNode(nodeObject(`n${i}`));
    expectInSync(cache);
    cache.addPod(pod('a', { cpu: 500, memory: GI }), 'n3', true);
    cache.addPod(pod('b'), 'n3');
    cache.addPod(pod('c', { cpu: 100 }), 'n7');
    expectInSync(cache);
    cache.addPod(pod('a', { cpu: 500, memory: GI }), 'n3');
    cache.removePod('default/b');
    expectInSync(cache);
    cache.addPod(pod('c', { cpu: 100 }), 'n9');
    expectInSync(cache);
    cache.upsertNode(nodeObject('n9', { cpu: 8000, unschedulable: true }));
    expectInSync(cache);
    cache.removeNode('n0');
    expectInSync(cache);
    expect(cache.columns.podCount[2]).toBe(1);
  });
});

describe('SchedulerCache.markTerminating', () => {
  it('marks a preempted pod terminating while it keeps its room on the node', () => {
    const cache = new SchedulerCache();
    cache.upsertNode(nodeObject('n0'));
    cache.addPod(pod('victim', { cpu: 1000, memory: GI }), 'n0');
    cache.markTerminating('default/victim');
    expect(cache.node('n0')?.pods.get('default/victim')?.terminating).toBe(true);
    expect(cache.node('n0')?.requested.cpu).toBe(1000);
    expectInSync(cache);
    // An unknown pod is ignored.
    cache.markTerminating('default/nobody');
    expect(cache.node('n0')?.pods.size).toBe(1);
  });
});
