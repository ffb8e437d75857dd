import { describe, expect, it } from 'vitest';
import { kubeTrial } from './harness.js';

const yaml = `apiVersion: schedbench/v1
kind: Scenario
metadata:
  name: k8s-smoke
spec:
  duration: 2m
  seeds: [1]
  cluster:
    nodeGroups:
      - name: node
        count: 4
        resources: { cpu: 4, memory: 16Gi }
        zones: [a, b]
  workloads:
    - kind: Service
      name: web
      replicas: 6
      resources: { cpu: 500m, memory: 512Mi }
    - kind: BatchJob
      name: etl
      tasks: 3
      resources: { cpu: 500m, memory: 1Gi }
      duration: { kind: constant, value: 10s }
`;

describe('kubernetes engine smoke', () => {
  it('places and runs a service and a batch job', () => {
    const t = kubeTrial(yaml);
    t.runTo(60);
    const placed = t.ofKind('task-placed');
    const running = t.ofKind('task-running');
    expect(placed.filter((p) => p.workload === 'web')).toHaveLength(6);
    expect(running.filter((p) => p.task.workload === 'web')).toHaveLength(6);
    const ended = t.ofKind('task-ended').filter((e) => e.task.workload === 'etl');
    expect(ended.filter((e) => e.how === 'finished')).toHaveLength(3);
    expect(t.engine.api.all('Job')[0]?.status.condition).toBe('Complete');
  });
});
