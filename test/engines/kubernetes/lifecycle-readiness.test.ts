import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type MetricEvent } from '../../../src/metrics/events.js';
import { kubeTrial } from './harness.js';

/** The bundled scenario with one dependency idiom instead of its sweep. */
function serviceDependencies(idiom: 'none' | 'init-container'): string {
  const yaml = readFileSync('scenarios/service-dependencies.yaml', 'utf8');
  // The claims' sweepValues go with the sweep.
  return yaml
    .replace(/^ {4}sweepValues: .*\n/gm, '')
    .replace(/ {2}sweep:[\s\S]*$/, `  engines:\n    kubernetes:\n      dependencies: { dependencyIdiom: ${idiom} }\n`);
}

const seconds = (e: MetricEvent): number => e.time / 1e6;

describe('Kubernetes lifecycle: crash loops and the init-container idiom (service-dependencies)', () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: without the idiom api and web crash-loop with a growing back-off until db is ready`, () => {
      const t = kubeTrial(serviceDependencies('none'), seed);
      t.runTo(470);
      const restarts = t.ofKind('task-restarted');
      expect(restarts.some((r) => r.task.workload === 'api')).toBe(true);
      expect(restarts.some((r) => r.task.workload === 'web')).toBe(true);
      // One web pod's restarts: the gaps between them grow (10 s, 20 s, 40 s of back-off plus its own run).
      const pod = restarts.find((r) => r.task.workload === 'web')?.task.id;
      const times = restarts.filter((r) => r.task.id === pod).map(seconds);
      const gaps = times.slice(1).map((x, i) => x - (times[i] as number));
      expect(gaps.length).toBeGreaterThanOrEqual(2);
      for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBeGreaterThan(gaps[i - 1] as number);
      // The kubelet restarts in place: no exit ends a pod, and no restart kills a running process.
      expect(t.ofKind('task-ended').filter((e) => e.time < 470e6)).toEqual([]);
      expect(restarts.every((r) => !r.killedRunning)).toBe(true);
      // api becomes ready only after db, and the control plane learns it at a probe after the truth.
      const ready = t.ofKind('task-readiness').filter((e) => e.ready);
      const dbReady = seconds(ready.find((e) => e.task.workload === 'db') as MetricEvent);
      const apiReady = seconds(ready.find((e) => e.task.workload === 'api') as MetricEvent);
      expect(apiReady).toBeGreaterThan(dbReady);
      const observed = t.ofKind('readiness-observed').find((e) => e.workload === 'api' && e.ready);
      expect(observed?.via).toBe('probe');
      expect(seconds(observed as MetricEvent)).toBeGreaterThanOrEqual(apiReady);
    });

    it(`seed ${seed}: with the init-container idiom nothing restarts before db dies, and api starts after db is ready`, () => {
      const t = kubeTrial(serviceDependencies('init-container'), seed);
      t.runTo(470);
      expect(t.ofKind('task-restarted')).toEqual([]);
      const dbReady = t.ofKind('task-readiness').find((e) => e.ready && e.task.workload === 'db') as MetricEvent;
      const apiRunning = t.ofKind('task-running').filter((e) => e.task.workload === 'api');
      expect(apiRunning).toHaveLength(3);
      for (const e of apiRunning) expect(e.time).toBeGreaterThan(dbReady.time);
      // Once db's node dies, the init container does not help: a restart in place runs no init container.
      t.runTo(700);
      expect(t.ofKind('task-restarted').some((r) => r.task.workload === 'api')).toBe(true);
    });
  }
});

const gating = `apiVersion: schedbench/v1
kind: Scenario
metadata:
  name: k8s-readiness-gating
spec:
  duration: 5m
  seeds: [1]
  cluster:
    nodeGroups:
      - name: node
        count: 2
        resources: { cpu: 16, memory: 64Gi }
  workloads:
    - kind: Service
      name: web
      replicas: 4
      resources: { cpu: 1, memory: 1Gi }
      startup: 25s
      readiness: { period: 5s, failureThreshold: 3 }
  engines:
    kubernetes:
      deployment: { minReadySeconds: 20 }
`;

describe('Kubernetes lifecycle: readiness gating', () => {
  it('a pod is Ready only at the first probe after its app is ready, and available minReadySeconds later', () => {
    const t = kubeTrial(gating);
    t.runTo(20);
    const pods = () => t.engine.api.all('Pod');
    expect(pods()).toHaveLength(4);
    expect(pods().every((p) => p.status.phase === 'Running' && !p.status.ready)).toBe(true);
    t.runTo(40);
    const truth = t.ofKind('task-readiness').filter((e) => e.ready);
    expect(truth).toHaveLength(4);
    const observed = t.ofKind('readiness-observed').filter((e) => e.ready);
    expect(observed).toHaveLength(4);
    for (const o of observed) {
      const when = truth.find((e) => e.task.id === o.taskId)?.time as number;
      expect(o.time).toBeGreaterThanOrEqual(when);
      expect(o.time - when).toBeLessThanOrEqual(5e6);
    }
    const rs = () => t.engine.api.all('ReplicaSet')[0];
    expect(rs()?.status.readyReplicas).toBe(4);
    expect(rs()?.status.availableReplicas).toBe(0);
    t.runTo(70);
    expect(rs()?.status.availableReplicas).toBe(4);
    expect(t.engine.api.all('Deployment')[0]?.status.availableReplicas).toBe(4);
  });
});
