import { describe, expect, it } from 'vitest';
import { kubeTrial } from './harness.js';

/** 120 one-minute tasks at once on 40 roomy nodes; the controller manager's limit is the knob. */
function scenario(controllerManager: string): string {
  return `apiVersion: schedbench/v1
kind: Scenario
metadata:
  name: k8s-client-limits
spec:
  duration: 5m
  seeds: [1]
  cluster:
    nodeGroups:
      - name: node
        count: 40
        resources: { cpu: 16, memory: 64Gi }
  workloads:
    - kind: BatchJob
      name: wide
      tasks: 120
      resources: { cpu: 100m, memory: 128Mi }
      duration: { kind: constant, value: 1m }
  engines:
    kubernetes:
      apiClients:
        controllerManager: ${controllerManager}
`;
}

function counter(t: ReturnType<typeof kubeTrial>, name: string): number {
  return t.ofKind('counter').reduce((a, e) => a + (e.name === name ? e.by : 0), 0);
}

describe('client-side rate limits in the engine', () => {
  it("spaces the Job controller's pod creates at its QPS once the burst is spent, and counts the wait", () => {
    const limited = kubeTrial(scenario('{ qps: 5, burst: 10 }'));
    limited.runTo(60);
    const free = kubeTrial(scenario('{ qps: -1 }'));
    free.runTo(60);
    const last = (t: ReturnType<typeof kubeTrial>): number => Math.max(...t.ofKind('task-placed').map((e) => e.time));
    expect(limited.ofKind('task-placed')).toHaveLength(120);
    expect(free.ofKind('task-placed')).toHaveLength(120);
    // 120 creates (plus status writes) through a 5/s bucket of 10 take at least (120 − 10) / 5 = 22 s.
    expect(last(limited)).toBeGreaterThan(22e6);
    expect(last(free)).toBeLessThan(5e6);
    expect(counter(limited, 'api-throttled:kube-controller-manager')).toBeGreaterThanOrEqual(110);
    expect(counter(limited, 'api-throttle-us:kube-controller-manager')).toBeGreaterThan(0);
    expect(counter(free, 'api-throttled:kube-controller-manager')).toBe(0);
  });

  it('never throttles Lease renewals or node status: the heartbeat client has no limit', () => {
    // A kubelet limit far below its pod status traffic: pod writes wait, yet no node misses a renewal.
    const t = kubeTrial(
      scenario('{ qps: 20, burst: 30 }').replace('        controllerManager:', '        kubelet: { qps: 0.05, burst: 1 }\n        controllerManager:'),
    );
    t.runTo(120);
    expect(counter(t, 'api-throttled:kubelet')).toBeGreaterThan(0);
    expect(t.engine.api.all('Node').every((n) => n.status.ready === 'True')).toBe(true);
    // Every renewal of every node (at 10 s … 120 s; the one at 120 s reaches the apiserver at 120.001 s)
    // got through, whether sent or counted in closed form.
    t.engine.finish(t.sim.now());
    const renewals = (delivered: boolean): number =>
      t.ofKind('message').filter((m) => m.channel === 'rpc' && m.label === 'lease-renew' && m.delivered === delivered).length +
      t
        .ofKind('message-tally')
        .filter((m) => m.channel === 'rpc' && m.label === 'lease-renew')
        .reduce((sum, m) => sum + (delivered ? m.delivered : m.dropped), 0);
    expect(renewals(true)).toBe(40 * 11);
    expect(renewals(false)).toBe(0);
  });
});
