import { describe, expect, it } from 'vitest';
import { kubeTrial } from './harness.js';

const yaml = `apiVersion: schedbench/v1
kind: Scenario
metadata:
  name: k8s-explain
spec:
  duration: 30s
  seeds: [1]
  cluster:
    nodeGroups:
      - name: node
        count: 3
        resources: { cpu: 2, memory: 8Gi }
  workloads:
    - kind: Service
      name: web
      replicas: 4
      resources: { cpu: 1500m, memory: 1Gi }
`;

describe('explanations', () => {
  it('records each decision with filter outcomes or top scores, and each pod’s chain of writes and watches', () => {
    const t = kubeTrial(yaml, 1, true);
    t.runTo(30);
    const records = t.ofKind('explain').map((e) => e.record);
    const decisions = records.filter((r) => r['type'] === 'scheduling-decision');
    const placed = decisions.filter((r) => r['node'] !== undefined);
    const failed = decisions.filter((r) => r['reason'] !== undefined);
    expect(placed.length).toBe(3);
    expect(failed[0]?.['reason']).toBe('0/3 nodes are available: 3 Insufficient cpu.');
    expect(failed[0]?.['filters']).toEqual({ 'NodeResourcesFit: Insufficient cpu': 3 });
    const top = placed[0]?.['top'] as { node: string; total: number; plugins: Record<string, number> }[];
    expect(top).toHaveLength(3);
    expect(Object.keys(top[0]?.plugins ?? {})).toEqual(['TaintToleration', 'NodeResourcesFit', 'NodeResourcesBalancedAllocation']);
    const chains = records.filter((r) => r['type'] === 'pod-chain');
    expect(chains).toHaveLength(3);
    const hops = chains[0]?.['hops'] as { hop: string; at: string; what: string }[];
    expect(hops[0]?.what).toMatch(/^deployment-create /);
    expect(hops.map((h) => h.what.split(' ')[0])).toEqual(expect.arrayContaining(['replicaset-create', 'pod-create', 'pod-binding', 'pod-status-running']));
    expect(hops.some((h) => h.hop === 'watch' && h.at === '@kube-scheduler')).toBe(true);
  });
});
