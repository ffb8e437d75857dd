import { describe, expect, it } from 'vitest';
import { isActive } from '../../../src/engines/kubernetes/objects.js';
import { kubeTrial } from './harness.js';

const yaml = `apiVersion: schedbench/v1
kind: Scenario
metadata:
  name: k8s-quota
spec:
  duration: 1m
  seeds: [1]
  cluster:
    nodeGroups:
      - name: node
        count: 2
        resources: { cpu: 16, memory: 64Gi }
  tenants:
    - name: team
  workloads:
    - kind: Service
      name: web
      tenant: team
      replicas: 6
      resources: { cpu: 1, memory: 1Gi }
  engines:
    kubernetes:
      resourceQuotas:
        team: { cpu: 4, pods: 10 }
`;

describe('ResourceQuota admission', () => {
  it('refuses pods past the namespace quota; the ReplicaSet keeps retrying with back-off and reports why', () => {
    const t = kubeTrial(yaml);
    t.runTo(60);
    expect(t.engine.api.all('Pod').filter(isActive)).toHaveLength(4);
    const pending = t.ofKind('task-pending').filter((p) => p.workload === 'web');
    expect(pending[0]?.reason).toBe('exceeded quota: quota-team, limited: requests.cpu=4000m');
    expect(t.ofKind('counter').filter((c) => c.name === 'admission-rejected').length).toBeGreaterThan(1);
  });
});
