import { describe, expect, it } from 'vitest';
import { kubeTrial } from '../harness.js';

const yaml = `apiVersion: schedbench/v1
kind: Scenario
metadata:
  name: k8s-considered
spec:
  duration: 2m
  seeds: [1]
  cluster:
    nodeGroups:
      - name: node
        count: 2
        resources: { cpu: 4, memory: 16Gi }
  workloads:
    - kind: Service
      name: web
      replicas: 2
      resources: { cpu: 500m, memory: 512Mi }
    - kind: BatchJob
      name: etl
      tasks: 4
      resources: { cpu: 500m, memory: 1Gi }
      duration: { kind: constant, value: 10s }
    - kind: BatchJob
      name: late
      submitAt: 30s
      tasks: 2
      resources: { cpu: 500m, memory: 1Gi }
      duration: { kind: constant, value: 10s }
`;

describe('kube-scheduler: job-considered (the end of a job’s queue wait)', () => {
  it('is sent when the scheduler pops a Job’s first pod, once per Job, and never for a service’s pods', () => {
    const t = kubeTrial(yaml);
    t.runTo(60);
    const considered = t.ofKind('job-considered');
    expect(considered.map((e) => e.job)).toEqual(['etl', 'late']);
    for (const e of considered) {
      const placed = t.ofKind('task-placed').filter((p) => p.workload === e.job);
      // The pod is popped, thought about, then bound: the first binding commits after the pop.
      expect(placed).not.toHaveLength(0);
      expect(e.time).toBeLessThan(Math.min(...placed.map((p) => p.time)));
    }
    // The late job's pods are created by the Job controller after its submission at 30 s.
    expect((considered[1]?.time ?? 0) / 1e6).toBeGreaterThan(30);
  });
});
