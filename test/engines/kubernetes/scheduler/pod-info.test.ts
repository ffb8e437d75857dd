import { describe, expect, it } from 'vitest';
import { NO_CONSTRAINTS } from '../../../../src/cluster/constraints.js';
import { type PodRequests, podRequests } from '../../../../src/cluster/pod-requests.js';
import { resources, type Resources } from '../../../../src/cluster/resources.js';
import { type Pod } from '../../../../src/engines/kubernetes/objects.js';
import { podInfoOf } from '../../../../src/engines/kubernetes/scheduler/pod-info.js';

const MI = 2 ** 20;

function podObject(requests: Resources, pod?: PodRequests): Pod {
  return {
    kind: 'Pod',
    meta: { name: 'p', namespace: 'ns', uid: 'uid-p', resourceVersion: 1, creationTimestamp: 0 as never, labels: {} },
    spec: {
      priority: 0,
      preemptionPolicy: 'PreemptLowerPriority',
      requests,
      pod,
      constraints: NO_CONSTRAINTS,
      tolerations: [],
      restartPolicy: 'Never',
      workload: 'w',
      tenant: 'ns',
    },
    status: { phase: 'Pending', ready: false, restartCount: 0 },
  };
}

describe('podInfoOf: what the scheduler knows of a pod', () => {
  it('takes the effective request for filtering and the per-container defaults for scoring', () => {
    const none = { cpu: false, memory: false };
    const pod: PodRequests = {
      containers: [
        { name: 'app', requests: resources({ cpu: 1000, memory: 0 }), stated: { cpu: true, memory: true } },
        { name: 'sidecar', requests: resources({}), stated: none },
      ],
      initContainers: [{ name: 'init', requests: resources({ cpu: 2000 }), stated: { cpu: true, memory: false } }],
    };
    const info = podInfoOf(podObject(podRequests(pod), pod));
    // Effective: max(1000 + 0, 2000) cpu, 0 memory. Scoring: app 1000 + 0 (stated), sidecar 100 + 200Mi,
    // init 2000 + 200Mi; max(1100, 2000) cpu and max(200Mi, 200Mi) memory.
    expect(info.requests).toMatchObject({ cpu: 2000, memory: 0 });
    expect([info.nonZeroCpu, info.nonZeroMemory]).toEqual([2000, 200 * MI]);
  });

  it('treats a pod without containers (a trace task) as one container whose zeros are left out', () => {
    const info = podInfoOf(podObject(resources({ cpu: 0, memory: 3 * MI })));
    expect([info.nonZeroCpu, info.nonZeroMemory]).toEqual([100, 3 * MI]);
  });
});
