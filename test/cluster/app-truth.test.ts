import { describe, expect, it } from 'vitest';
import { type AppBehaviour } from '../../src/cluster/app-behaviour.js';
import { Cluster } from '../../src/cluster/cluster-state.js';
import { type ClusterEvent } from '../../src/cluster/events.js';
import { type NodeSpec } from '../../src/cluster/node.js';
import { resources } from '../../src/cluster/resources.js';
import { type TaskLaunch } from '../../src/cluster/task.js';
import { Simulator } from '../../src/sim/simulator.js';
import { seconds, type SimDuration } from '../../src/sim/time.js';

const GI = 2 ** 30;
const START = seconds(1);

function node(name: string): NodeSpec {
  return { name, allocatable: resources({ cpu: 8000, memory: 16 * GI }), labels: {}, taints: [], maxTasks: 110 };
}

function replica(id: string, workload: string, over: Partial<TaskLaunch> = {}): TaskLaunch {
  return { id, workload, tenant: 'default', priority: 0, resources: resources({ cpu: 1000, memory: GI }), ...over };
}

function app(service: string, startup: number, over: Partial<AppBehaviour> = {}): AppBehaviour {
  return { service, startup: () => seconds(startup) as SimDuration, dependsOn: [], onMissingDependency: 'crash', ...over };
}

/** db ← api with a 1 s task start; events logged as `time kind id [detail]`. */
function setup(apps: readonly AppBehaviour[]) {
  const sim = new Simulator();
  const events: ClusterEvent[] = [];
  const cluster = new Cluster(
    sim,
    [node('n1'), node('n2')],
    () => START,
    (e) => events.push(e),
    new Map(apps.map((a) => [a.service, a])),
  );
  const log = (): string[] =>
    events.flatMap((e) => {
      const t = `${e.time / 1e6}s`;
      if (e.kind === 'task-readiness') return [`${t} ${e.task.id} ${e.ready ? 'ready' : 'not-ready'}`];
      if (e.kind === 'task-ended') return [`${t} ${e.task.id} ended ${e.how}${e.reason ? ` ${e.reason}` : ''}`];
      if (e.kind === 'process-exited') return [`${t} ${e.task.id} exited ${e.how} ${e.reason}`];
      if (e.kind === 'task-restarted') return [`${t} ${e.task.id} restarted #${e.restarts}`];
      if (e.kind === 'config-applied') return [`${t} ${e.task.id} config ${e.config.name}@${e.config.version} ${e.how}`];
      return [];
    });
  return { sim, cluster, log, runTo: (s: number) => void sim.run(seconds(s)) };
}

describe('the app model: startup and dependencies', () => {
  it('a replica is ready one startup after its container runs, when its dependency is ready', () => {
    const { cluster, log, runTo } = setup([app('db', 30), app('api', 5, { dependsOn: ['db'] })]);
    cluster.launch('n1', replica('db-1', 'db'));
    runTo(40);
    cluster.launch('n2', replica('api-1', 'api'));
    runTo(100);
    expect(log()).toEqual(['31s db-1 ready', '46s api-1 ready']);
  });

  it('a crash app exits at its check when the dependency is not ready; held, it keeps the node until restarted', () => {
    const { cluster, log, runTo } = setup([app('db', 30), app('api', 5, { dependsOn: ['db'] })]);
    cluster.launch('n1', replica('db-1', 'db'));
    cluster.launch('n2', replica('api-1', 'api', { holdOnExit: true }));
    runTo(10);
    expect(log()).toEqual(['6s api-1 exited failed dependency-missing']);
    expect(cluster.used('n2').cpu).toBe(1000);
    cluster.restart('n2', 'api-1');
    runTo(40);
    expect(log().slice(1)).toEqual(['10s api-1 restarted #1', '16s api-1 exited failed dependency-missing', '31s db-1 ready']);
    cluster.restart('n2', 'api-1');
    runTo(100);
    expect(log().slice(4)).toEqual(['40s api-1 restarted #2', '46s api-1 ready']);
    expect(cluster.restartsOf('n2', 'api-1')).toBe(2);
  });

  it('a crash app that is not held ends as a failed task', () => {
    const { cluster, log, runTo } = setup([app('db', 30), app('api', 5, { dependsOn: ['db'] })]);
    cluster.launch('n2', replica('api-1', 'api'));
    runTo(10);
    expect(log()).toEqual(['6s api-1 ended failed dependency-missing']);
    expect(cluster.countOn('n2')).toBe(0);
  });

  it('a wait app becomes ready the instant its dependency does, and goes back to waiting when it is lost', () => {
    const { cluster, log, runTo } = setup([app('db', 30), app('api', 5, { dependsOn: ['db'], onMissingDependency: 'wait' })]);
    cluster.launch('n1', replica('db-1', 'db'));
    cluster.launch('n2', replica('api-1', 'api'));
    runTo(50);
    cluster.stop('n1', 'db-1');
    runTo(60);
    expect(log()).toEqual(['31s db-1 ready', '31s api-1 ready', '50s db-1 not-ready', '50s api-1 not-ready', '50s db-1 ended stopped']);
    expect(cluster.isRunning('n2', 'api-1')).toBe(true);
    expect(cluster.isReady('n2', 'api-1')).toBe(false);
  });

  it('a ready crash app exits when its dependency loses its last ready replica (and the loss cascades)', () => {
    const { cluster, log, runTo } = setup([
      app('db', 1),
      app('api', 1, { dependsOn: ['db'] }),
      app('web', 1, { dependsOn: ['api'], onMissingDependency: 'wait' }),
    ]);
    cluster.launch('n1', replica('db-1', 'db'));
    runTo(5);
    cluster.launch('n2', replica('api-1', 'api'));
    runTo(10);
    cluster.launch('n2', replica('web-1', 'web'));
    runTo(20);
    cluster.crash('n1');
    runTo(30);
    expect(log()).toEqual([
      '2s db-1 ready',
      '7s api-1 ready',
      '12s web-1 ready',
      '20s db-1 not-ready',
      '20s api-1 not-ready',
      '20s web-1 not-ready',
      '20s db-1 ended lost',
      '20s api-1 ended failed dependency-lost',
    ]);
    expect(cluster.isRunning('n2', 'web-1')).toBe(true);
  });

  it('draws the k-th startup for the k-th container start of the service, over all its replicas', () => {
    const asked: number[] = [];
    const { cluster, runTo } = setup([app('db', 0, { startup: (k) => (asked.push(k), seconds(1 + k) as SimDuration) })]);
    cluster.launch('n1', replica('db-1', 'db', { holdOnExit: true }));
    cluster.launch('n2', replica('db-2', 'db'));
    runTo(5);
    cluster.restart('n1', 'db-1');
    runTo(10);
    expect(asked).toEqual([0, 1, 2]);
  });
});

describe('the app model: config', () => {
  it('starts with the launch’s version (or the service’s initial one) and takes a delivered newer version in place', () => {
    const { cluster, log, runTo } = setup([app('web', 0, { config: { name: 'cfg', use: 'volume', initialVersion: 1 } })]);
    cluster.launch('n1', replica('web-1', 'web'));
    cluster.launch('n2', replica('web-2', 'web', { config: { name: 'cfg', version: 2 } }));
    runTo(5);
    expect(cluster.deliverConfig('n1', 'web-1', { name: 'cfg', version: 3 })).toBe(true);
    expect(cluster.deliverConfig('n1', 'web-1', { name: 'cfg', version: 2 })).toBe(true);
    expect(cluster.deliverConfig('n1', 'web-1', { name: 'other', version: 9 })).toBe(false);
    cluster.restart('n2', 'web-2', { config: { name: 'cfg', version: 3 } });
    runTo(10);
    expect(log()).toEqual([
      '1s web-1 config cfg@1 container-start',
      '1s web-2 config cfg@2 container-start',
      '1s web-1 ready',
      '1s web-2 ready',
      '5s web-1 config cfg@3 delivered',
      '5s web-2 not-ready',
      '5s web-2 restarted #1',
      '6s web-2 config cfg@3 container-start',
      '6s web-2 ready',
    ]);
  });
});

describe('services outside the catalog', () => {
  it('are ready exactly while they run and emit no readiness events', () => {
    const { cluster, log, runTo } = setup([]);
    cluster.launch('n1', replica('web-1', 'web'));
    expect(cluster.isReady('n1', 'web-1')).toBe(false);
    runTo(5);
    expect(cluster.isReady('n1', 'web-1')).toBe(true);
    expect(log()).toEqual([]);
  });
});
