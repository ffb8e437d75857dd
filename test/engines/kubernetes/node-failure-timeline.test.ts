import { describe, expect, it } from 'vitest';
import { kubeTrial } from './harness.js';

/** A 4-node cluster with one 8-replica service; node-0 crashes just after a lease renewal at 90 s. */
function scenario(engines = ''): string {
  return `apiVersion: schedbench/v1
kind: Scenario
metadata:
  name: k8s-crash-timeline
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
    - kind: crash
      at: 90010ms
      nodes: { names: [node-0] }
${engines}`;
}

/** Seconds from the crash until the last replacement of a pod lost on node-0 was bound, and how many were lost. */
function replacement(yaml: string): { lost: number; after: number[] } {
  const t = kubeTrial(yaml);
  t.runTo(600);
  const crashAt = 90.01;
  const lost = t.ofKind('task-ended').filter((e) => e.how === 'lost').length;
  const after = t
    .ofKind('task-placed')
    .filter((p) => p.time / 1e6 > crashAt)
    .map((p) => p.time / 1e6 - crashAt);
  return { lost, after };
}

describe('node failure timeline', () => {
  it('replaces a crashed node’s pods about 355 s after the crash with default timers', () => {
    // 50 s grace after the last renewal (≈ the crash) + up to 5 s monitor period + 300 s toleration + hops.
    const { lost, after } = replacement(scenario());
    expect(lost).toBeGreaterThan(0);
    expect(after).toHaveLength(lost);
    for (const s of after) {
      expect(s).toBeGreaterThanOrEqual(354);
      expect(s).toBeLessThanOrEqual(360);
    }
  });

  it('replaces them correspondingly sooner with shorter grace and toleration', () => {
    const engines = `  engines:
    kubernetes:
      nodeLifecycle: { gracePeriod: 20s, defaultTolerationSeconds: 30 }
`;
    const { lost, after } = replacement(scenario(engines));
    expect(after).toHaveLength(lost);
    // 20 s grace → Unknown at the 5 s tick after 110 s (115 s), + 30 s toleration.
    for (const s of after) {
      expect(s).toBeGreaterThanOrEqual(54);
      expect(s).toBeLessThanOrEqual(60);
    }
  });

  it('restarts the pods in place when the node comes back before the eviction, and clears its taints', () => {
    const t = kubeTrial(scenario().replace('nodes: { names: [node-0] }', 'nodes: { names: [node-0] }\n      recoverAfter: 60s'));
    t.runTo(170);
    const lost = t.ofKind('task-ended').filter((e) => e.how === 'lost');
    expect(lost.length).toBeGreaterThan(0);
    // No replacement was bound anywhere; the lost pods run again on node-0 after its reboot at 150 s.
    expect(t.ofKind('task-placed').filter((p) => p.time > 90e6)).toHaveLength(0);
    const rerun = t.ofKind('task-running').filter((e) => e.time > 150e6 && e.node === 'node-0');
    expect(rerun.map((e) => e.task.id).sort()).toEqual(lost.map((e) => e.task.id).sort());
    const node = t.engine.api.get('Node', 'node-0');
    expect(node?.status.ready).toBe('True');
    expect(node?.spec.taints).toEqual([]);
    expect(t.engine.api.all('Pod').every((p) => p.status.restartCount === (lost.some((l) => l.task.id === p.meta.name) ? 1 : 0))).toBe(true);
  });
});
