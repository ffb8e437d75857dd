import { describe, expect, it } from 'vitest';
import { isActive } from '../../../src/engines/kubernetes/objects.js';
import { kubeTrial } from './harness.js';

function yaml(healAfter: string): string {
  return `apiVersion: schedbench/v1
kind: Scenario
metadata:
  name: k8s-partition
spec:
  duration: 10m
  seeds: [1]
  cluster:
    nodeGroups:
      - name: node
        count: 4
        resources: { cpu: 8, memory: 32Gi }
  workloads:
    - kind: Service
      name: web
      replicas: 8
      resources: { cpu: 1, memory: 1Gi }
  events:
    - kind: partition
      at: 90010ms
      nodes: { names: [node-0] }
      healAfter: ${healAfter}
`;
}

describe('kubelet under a partition', () => {
  it('keeps running through a short partition and nothing is replaced', () => {
    const t = kubeTrial(yaml('30s'));
    t.runTo(600);
    expect(t.ofKind('task-ended')).toHaveLength(0);
    expect(t.ofKind('task-placed')).toHaveLength(8);
  });

  it('after a long partition, the heal makes the kubelet kill the pods evicted meanwhile', () => {
    const t = kubeTrial(yaml('400s'));
    t.runTo(480);
    const onNode0 = (): number => t.cluster.instancesOn('node-0').length;
    const stranded = onNode0();
    expect(stranded).toBeGreaterThan(0);
    // Evicted at ≈ 445 s (Terminating), replaced elsewhere; the old ones still run behind the partition.
    expect(t.engine.api.all('Pod').filter((p) => p.meta.deletionTimestamp !== undefined)).toHaveLength(stranded);
    expect(t.engine.api.all('Pod').filter(isActive)).toHaveLength(8);
    t.runTo(520); // healed at 490 s; the next lease renewal reconnects and relists
    expect(onNode0()).toBe(0);
    expect(t.ofKind('task-ended').filter((e) => e.how === 'stopped')).toHaveLength(stranded);
    expect(t.engine.api.all('Pod')).toHaveLength(8);
    expect(t.ofKind('counter').some((c) => c.name === 'kubelet-relist')).toBe(true);
  });
});
