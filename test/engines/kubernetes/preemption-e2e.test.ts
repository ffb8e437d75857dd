import { describe, expect, it } from 'vitest';
import { kubeTrial } from './harness.js';

const yaml = `apiVersion: schedbench/v1
kind: Scenario
metadata:
  name: k8s-preemption
spec:
  duration: 2m
  seeds: [1]
  cluster:
    nodeGroups:
      - name: node
        count: 2
        resources: { cpu: 4, memory: 16Gi }
  workloads:
    - kind: Service
      name: low
      replicas: 8
      resources: { cpu: 1, memory: 1Gi }
    - kind: Service
      name: high
      replicas: 2
      priority: 100
      startAt: 30s
      resources: { cpu: 2, memory: 1Gi }
`;

describe('DefaultPreemption end to end', () => {
  it('evicts lower-priority pods, nominates the node, and binds the preemptor there', () => {
    const t = kubeTrial(yaml);
    t.runTo(90);
    const high = t.ofKind('task-running').filter((e) => e.task.workload === 'high');
    expect(high).toHaveLength(2);
    for (const e of high) expect(e.time / 1e6).toBeLessThan(40);
    expect(t.ofKind('counter').filter((c) => c.name === 'preemption-victim')).toHaveLength(4);
    // The ReplicaSet recreates the victims; they cannot fit and wait with the scheduler's reason.
    const pending = t.ofKind('task-pending').filter((p) => p.workload === 'low');
    expect(pending.some((p) => p.reason === '0/2 nodes are available: 2 Insufficient cpu.')).toBe(true);
    expect(t.cluster.used('node-0').cpu + t.cluster.used('node-1').cpu).toBe(8000);
  });
});
