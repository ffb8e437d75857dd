import { describe, expect, it } from 'vitest';
import { singleContainerPod } from '../../../../src/cluster/pod-requests.js';
import { resources } from '../../../../src/cluster/resources.js';
import { nonZeroRequests } from '../../../../src/engines/kubernetes/scheduler/non-zero-requests.js';
import { DEFAULT_MEMORY_REQUEST, DEFAULT_MILLI_CPU_REQUEST } from '../../../../src/engines/kubernetes/scheduler/types.js';

const MI = 2 ** 20;

/*
 * What NodeResourcesFit scores and NodeInfo.NonZeroRequested sums: PodRequests with
 * NonMissingContainerRequests = 100m / 200Mi (resource_allocation.go calculatePodResourceRequest;
 * upstream cases in resource_allocation_test.go TestResourceAllocationScorerCalculateRequests). The
 * cases are ours.
 */
describe('nonZeroRequests (kube-scheduler scoring)', () => {
  it('uses the upstream defaults: 100 millicores and 200 MiB', () => {
    expect(DEFAULT_MILLI_CPU_REQUEST).toBe(100);
    expect(DEFAULT_MEMORY_REQUEST).toBe(200 * MI);
  });

  it('keeps an explicit 0 at 0 when the container states it', () => {
    const r = resources({});
    expect(nonZeroRequests(r, singleContainerPod(r, { cpu: true, memory: true }))).toEqual({ cpu: 0, memory: 0 });
  });

  it('counts the defaults for keys the container leaves out', () => {
    const r = resources({ cpu: 300 });
    expect(nonZeroRequests(r, singleContainerPod(r, { cpu: true, memory: false }))).toEqual({ cpu: 300, memory: 200 * MI });
  });

  it('counts them per container: two request-less containers count twice', () => {
    const none = { cpu: false, memory: false };
    const pod = { containers: [0, 1].map((i) => ({ name: `c${i}`, requests: resources({}), stated: none })), initContainers: [] };
    expect(nonZeroRequests(resources({}), pod)).toEqual({ cpu: 200, memory: 400 * MI });
  });

  it('gives a pod with no containers nothing but its overhead', () => {
    const overhead = resources({ cpu: 50, memory: MI });
    expect(nonZeroRequests(overhead, { containers: [], initContainers: [], overhead })).toEqual({ cpu: 50, memory: MI });
  });

  it('without containers (a trace row), treats a 0 as left out', () => {
    expect(nonZeroRequests(resources({ cpu: 0, memory: 5 * MI }), undefined)).toEqual({ cpu: 100, memory: 5 * MI });
  });

  it('never defaults GPUs or extended resources (they are not part of the result)', () => {
    const r = resources({ gpu: 1 });
    expect(nonZeroRequests(r, singleContainerPod(r, { cpu: false, memory: false }))).toEqual({ cpu: 100, memory: 200 * MI });
  });
});
