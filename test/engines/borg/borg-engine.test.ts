import { describe, expect, it } from 'vitest';
import { borgEngine } from '../../../src/engines/borg/index.js';
import { engineTrial, type EngineTrial } from '../../support/engine-harness.js';

/*
 * The borg engine on small hand-built cells with the default latency model (rpc 1 ms, store write
 * 5 ms, heartbeat 1 ms, task start 1 s) and its default options (polls every 3 s, down after 4
 * missed polls, t_job 100 ms, t_task 5 ms).
 */

function scenario(nodes: number, workloads: string, events = '', tenants = ''): string {
  return `apiVersion: schedbench/v1
kind: Scenario
metadata: { name: borg-unit }
spec:
  duration: 5m
  seeds: [1]
  cluster:
    nodeGroups:
      - { name: m, count: ${nodes}, resources: { cpu: 4, memory: 16Gi } }
${tenants}
  workloads:
${workloads}
${events ? `  events:\n${events}` : ''}`;
}

const borg = (yaml: string): EngineTrial => engineTrial(borgEngine, yaml);
const counter = (t: EngineTrial, name: string): number =>
  t
    .ofKind('counter')
    .filter((c) => c.name === name)
    .reduce((a, c) => a + c.by, 0);
/** Instances of a workload running on the cluster now. */
const running = (t: EngineTrial, workload: string): number =>
  t.nodes.reduce((n, node) => n + t.cluster.instancesOn(node.name).filter((i) => i.workload === workload).length, 0);

const FILLER = `    - kind: BatchJob
      name: filler
      tasks: 8
      resources: { cpu: 1, memory: 1Gi }
      duration: 10m
      submitAt: 0s`;

describe('borg: preemption by priority band', () => {
  it('places a production service by evicting best-effort tasks, which go back to the pending queue', () => {
    const t = borg(
      scenario(
        2,
        `${FILLER}
    - kind: Service
      name: prod
      replicas: 2
      priority: 9
      resources: { cpu: 1, memory: 1Gi }
      startAt: 20s`,
      ),
    );
    t.runTo(60);
    expect(counter(t, 'preempted')).toBe(2);
    expect(running(t, 'prod')).toBe(2);
    expect(running(t, 'filler')).toBe(6);
    const pending = t.ofKind('task-pending').filter((p) => p.workload === 'filler');
    expect(pending).toHaveLength(2);
  });

  it('never preempts one prod task for another, even of a higher priority', () => {
    const t = borg(
      scenario(
        2,
        `    - kind: Service
      name: production
      replicas: 8
      priority: 9
      resources: { cpu: 1, memory: 1Gi }
    - kind: Service
      name: monitoring
      replicas: 1
      priority: 11
      resources: { cpu: 1, memory: 1Gi }
      startAt: 20s`,
      ),
    );
    t.runTo(60);
    expect(counter(t, 'preempted')).toBe(0);
    expect(running(t, 'production')).toBe(8);
    expect(running(t, 'monitoring')).toBe(0);
  });
});

describe('borg: the Borgmaster and its Borglets', () => {
  it('launches an assignment with the machine’s next poll, not before', () => {
    const t = borg(scenario(4, `${FILLER.replace('tasks: 8', 'tasks: 1')}`));
    t.runTo(30);
    const placed = t.ofKind('task-placed')[0]!;
    const launched = t.ofKind('task-launched')[0]!;
    const wait = (launched.time - placed.time) / 1e6;
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(3 + 0.001);
    // The master needs a store write, the scheduler's turn (100 ms + 5 ms × (1 task + 1 class)), an rpc and another write.
    expect(placed.time / 1e6).toBeCloseTo(0.001 + 0.005 + 0.11 + 0.001 + 0.005, 6);
  });

  it('marks a cut-off machine down after its missed polls, reschedules its tasks, and kills the duplicates when it answers again', () => {
    const t = borg(
      scenario(
        2,
        `    - kind: Service
      name: web
      replicas: 2
      resources: { cpu: 1, memory: 1Gi }`,
        `    - kind: partition
      at: 30s
      nodes: { names: [m-0] }
      healAfter: 60s`,
      ),
    );
    t.runTo(29);
    const before = t.nodes.map((n) => t.cluster.countOn(n.name));
    t.runTo(60);
    expect(counter(t, 'machine-marked-down')).toBe(1);
    expect(before[0]).toBeGreaterThan(0);
    // The rescheduled replicas run on m-1 while the cut-off ones still run on m-0: duplicates.
    expect(running(t, 'web')).toBe(2 + before[0]!);
    t.runTo(120);
    expect(counter(t, 'machine-reconnected')).toBe(1);
    expect(counter(t, 'duplicate-killed')).toBe(before[0]!);
    expect(running(t, 'web')).toBe(2);
  });

  it('tells the observer once per job when the scheduler first dequeues it, and serves tenants round-robin', () => {
    const tenants = `  tenants:
    - { name: a }
    - { name: b }`;
    const jobs = ['a1', 'a2', 'a3', 'b1']
      .map(
        (name) => `    - kind: BatchJob
      name: ${name}
      tenant: ${name[0]}
      tasks: 1
      resources: { cpu: 1, memory: 1Gi }
      duration: 5s
      submitAt: 0s`,
      )
      .join('\n');
    const t = borg(scenario(4, jobs, '', tenants));
    t.runTo(30);
    const considered = t.ofKind('job-considered').map((e) => e.job);
    expect(considered).toEqual(['a1', 'b1', 'a2', 'a3']);
  });
});
