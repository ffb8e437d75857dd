import { describe, expect, it } from 'vitest';
import { kubeTrial } from '../harness.js';

function yaml(replicas: number, engines = ''): string {
  return `apiVersion: schedbench/v1
kind: Scenario
metadata:
  name: k8s-rs
spec:
  duration: 1m
  seeds: [1]
  cluster:
    nodeGroups:
      - name: node
        count: 10
        resources: { cpu: 64, memory: 256Gi }
  workloads:
    - kind: Service
      name: web
      replicas: ${replicas}
      resources: { cpu: 100m, memory: 128Mi }
${engines}`;
}

/** Sizes of the groups of pods created at the same instant, in time order. */
function batches(t: ReturnType<typeof kubeTrial>): number[] {
  const byTime = new Map<number, number>();
  for (const p of t.engine.api.all('Pod')) byTime.set(p.meta.creationTimestamp, (byTime.get(p.meta.creationTimestamp) ?? 0) + 1);
  return [...byTime.entries()].sort((a, b) => a[0] - b[0]).map(([, n]) => n);
}

describe('ReplicaSet controller', () => {
  it('creates pods in slow-start batches 1, 2, 4, … (each after the previous batch returned)', () => {
    const t = kubeTrial(yaml(20));
    t.runTo(30);
    expect(batches(t)).toEqual([1, 2, 4, 8, 5]);
  });

  it('creates at most burstReplicas per sync, then waits for its expectations before the next burst', () => {
    const t = kubeTrial(yaml(12, `  engines:\n    kubernetes:\n      replicaSet: { burstReplicas: 5 }\n`));
    t.runTo(30);
    expect(batches(t)).toEqual([1, 2, 2, 1, 2, 2, 1, 1]);
    expect(t.engine.api.all('Pod')).toHaveLength(12);
  });

  it('survives its own stale status updates: conflicts are retried until the status is right', () => {
    const t = kubeTrial(yaml(40));
    t.runTo(30);
    expect(t.ofKind('counter').filter((c) => c.name === 'store-conflict').length).toBeGreaterThan(0);
    expect(t.engine.api.all('ReplicaSet')[0]?.status).toEqual({ replicas: 40, readyReplicas: 40, availableReplicas: 40 });
    expect(t.engine.api.all('Deployment')[0]?.status).toEqual({ replicas: 40, updatedReplicas: 40, availableReplicas: 40 });
  });
});
