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
});
