import { describe, expect, it } from 'vitest';
import { kubeTrial } from './harness.js';

const yaml = `apiVersion: schedbench/v1
kind: Scenario
metadata:
  name: k8s-lifecycle-ops
spec:
  duration: 10m
  seeds: [1]
  cluster:
    nodeGroups:
      - name: node
        count: 4
        resources: { cpu: 16, memory: 64Gi }
  configs:
    - name: app
  workloads:
    - { kind: Service, name: vol, replicas: 4, resources: { cpu: 1, memory: 1Gi }, config: app, configUse: volume }
    - { kind: Service, name: env, replicas: 4, resources: { cpu: 1, memory: 1Gi }, config: app, configUse: env }
    - { kind: Service, name: hash, replicas: 4, resources: { cpu: 1, memory: 1Gi }, config: app, configUse: hashed }
  events:
    - { kind: config-change, at: 2m, config: app }
    - { kind: restart, at: 5m, service: env }
    - { kind: run-once-per-node, at: 7m, name: diag, resources: { cpu: 100m, memory: 64Mi }, runFor: 20s }
`;

const S = 1e6;

describe('Kubernetes lifecycle operations', () => {
  const t = kubeTrial(yaml);
  t.runTo(600);
  const applied = t.ofKind('config-applied').filter((e) => e.config.version === 2);
  const ops = t.ofKind('operation');

  it('a config change updates the ConfigMap; volume replicas get the file within the sync window, without a restart', () => {
    expect(t.engine.api.get('ConfigMap', 'default/app')?.data.version).toBe(2);
    const vol = applied.filter((e) => e.task.workload === 'vol');
    expect(vol).toHaveLength(4);
    for (const e of vol) {
      expect(e.how).toBe('delivered');
      // syncFrequency 1 min plus up to half of it of jitter, and one watch delivery.
      expect(e.time).toBeGreaterThan(120 * S);
      expect(e.time).toBeLessThan(120 * S + 91 * S);
    }
    expect(t.ofKind('task-restarted')).toEqual([]);
    expect(t.ofKind('task-ended').filter((e) => e.task.workload === 'vol')).toEqual([]);
  });

  it('env replicas keep the old version until something restarts them; rollout restart does, as a rollout', () => {
    const env = applied.filter((e) => e.task.workload === 'env');
    expect(env).toHaveLength(4);
    for (const e of env) {
      expect(e.how).toBe('container-start');
      expect(e.time).toBeGreaterThan(300 * S);
    }
    const deployment = t.engine.api.get('Deployment', 'default/env');
    expect(deployment?.spec.template.annotations?.['kubectl.kubernetes.io/restartedAt']).toBe('300s');
    expect(t.ofKind('task-ended').filter((e) => e.task.workload === 'env' && e.how === 'stopped')).toHaveLength(4);
  });

  it('hashed replicas are replaced by a rollout that starts them on the new version', () => {
    const hash = applied.filter((e) => e.task.workload === 'hash');
    expect(hash).toHaveLength(4);
    for (const e of hash) expect(e.how).toBe('container-start');
    expect(t.engine.api.get('Deployment', 'default/hash')?.spec.template.annotations?.['checksum/config']).toBe('v2');
  });

  it('run-once-per-node makes one Job per Ready node, pinned to it, and every task runs there', () => {
    const jobs = t.engine.api.all('Job');
    expect(jobs.map((j) => j.spec.constraints.nodeName).sort()).toEqual(t.nodes.map((n) => n.name).sort());
    const ran = t.ofKind('task-running').filter((e) => e.task.workload === 'diag');
    expect(ran.map((e) => e.node).sort()).toEqual(t.nodes.map((n) => n.name).sort());
    expect(jobs.every((j) => j.status.condition === 'Complete')).toBe(true);
  });

  it('reports each operation accepted by reply and, but for volume and env users, finished by polling status', () => {
    const phases = (op: string) => ops.filter((e) => e.operation === op).map((e) => `${e.phase}:${e.via}`);
    expect(phases('config-change-0')).toEqual(['accepted:reply', 'finished:status-poll']);
    expect(phases('restart-1')).toEqual(['accepted:reply', 'finished:status-poll']);
    expect(phases('diag')).toEqual(['accepted:reply', 'finished:status-poll']);
    const diagEnd = Math.max(
      ...t
        .ofKind('task-ended')
        .filter((e) => e.task.workload === 'diag')
        .map((e) => e.time),
    );
    const diagFinished = ops.find((e) => e.operation === 'diag' && e.phase === 'finished');
    expect(diagFinished?.time).toBeGreaterThan(diagEnd);
    expect(t.ofKind('unsupported')).toEqual([]);
  });

  it('a config change used by no hashed service is never reported finished', () => {
    const only = kubeTrial(yaml.replace(/ {4}- \{ kind: Service, name: hash.*\n/, ''));
    only.runTo(200);
    expect(only.ofKind('operation').map((e) => `${e.operation}:${e.phase}`)).toEqual(['config-change-0:accepted']);
  });
});
