import { describe, expect, it } from 'vitest';
import { resources } from '../../../src/cluster/resources.js';
import { type TaskLaunch } from '../../../src/cluster/task.js';
import { NO_CONSTRAINTS } from '../../../src/cluster/constraints.js';
import { LatencySamples } from '../../../src/metrics/latency-samples.js';
import { LifecycleTracker } from '../../../src/metrics/lifecycle/lifecycle-tracker.js';
import { NamedCounters } from '../../../src/metrics/named-counters.js';
import { seconds, type SimTime } from '../../../src/sim/time.js';

const GI = 2 ** 30;
const t = (s: number): SimTime => seconds(s) as SimTime;

function replica(id: string, workload: string, over: Partial<TaskLaunch> = {}): TaskLaunch {
  return { id, workload, tenant: 'default', priority: 0, resources: resources({ cpu: 2000, memory: GI }), ...over };
}

function setup(apps: readonly string[]) {
  const latency = new LatencySamples();
  const counters = new NamedCounters();
  const tracker = new LifecycleTracker(apps, latency, counters);
  const declare = (
    at: number,
    name: string,
    replicas: number,
    lifecycle?: { dependsOn?: string[]; config?: { name: string; use: 'volume' | 'env' | 'hashed'; version: number } },
  ) =>
    tracker.onIntent({
      kind: 'service-declared',
      time: t(at),
      service: {
        name,
        tenant: 'default',
        replicas,
        resources: resources({ cpu: 2000, memory: GI }),
        priority: 0,
        constraints: NO_CONSTRAINTS,
        version: 'v1',
        ...(lifecycle
          ? {
              lifecycle: {
                dependsOn: lifecycle.dependsOn ?? [],
                onMissingDependency: 'crash' as const,
                ...(lifecycle.config ? { config: lifecycle.config } : {}),
              },
            }
          : {}),
      },
    });
  return { tracker, latency, counters, declare };
}

describe('LifecycleTracker', () => {
  it('times the whole application from the declaration until it and its dependencies are all ready', () => {
    const { tracker, declare, latency } = setup(['db', 'api']);
    declare(0, 'db', 1);
    declare(0, 'api', 1, { dependsOn: ['db'] });
    const db = replica('db-1', 'db');
    const api = replica('api-1', 'api');
    tracker.fold({ kind: 'task-launched', time: t(0), node: 'n1', task: db });
    tracker.fold({ kind: 'task-launched', time: t(0), node: 'n1', task: api });
    tracker.fold({ kind: 'task-running', time: t(1), node: 'n1', task: db });
    tracker.fold({ kind: 'task-running', time: t(1), node: 'n1', task: api });
    expect(tracker.settled()).toBe(false);
    tracker.fold({ kind: 'task-readiness', time: t(31), node: 'n1', task: db, ready: true });
    tracker.fold({ kind: 'task-readiness', time: t(36), node: 'n1', task: api, ready: true });
    expect(tracker.settled()).toBe(true);
    expect(latency.table.get('app-ready\u0000db')?.summary().max).toBe(31);
    expect(latency.table.get('app-ready\u0000api')?.summary().max).toBe(36);
  });

  it('counts a crash, its wasted run and the held wait until the restart, in CPU-seconds', () => {
    const { tracker, declare, counters } = setup(['api']);
    declare(0, 'api', 1);
    const api = replica('api-1', 'api', { holdOnExit: true });
    tracker.fold({ kind: 'task-launched', time: t(0), node: 'n1', task: api });
    tracker.fold({ kind: 'task-running', time: t(1), node: 'n1', task: api });
    tracker.fold({ kind: 'process-exited', time: t(6), node: 'n1', task: api, how: 'failed', reason: 'dependency-missing' });
    tracker.fold({ kind: 'task-restarted', time: t(16), node: 'n1', task: api, restarts: 1, killedRunning: false });
    tracker.finish(t(100));
    // 2 cores × (6 s of the crashed run + 10 s held until the restart).
    expect(counters.get('crash-wasted-cpu-s')).toBe(32);
    expect(counters.get('app-crashes')).toBe(1);
    expect(counters.get('app-crashes:dependency-missing')).toBe(1);
    expect(counters.get('container-restarts')).toBe(1);
  });

  it('integrates stale replicas and times the config change until every replica runs the new version', () => {
    const { tracker, declare, counters, latency } = setup(['web']);
    declare(0, 'web', 2, { config: { name: 'cfg', use: 'volume', version: 1 } });
    const a = replica('web-1', 'web');
    const b = replica('web-2', 'web');
    for (const task of [a, b]) {
      tracker.fold({ kind: 'task-launched', time: t(0), node: 'n1', task });
      tracker.fold({ kind: 'task-running', time: t(1), node: 'n1', task });
      tracker.fold({ kind: 'config-applied', time: t(1), node: 'n1', task, config: { name: 'cfg', version: 1 }, how: 'container-start' });
      tracker.fold({ kind: 'task-readiness', time: t(1), node: 'n1', task, ready: true });
    }
    tracker.onIntent({
      kind: 'config-changed',
      time: t(10),
      operation: 'config-change-0',
      config: 'cfg',
      version: 2,
      services: [{ service: 'web', use: 'volume' }],
    });
    expect(tracker.settled()).toBe(false);
    tracker.fold({ kind: 'config-applied', time: t(40), node: 'n1', task: a, config: { name: 'cfg', version: 2 }, how: 'delivered' });
    tracker.fold({ kind: 'config-applied', time: t(70), node: 'n1', task: b, config: { name: 'cfg', version: 2 }, how: 'delivered' });
    expect(tracker.settled()).toBe(true);
    tracker.finish(t(100));
    expect(counters.get('config-stale-replica-s')).toBe(30 + 60);
    expect(latency.table.get('operation-done\u0000config-change-0')?.summary().max).toBe(60);
    // Never reported finished by an engine: censored at the end.
    expect(latency.table.get('operation-observed\u0000config-change-0')?.summary().censored).toBe(1);
  });
});
