import { describe, expect, it } from 'vitest';
import { kubeTrial } from './harness.js';

function yaml(component: string, downFor: string): string {
  return `apiVersion: schedbench/v1
kind: Scenario
metadata:
  name: k8s-scheduler-crash
spec:
  duration: 2m
  seeds: [1]
  cluster:
    nodeGroups:
      - name: node
        count: 3
        resources: { cpu: 8, memory: 32Gi }
  workloads:
    - kind: Service
      name: web
      replicas: 3
      resources: { cpu: 1, memory: 1Gi }
      startAt: 10s
  events:
    - kind: scheduler-crash
      at: 5s
      component: ${component}
      downFor: ${downFor}
`;
}

describe('kube-scheduler restart', () => {
  it('places nothing while it is down; the successor leads after max(downFor, lease expiry) and schedules what is pending', () => {
    const t = kubeTrial(yaml('kube-scheduler', '30s'));
    t.runTo(34);
    expect(t.ofKind('task-placed')).toHaveLength(0);
    t.runTo(60);
    const placed = t.ofKind('task-placed').map((p) => p.time / 1e6);
    expect(placed).toHaveLength(3);
    for (const s of placed) expect(s).toBeGreaterThanOrEqual(35);
  });

  it('waits for the old leader lease even after a short outage', () => {
    const t = kubeTrial(yaml('scheduler', '1s'));
    t.runTo(60);
    const first = Math.min(...t.ofKind('task-placed').map((p) => p.time / 1e6));
    expect(first).toBeGreaterThanOrEqual(18); // 5 s + (15 s lease − 2 s retry)
    expect(first).toBeLessThan(19);
  });

  it('ignores a per-tenant framework crash, with a counter', () => {
    const t = kubeTrial(yaml('marathon', '30s'));
    t.runTo(20);
    expect(t.ofKind('task-placed')).toHaveLength(3);
    expect(t.ofKind('counter').filter((c) => c.name === 'scheduler-crash-ignored')).toHaveLength(1);
  });
});
