import { describe, expect, it } from 'vitest';
import { mesosTrial } from './harness.js';

/*
 * The application lifecycle under the Mesos engine, end to end on a small cluster: Marathon's health
 * and readiness checks, group dependencies, restart and config change as rolling restarts, and
 * run-once-per-node by a per-agent framework.
 */

const HEAD = `
apiVersion: schedbench/v1
kind: Scenario
metadata: { name: lifecycle, title: t, description: d, lesson: l }
spec:
  duration: 20m
  seeds: [1]
  cluster:
    nodeGroups:
      - { name: node, count: 4, resources: { cpu: 8, memory: 32Gi } }
`;

/** db ← api ← web; db takes 30 s to start, the others 5 s; `readiness` gives Marathon its checks. */
function chain(readiness: boolean): string {
  const r = readiness ? '\n      readiness: { period: 10s }' : '';
  return `${HEAD}
  workloads:
    - { kind: Service, name: db, replicas: 2, resources: { cpu: 500m, memory: 1Gi }, startup: 30s }${r}
    - kind: Service
      name: api
      replicas: 3
      resources: { cpu: 500m, memory: 1Gi }
      startup: 5s
      dependsOn: [db]${r}
    - kind: Service
      name: web
      replicas: 3
      resources: { cpu: 500m, memory: 1Gi }
      startup: 5s
      dependsOn: [api]${r}
`.replace('startup: 30s }\n      readiness: { period: 10s }', 'startup: 30s, readiness: { period: 10s } }');
}

const seconds = (t: number): number => t / 1e6;

describe('Mesos lifecycle: group dependencies', () => {
  it('deploys a dependent app only once what it depends on is healthy and ready: no crash, no relaunch', () => {
    const t = mesosTrial(chain(true));
    t.runTo(600);
    const launched = (w: string): number[] =>
      t
        .ofKind('task-launched')
        .filter((e) => e.task.workload === w)
        .map((e) => seconds(e.time));
    const believed = (w: string): number[] =>
      t
        .ofKind('readiness-observed')
        .filter((e) => e.workload === w && e.ready)
        .map((e) => seconds(e.time));
    expect(launched('db')).toHaveLength(2);
    expect(launched('api')).toHaveLength(3);
    expect(launched('web')).toHaveLength(3);
    // Marathon believes db ready only after a passing health check (15 s delay, then every 60 s) and readiness poll.
    expect(Math.min(...launched('api'))).toBeGreaterThanOrEqual(Math.max(...believed('db')));
    expect(Math.min(...launched('web'))).toBeGreaterThanOrEqual(Math.max(...believed('api')));
    expect(Math.max(...believed('db'))).toBeGreaterThan(60);
    expect(t.ofKind('readiness-observed').every((e) => e.via === 'probe')).toBe(true);
    expect(t.ofKind('task-ended').filter((e) => e.reason === 'dependency-missing')).toEqual([]);
  });

  it('without checks Marathon counts a running db as ready: api starts too early, crashes, and is relaunched as new tasks', () => {
    const t = mesosTrial(chain(false));
    t.runTo(600);
    const crashed = t.ofKind('task-ended').filter((e) => e.task.workload === 'api' && e.reason === 'dependency-missing');
    expect(crashed.length).toBeGreaterThan(0);
    expect(t.ofKind('task-restarted')).toEqual([]); // Marathon never restarts in place
    expect(t.ofKind('task-launched').filter((e) => e.task.workload === 'api').length).toBe(3 + crashed.length);
    expect(t.ofKind('readiness-observed').every((e) => e.via === 'assumed')).toBe(true);
  });
});

describe('Mesos lifecycle: health checks', () => {
  it('kills an instance that never turns healthy after the grace period and three failures, and replaces it by a new task', () => {
    const t = mesosTrial(`${HEAD}
  workloads:
    - { kind: Service, name: slow, replicas: 1, resources: { cpu: 500m, memory: 1Gi }, startup: 2h, readiness: { period: 10s } }
`);
    t.runTo(1200);
    const ended = t.ofKind('task-ended').filter((e) => e.task.workload === 'slow');
    // Checks 15, 75, … s after it runs; 315, 375 and 435 s count (grace 300 s): killed at the third.
    const running = t.ofKind('task-running').find((e) => e.task.id === 'slow.1')?.time ?? 0;
    expect(ended[0]?.how).toBe('stopped');
    expect(seconds((ended[0]?.time ?? 0) - running)).toBeCloseTo(435, 3);
    const launches = t.ofKind('task-launched').filter((e) => e.task.workload === 'slow');
    expect(launches.map((e) => e.task.id).slice(0, 2)).toEqual(['slow.1', 'slow.2']);
    // The replacement waits for the launch backoff (1 s) and the next offer.
    expect(seconds((launches[1]?.time ?? 0) - (ended[0]?.time ?? 0))).toBeGreaterThanOrEqual(1);
    expect(t.ofKind('task-restarted')).toEqual([]);
  });
});

describe('Mesos lifecycle: restart and config change are rolling restarts', () => {
  const yaml = `${HEAD}
  configs: [{ name: settings }]
  workloads:
    - kind: Service
      name: api
      replicas: 4
      resources: { cpu: 500m, memory: 1Gi }
      startup: 5s
      readiness: { period: 10s }
      config: settings
      configUse: env
  events:
    - { kind: config-change, at: 5m, config: settings }
    - { kind: restart, at: 10m, service: api }
`;

  it('answers the call (accepted, a reply) and publishes the end (finished, by the event bus) once every old instance is gone', () => {
    const t = mesosTrial(yaml);
    t.runTo(1200);
    const ops = t.ofKind('operation').map((e) => [e.operation, e.phase, e.via]);
    expect(ops).toEqual([
      ['config-change-0', 'accepted', 'reply'],
      ['config-change-0', 'finished', 'watch'],
      ['restart-1', 'accepted', 'reply'],
      ['restart-1', 'finished', 'watch'],
    ]);
    const finished = (op: string): number => t.ofKind('operation').find((e) => e.operation === op && e.phase === 'finished')?.time ?? -1;
    const endedBefore = (from: number, to: number): number =>
      t.ofKind('task-ended').filter((e) => e.task.workload === 'api' && e.time >= from && e.time <= to).length;
    expect(endedBefore(300e6, finished('config-change-0'))).toBe(4);
    expect(endedBefore(600e6, finished('restart-1'))).toBe(4);
    expect(t.ofKind('task-restarted')).toEqual([]);
  });

  it('starts every new instance of the config change with the new version', () => {
    const t = mesosTrial(yaml);
    t.runTo(590);
    const after = t.ofKind('task-launched').filter((e) => e.time > 300e6);
    expect(after).toHaveLength(4);
    expect(after.every((e) => e.task.config?.version === 2)).toBe(true);
  });
});

describe('Mesos lifecycle: run-once-per-node', () => {
  it('runs one task on every registered agent from its own offer and learns the end from the status updates', () => {
    const t = mesosTrial(`${HEAD}
  events:
    - { kind: run-once-per-node, at: 1m, name: warm, resources: { cpu: 100m, memory: 128Mi }, runFor: 10s }
`);
    t.runTo(300);
    const launched = t.ofKind('task-launched').filter((e) => e.task.workload === 'warm');
    expect(launched.map((e) => e.node).sort()).toEqual(['node-0', 'node-1', 'node-2', 'node-3']);
    expect(launched.every((e) => e.task.taskKey === `warm#${e.node}`)).toBe(true);
    const lastEnd = Math.max(
      ...t
        .ofKind('task-ended')
        .filter((e) => e.task.workload === 'warm')
        .map((e) => e.time),
    );
    const ops = t.ofKind('operation').filter((e) => e.operation === 'warm');
    expect(ops.map((e) => [e.phase, e.via])).toEqual([
      ['accepted', 'reply'],
      ['finished', 'reply'],
    ]);
    expect(ops[1]?.time ?? 0).toBeGreaterThan(lastEnd);
  });
});
