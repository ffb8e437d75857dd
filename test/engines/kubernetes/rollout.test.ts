import { describe, expect, it } from 'vitest';
import { isActive } from '../../../src/engines/kubernetes/objects.js';
import { type SimTime } from '../../../src/sim/time.js';
import { kubeTrial } from './harness.js';

const yaml = `apiVersion: schedbench/v1
kind: Scenario
metadata:
  name: k8s-rollout
spec:
  duration: 3m
  seeds: [1]
  cluster:
    nodeGroups:
      - name: node
        count: 4
        resources: { cpu: 16, memory: 64Gi }
  workloads:
    - kind: Service
      name: web
      replicas: 10
      resources: { cpu: 1, memory: 1Gi }
  events:
    - kind: rollout
      at: 60s
      service: web
      version: v2
    - kind: scale
      at: 120s
      service: web
      replicas: 4
`;

describe('Deployment rolling update', () => {
  it('never exceeds maxSurge (3) nor maxUnavailable (2) and ends on the new version', () => {
    const t = kubeTrial(yaml);
    t.runTo(30);
    let maxTotal = 0;
    let minReady = Infinity;
    for (let ms = 30_000; ms < 119_000; ms += 1) {
      t.sim.run((ms * 1000) as SimTime);
      const total = t.engine.api.all('ReplicaSet').reduce((s, rs) => s + rs.spec.replicas, 0);
      const ready = t.engine.api.all('Pod').filter((p) => isActive(p) && p.status.ready).length;
      maxTotal = Math.max(maxTotal, total);
      minReady = Math.min(minReady, ready);
    }
    expect(maxTotal).toBe(13);
    expect(minReady).toBe(8);
    const pods = t.engine.api.all('Pod').filter(isActive);
    expect(pods.map((p) => p.spec.version)).toEqual(Array(10).fill('v2'));
    expect(t.engine.api.all('ReplicaSet').map((rs) => [rs.spec.template.version, rs.spec.replicas])).toEqual([
      ['v1', 0],
      ['v2', 10],
    ]);
  });

  it('scales down by the victim order: pods on the most doubled-up nodes go first (ranks computed once, as upstream)', () => {
    const t = kubeTrial(yaml);
    t.runTo(119);
    const active = (): Map<string, string> =>
      new Map(
        t.engine.api
          .all('Pod')
          .filter(isActive)
          .map((p) => [p.meta.name, p.spec.nodeName as string]),
      );
    const before = active();
    const count = new Map<string, number>();
    for (const n of before.values()) count.set(n, (count.get(n) ?? 0) + 1);
    t.runTo(180);
    const after = active();
    expect(after.size).toBe(4);
    const victims = [...before.keys()].filter((p) => !after.has(p));
    expect(victims).toHaveLength(6);
    // Every victim sat on a node at least as crowded (before the scale-down) as every survivor's.
    const rank = (pod: string): number => count.get(before.get(pod) as string) as number;
    expect(Math.min(...victims.map(rank))).toBeGreaterThanOrEqual(Math.max(...[...after.keys()].map(rank)));
    expect(Math.max(...victims.map(rank))).toBeGreaterThan(Math.min(...[...after.keys()].map(rank)));
  });

  it('spreads a scale-up that arrives mid-rollout over both ReplicaSets, then finishes the rollout', () => {
    const t = kubeTrial(yaml.replace('at: 120s', 'at: 61s').replace('replicas: 4', 'replicas: 20'));
    t.runTo(61.05);
    const sizes = (): number[] => t.engine.api.all('ReplicaSet').map((rs) => rs.spec.replicas);
    t.runTo(62);
    expect(sizes().reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(25);
    t.runTo(180);
    expect(sizes()).toEqual([0, 20]);
    expect(
      t.engine.api
        .all('Pod')
        .filter(isActive)
        .map((p) => p.spec.version),
    ).toEqual(Array(20).fill('v2'));
  });
});
