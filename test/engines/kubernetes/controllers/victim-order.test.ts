import { describe, expect, it } from 'vitest';
import { NO_CONSTRAINTS } from '../../../../src/cluster/constraints.js';
import { DELETION_COST, podsToDelete } from '../../../../src/engines/kubernetes/controllers/victim-order.js';
import { type Pod, type PodPhase } from '../../../../src/engines/kubernetes/objects.js';

interface P {
  name: string;
  node?: string;
  phase?: PodPhase;
  ready?: boolean;
  cost?: number;
  readySince?: number;
  restarts?: number;
  created?: number;
}

function pod(p: P): Pod {
  return {
    kind: 'Pod',
    meta: {
      name: p.name,
      namespace: 'ns',
      uid: `uid-${p.name}`,
      resourceVersion: 1,
      creationTimestamp: (p.created ?? 0) as never,
      labels: {},
      ...(p.cost !== undefined ? { annotations: { [DELETION_COST]: String(p.cost) } } : {}),
    },
    spec: {
      priority: 0,
      preemptionPolicy: 'PreemptLowerPriority',
      requests: { cpu: 1, memory: 1, gpu: 0 },
      constraints: NO_CONSTRAINTS,
      tolerations: [],
      restartPolicy: 'Always',
      workload: 'w',
      tenant: 'ns',
      ...(p.node ? { nodeName: p.node } : {}),
    },
    status: {
      phase: p.phase ?? 'Running',
      ready: p.ready ?? true,
      restartCount: p.restarts ?? 0,
      ...(p.readySince !== undefined ? { readySince: p.readySince as never } : {}),
    },
  };
}

const NOW = 10_000_000_000; // 10 000 s
const rows: { name: string; pods: P[]; want: string }[] = [
  {
    name: '1. unassigned before assigned',
    pods: [
      { name: 'a', node: 'n1' },
      { name: 'b', phase: 'Pending', ready: false },
    ],
    want: 'b',
  },
  {
    name: '2. Pending before Running',
    pods: [
      { name: 'a', node: 'n1' },
      { name: 'b', node: 'n2', phase: 'Pending', ready: false },
    ],
    want: 'b',
  },
  {
    name: '3. not ready before ready',
    pods: [
      { name: 'a', node: 'n1' },
      { name: 'b', node: 'n2', ready: false },
    ],
    want: 'b',
  },
  {
    name: '4. lower deletion cost first',
    pods: [
      { name: 'a', node: 'n1', cost: 5 },
      { name: 'b', node: 'n2', cost: -1 },
    ],
    want: 'b',
  },
  {
    name: '5. doubled-up node first',
    pods: [
      { name: 'a', node: 'n1' },
      { name: 'b', node: 'n2' },
      { name: 'c', node: 'n2' },
    ],
    want: 'b',
  },
  {
    name: '6. ready more recently first (log buckets)',
    pods: [
      { name: 'a', node: 'n1', readySince: 1_000_000 },
      { name: 'b', node: 'n2', readySince: 9_000_000_000 },
    ],
    want: 'b',
  },
  {
    name: '7. more restarts first',
    pods: [
      { name: 'a', node: 'n1' },
      { name: 'b', node: 'n2', restarts: 2 },
    ],
    want: 'b',
  },
  {
    name: '8. newer creation first',
    pods: [
      { name: 'a', node: 'n1', created: 1_000_000 },
      { name: 'b', node: 'n2', created: 9_000_000_000 },
    ],
    want: 'b',
  },
  {
    name: '8. same log bucket: by UID',
    pods: [
      { name: 'b', node: 'n1', created: 9_000_000_001 },
      { name: 'a', node: 'n2', created: 9_000_000_000 },
    ],
    want: 'a',
  },
];

describe('ReplicaSet scale-down victim order', () => {
  it.each(rows)('$name', ({ pods, want }) => {
    const all = pods.map(pod);
    expect(podsToDelete(all, all, 1, NOW).map((p) => p.meta.name)).toEqual([want]);
  });
});
