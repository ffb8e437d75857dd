import { describe, expect, it } from 'vitest';
import { Cluster, OverCommitError } from '../../src/cluster/cluster-state.js';
import { type ClusterEvent } from '../../src/cluster/events.js';
import { type NodeSpec } from '../../src/cluster/node.js';
import { NO_RESOURCES, resources } from '../../src/cluster/resources.js';
import { type TaskExit, type TaskLaunch } from '../../src/cluster/task.js';
import { Simulator } from '../../src/sim/simulator.js';
import { seconds, type SimTime } from '../../src/sim/time.js';

const GI = 2 ** 30;
const START = seconds(2);

function node(name: string, cpu = 4000, memory = 8 * GI, maxTasks = 110): NodeSpec {
  return { name, allocatable: resources({ cpu, memory }), labels: {}, taints: [], maxTasks };
}

function task(id: string, over: Partial<TaskLaunch> = {}): TaskLaunch {
  return { id, workload: 'web', tenant: 'default', priority: 0, resources: resources({ cpu: 1000, memory: GI }), ...over };
}

/** A two-node cluster with a 2 s task start; every cluster event is logged as `kind node id how`. */
function setup(nodes: readonly NodeSpec[] = [node('n1'), node('n2')]) {
  const sim = new Simulator();
  const events: ClusterEvent[] = [];
  const cluster = new Cluster(
    sim,
    nodes,
    () => START,
    (e) => events.push(e),
  );
  const log = (): string[] =>
    events.map((e) => {
      const parts: string[] = [`${e.time / 1e6}s`, e.kind];
      if ('node' in e) parts.push(e.node);
      if ('task' in e) parts.push(e.task.id);
      if (e.kind === 'task-ended') parts.push(e.how, e.wasRunning ? 'was-running' : 'was-starting');
      return parts.join(' ');
    });
  const heard: string[] = [];
  const listener = (id: string) => ({
    onRunning: () => heard.push(`${id} running at ${sim.now() / 1e6}s`),
    onExit: (how: TaskExit) => heard.push(`${id} ${how} at ${sim.now() / 1e6}s`),
  });
  const runTo = (s: number): void => void sim.run(seconds(s));
  return { sim, cluster, events, log, heard, listener, runTo };
}

describe('Cluster launch', () => {
  it('reserves resources at once and runs the task after the start delay', () => {
    const { cluster, log, heard, listener, runTo } = setup();
    expect(cluster.launch('n1', task('a'), listener('a'))).toEqual({ kind: 'launched' });
    expect(cluster.used('n1')).toEqual(resources({ cpu: 1000, memory: GI }));
    expect(cluster.free('n1')).toEqual(resources({ cpu: 3000, memory: 7 * GI }));
    expect(cluster.countOn('n1')).toBe(1);
    expect(cluster.instancesOn('n1').map((t) => t.id)).toEqual(['a']);
    expect(cluster.isRunning('n1', 'a')).toBe(false);
    runTo(1.999999);
    expect(cluster.isRunning('n1', 'a')).toBe(false);
    runTo(2);
    expect(cluster.isRunning('n1', 'a')).toBe(true);
    expect(log()).toEqual(['0s task-launched n1 a', '2s task-running n1 a']);
    expect(heard).toEqual(['a running at 2s']);
  });

  const endings: readonly { name: string; over: Partial<TaskLaunch>; how: TaskExit }[] = [
    { name: 'runFor ends it as finished by default', over: { runFor: seconds(5) }, how: 'finished' },
    { name: 'exitAs finished', over: { runFor: seconds(5), exitAs: 'finished' }, how: 'finished' },
    { name: 'exitAs failed', over: { runFor: seconds(5), exitAs: 'failed' }, how: 'failed' },
  ];
  it.each(endings)('$name, runFor after it started, and frees its resources', ({ over, how }) => {
    const { cluster, log, heard, listener, runTo } = setup();
    cluster.launch('n1', task('a', over), listener('a'));
    runTo(6.999999);
    expect(cluster.countOn('n1')).toBe(1);
    runTo(100);
    expect(log()).toEqual(['0s task-launched n1 a', '2s task-running n1 a', `7s task-ended n1 a ${how} was-running`]);
    expect(heard).toEqual(['a running at 2s', `a ${how} at 7s`]);
    expect(cluster.used('n1')).toEqual(NO_RESOURCES);
    expect(cluster.countOn('n1')).toBe(0);
  });

  it('a service (no runFor) runs until stopped', () => {
    const { cluster, heard, listener, runTo } = setup();
    cluster.launch('n1', task('a'), listener('a'));
    runTo(3600);
    expect(cluster.isRunning('n1', 'a')).toBe(true);
    expect(heard).toEqual(['a running at 2s']);
  });

  it('a launch without a listener still runs', () => {
    const { cluster, runTo } = setup();
    cluster.launch('n1', task('a', { runFor: seconds(1) }));
    runTo(10);
    expect(cluster.countOn('n1')).toBe(0);
  });

  const overCommits: readonly { name: string; nodes: NodeSpec[]; first: TaskLaunch[]; next: TaskLaunch; message: RegExp }[] = [
    {
      name: 'cpu',
      nodes: [node('n1', 1500)],
      first: [task('a')],
      next: task('b'),
      message: /over-commit on node n1: task b needs cpu=1000m memory=1.00Gi but only cpu=500m memory=7.00Gi is free/,
    },
    {
      name: 'memory',
      nodes: [node('n1', 4000, GI)],
      first: [],
      next: task('b', { resources: resources({ memory: 2 * GI }) }),
      message: /over-commit on node n1: task b/,
    },
    { name: 'gpu', nodes: [node('n1')], first: [], next: task('b', { resources: resources({ gpu: 1 }) }), message: /needs cpu=0m memory=0.00Gi gpu=1/ },
    {
      name: 'the task count (maxTasks)',
      nodes: [node('n1', 4000, 8 * GI, 2)],
      first: [task('a', { resources: NO_RESOURCES }), task('b', { resources: NO_RESOURCES })],
      next: task('c', { resources: NO_RESOURCES }),
      message: /\(and the node already runs 2\/2 tasks\)/,
    },
  ];
  it.each(overCommits)('throws OverCommitError on over-commit of $name and changes nothing', ({ nodes, first, next, message }) => {
    const { cluster, events } = setup(nodes);
    for (const t of first) cluster.launch('n1', t);
    const before = { used: cluster.used('n1'), count: cluster.countOn('n1'), events: events.length };
    expect(cluster.fits('n1', next)).toBe(false);
    expect(() => cluster.launch('n1', next)).toThrow(OverCommitError);
    expect(() => cluster.launch('n1', next)).toThrow(message);
    expect({ used: cluster.used('n1'), count: cluster.countOn('n1'), events: events.length }).toEqual(before);
  });

  it('fills a node exactly to its allocatable', () => {
    const { cluster } = setup([node('n1', 2000, 2 * GI)]);
    cluster.launch('n1', task('a'));
    expect(cluster.fits('n1', task('b'))).toBe(true);
    cluster.launch('n1', task('b'));
    expect(cluster.free('n1')).toEqual(NO_RESOURCES);
  });

  it('an OverCommitError is named and is an Error', () => {
    const { cluster } = setup([node('n1', 500)]);
    try {
      cluster.launch('n1', task('a'));
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).name).toBe('OverCommitError');
    }
  });

  it('throws on a duplicate instance id on the same node', () => {
    const { cluster } = setup();
    cluster.launch('n1', task('a'));
    expect(() => cluster.launch('n1', task('a'))).toThrow(/instance a is already on node n1/);
  });

  it('throws on an unknown node and on duplicate node names', () => {
    const { cluster } = setup();
    expect(() => cluster.launch('nope', task('a'))).toThrow(/unknown node nope/);
    expect(() => setup([node('n1'), node('n1')])).toThrow(/duplicate node name n1/);
  });

  it('returns node-down for a launch on a crashed node, reserving nothing', () => {
    const { cluster } = setup();
    cluster.crash('n1');
    expect(cluster.launch('n1', task('a'))).toEqual({ kind: 'node-down' });
    expect(cluster.countOn('n1')).toBe(0);
  });

  it('lists the nodes in scenario order', () => {
    const { cluster } = setup([node('z'), node('a'), node('m')]);
    expect(cluster.nodes.map((n) => n.name)).toEqual(['z', 'a', 'm']);
    expect(cluster.node('a').name).toBe('a');
  });
});

describe('Cluster stop', () => {
  it('stops a running instance: ended as stopped, the listener told, resources freed', () => {
    const { cluster, log, heard, listener, runTo } = setup();
    cluster.launch('n1', task('a'), listener('a'));
    runTo(5);
    expect(cluster.stop('n1', 'a')).toBe(true);
    expect(log().at(-1)).toBe('5s task-ended n1 a stopped was-running');
    expect(heard).toEqual(['a running at 2s', 'a stopped at 5s']);
    expect(cluster.used('n1')).toEqual(NO_RESOURCES);
  });

  it('stops a starting instance: it never becomes running', () => {
    const { cluster, log, heard, listener, runTo } = setup();
    cluster.launch('n1', task('a', { runFor: seconds(1) }), listener('a'));
    runTo(1);
    cluster.stop('n1', 'a');
    runTo(100);
    expect(log()).toEqual(['0s task-launched n1 a', '1s task-ended n1 a stopped was-starting']);
    expect(heard).toEqual(['a stopped at 1s']);
  });

  it('stopping a task that ran out cancels nothing else', () => {
    const { cluster, log, runTo } = setup();
    cluster.launch('n1', task('a', { runFor: seconds(1) }));
    runTo(10);
    expect(cluster.stop('n1', 'a')).toBe(false);
    expect(log().filter((l) => l.includes('task-ended'))).toHaveLength(1);
  });

  it('returns false for an unknown instance and on a down node', () => {
    const { cluster } = setup();
    expect(cluster.stop('n1', 'ghost')).toBe(false);
    cluster.launch('n2', task('a'));
    cluster.crash('n2');
    expect(cluster.stop('n2', 'a')).toBe(false);
  });
});

describe('Cluster faults', () => {
  it('crash loses every instance at that instant, without telling the instances’ listeners', () => {
    const { cluster, log, heard, listener, runTo, sim } = setup();
    const lifecycle: string[] = [];
    cluster.onLifecycle('n1', (change) => lifecycle.push(`${change} at ${sim.now() / 1e6}s`));
    cluster.launch('n1', task('running', { runFor: seconds(100) }), listener('running'));
    runTo(3);
    cluster.launch('n1', task('starting', { runFor: seconds(100) }), listener('starting'));
    cluster.launch('n2', task('elsewhere'), listener('elsewhere'));
    runTo(4);
    cluster.crash('n1');
    expect(cluster.isUp('n1')).toBe(false);
    expect(cluster.isReachable('n1')).toBe(false);
    expect(cluster.used('n1')).toEqual(NO_RESOURCES);
    expect(cluster.countOn('n1')).toBe(0);
    runTo(1000);
    expect(log()).toEqual([
      '0s task-launched n1 running',
      '2s task-running n1 running',
      '3s task-launched n1 starting',
      '3s task-launched n2 elsewhere',
      '4s task-ended n1 running lost was-running',
      '4s task-ended n1 starting lost was-starting',
      '4s node-crashed n1',
      '5s task-running n2 elsewhere',
    ]);
    expect(heard).toEqual(['running running at 2s', 'elsewhere running at 5s']);
    expect(lifecycle).toEqual(['crashed at 4s']);
  });

  it('a second crash of a down node does nothing', () => {
    const { cluster, events } = setup();
    cluster.crash('n1');
    const n = events.length;
    cluster.crash('n1');
    expect(events.length).toBe(n);
  });

  it('recover brings the node back empty and tells its lifecycle listeners', () => {
    const { cluster, log, runTo } = setup();
    const lifecycle: string[] = [];
    cluster.onLifecycle('n1', (change) => lifecycle.push(change));
    cluster.onLifecycle('n1', (change) => lifecycle.push(`second listener ${change}`));
    cluster.launch('n1', task('a'));
    runTo(1);
    cluster.crash('n1');
    runTo(10);
    cluster.recover('n1');
    cluster.recover('n1'); // already up: nothing
    expect(cluster.isUp('n1')).toBe(true);
    expect(cluster.countOn('n1')).toBe(0);
    expect(cluster.free('n1')).toEqual(cluster.node('n1').allocatable);
    expect(lifecycle).toEqual(['crashed', 'second listener crashed', 'booted', 'second listener booted']);
    expect(log().slice(-2)).toEqual(['1s node-crashed n1', '10s node-recovered n1']);
    expect(cluster.launch('n1', task('a'))).toEqual({ kind: 'launched' }); // the old id is free again
  });

  it('partition and heal flip reachability only; instances keep running', () => {
    const { cluster, log, heard, listener, runTo } = setup();
    cluster.launch('n1', task('a', { runFor: seconds(10) }), listener('a'));
    runTo(1);
    cluster.partition('n1');
    cluster.partition('n1'); // idempotent
    expect({ up: cluster.isUp('n1'), partitioned: cluster.isPartitioned('n1'), reachable: cluster.isReachable('n1') }).toEqual({
      up: true,
      partitioned: true,
      reachable: false,
    });
    runTo(5);
    cluster.heal('n1');
    cluster.heal('n1'); // idempotent
    expect(cluster.isReachable('n1')).toBe(true);
    runTo(100);
    expect(log()).toEqual([
      '0s task-launched n1 a',
      '1s node-partitioned n1',
      '2s task-running n1 a',
      '5s node-healed n1',
      '12s task-ended n1 a finished was-running',
    ]);
    expect(heard).toEqual(['a running at 2s', 'a finished at 12s']);
  });

  it('a crash of a partitioned node still loses everything, and recovery keeps the partition flag', () => {
    const { cluster } = setup();
    cluster.launch('n1', task('a'));
    cluster.partition('n1');
    cluster.crash('n1');
    expect(cluster.countOn('n1')).toBe(0);
    cluster.recover('n1');
    expect(cluster.isPartitioned('n1')).toBe(true);
    expect(cluster.isReachable('n1')).toBe(false);
  });

  it('stamps every event with the virtual time it happened at', () => {
    const { cluster, events, sim } = setup();
    sim.at(seconds(7) as SimTime, () => cluster.crash('n2'), undefined);
    sim.run(seconds(7));
    expect(events.map((e) => e.time)).toEqual([seconds(7)]);
  });
});
