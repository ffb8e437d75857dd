import { describe, expect, it } from 'vitest';
import { type ContainerRequests, type PodRequests, podRequests, singleContainerPod } from '../../src/cluster/pod-requests.js';
import { resources, type Resources } from '../../src/cluster/resources.js';

const MI = 2 ** 20;
const both = { cpu: true, memory: true };
const c = (name: string, r: Partial<Resources>, stated: ContainerRequests['stated'] = both): ContainerRequests => ({ name, requests: resources(r), stated });
const pod = (containers: ContainerRequests[], initContainers: ContainerRequests[] = [], overhead?: Partial<Resources>): PodRequests => ({
  containers,
  initContainers,
  ...(overhead ? { overhead: resources(overhead) } : {}),
});
const DEFAULTS = { cpu: 100, memory: 200 * MI };

/*
 * The pod's effective request as Kubernetes's resource helper computes it (`PodRequests`,
 * k8s.io/component-helpers/resource; upstream cases in helpers_test.go TestPodResourceRequests and
 * the scheduler's resource_allocation_test.go TestResourceAllocationScorerCalculateRequests). The
 * cases below are our own.
 */
describe('podRequests: the effective request', () => {
  const cases: { name: string; pod: PodRequests; want: Partial<Resources> }[] = [
    { name: 'one container is its own request', pod: pod([c('a', { cpu: 500, memory: 64 * MI })]), want: { cpu: 500, memory: 64 * MI } },
    { name: 'app containers add up', pod: pod([c('a', { cpu: 500 }), c('b', { cpu: 250, memory: MI })]), want: { cpu: 750, memory: MI } },
    {
      name: 'init containers count as their largest, per resource, against the sum of the app containers',
      pod: pod([c('a', { cpu: 300, memory: 10 * MI }), c('b', { cpu: 300, memory: 10 * MI })], [c('i1', { cpu: 1000 }), c('i2', { memory: 50 * MI })]),
      want: { cpu: 1000, memory: 50 * MI },
    },
    {
      name: 'an init container smaller than the app containers adds nothing',
      pod: pod([c('a', { cpu: 2000, memory: 4 * MI })], [c('i', { cpu: 1000, memory: 2 * MI })]),
      want: { cpu: 2000, memory: 4 * MI },
    },
    {
      name: 'the overhead is added last',
      pod: pod([c('a', { cpu: 500 })], [c('i', { cpu: 800 })], { cpu: 100, memory: 20 * MI }),
      want: { cpu: 900, memory: 20 * MI },
    },
    { name: 'a pod without containers is its overhead', pod: pod([], [], { cpu: 1000, memory: MI }), want: { cpu: 1000, memory: MI } },
    {
      name: 'GPUs and extended resources follow the same rules',
      pod: pod([c('a', { gpu: 1 }), c('b', { gpu: 1 })], [c('i', { gpu: 3, ext: { 'example.com/fpga': 1 } })]),
      want: { gpu: 3, ext: { 'example.com/fpga': 1 } },
    },
  ];
  it.each(cases)('$name', ({ pod: p, want }) => {
    expect(podRequests(p)).toEqual({ ...resources(want), ...(want.ext ? { ext: want.ext } : {}) });
  });
});

describe('podRequests with defaults for missing requests', () => {
  const cpuOnly = { cpu: true, memory: false };
  const none = { cpu: false, memory: false };
  it('counts the default once per container that leaves the key out, never for an explicit 0', () => {
    const p = pod([c('a', {}, none), c('b', {}, none), c('zero', { cpu: 0, memory: 0 }, both)]);
    expect(podRequests(p, DEFAULTS)).toMatchObject({ cpu: 200, memory: 400 * MI });
    expect(podRequests(p)).toMatchObject({ cpu: 0, memory: 0 });
  });
  it('fills only the missing key of a container that states the other', () => {
    expect(podRequests(pod([c('a', { cpu: 500 }, cpuOnly)]), DEFAULTS)).toMatchObject({ cpu: 500, memory: 200 * MI });
  });
  it('applies the defaults to init containers too, before taking their maximum', () => {
    // The app container states both keys (1 core, 0 memory); the init container states only cpu, so
    // its memory counts 200Mi and wins the maximum.
    expect(podRequests(pod([c('a', { cpu: 1000, memory: 0 })], [c('i', { cpu: 100 }, cpuOnly)]), DEFAULTS)).toMatchObject({ cpu: 1000, memory: 200 * MI });
  });
  it('gives a pod without containers no default (only its overhead)', () => {
    expect(podRequests(pod([], [], { cpu: 1000, memory: MI }), DEFAULTS)).toMatchObject({ cpu: 1000, memory: MI });
  });
});

describe('singleContainerPod', () => {
  it('is one container whose request is the pod request', () => {
    const r = resources({ cpu: 250, memory: MI });
    const p = singleContainerPod(r, { cpu: true, memory: false });
    expect(p.containers).toHaveLength(1);
    expect(podRequests(p)).toEqual(r);
    expect(podRequests(p, DEFAULTS)).toMatchObject({ cpu: 250, memory: MI + 200 * MI });
  });
});
