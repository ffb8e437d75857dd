import { describe, expect, it } from 'vitest';
import { addResources, isZero, NO_RESOURCES } from '../../../src/cluster/resources.js';
import { PRIORITY } from '../../../src/sim/simulator.js';
import { type SimTime } from '../../../src/sim/time.js';
import { scenarioYaml } from '../../support/scenario.js';
import { mesosTrial, type MesosTrial } from './harness.js';

const at = (t: MesosTrial, seconds: number, fn: () => void) => t.sim.at(Math.round(seconds * 1e6) as SimTime, fn, undefined, PRIORITY.fault);
const secs = (time: number) => time / 1e6;

/** The node running the most instances of a workload at this moment. */
function busiestNode(t: MesosTrial, workload: string): string {
  let best = '';
  let most = -1;
  for (const n of t.nodes) {
    const count = t.cluster.instancesOn(n.name).filter((i) => i.workload === workload).length;
    if (count > most) {
      most = count;
      best = n.name;
    }
  }
  return best;
}

function runningOf(t: MesosTrial, workload: string): number {
  return t.nodes.reduce((s, n) => s + t.cluster.instancesOn(n.name).filter((i) => i.workload === workload && t.cluster.isRunning(n.name, i.id)).length, 0);
}

const WEB = `- kind: Service
  name: web
  replicas: 4
  resources: { cpu: 500m, memory: 512Mi }`;

describe('Mesos engine: agent loss with the defaults', () => {
  it('reports TASK_UNREACHABLE 75–90 s after the crash and replaces the replicas within one more cycle plus start time', () => {
    const t = mesosTrial(scenarioYaml({ duration: '4m', nodes: 4, workloads: WEB }));
    let victim = '';
    let lost = 0;
    at(t, 30, () => {
      victim = busiestNode(t, 'web');
      lost = t.cluster.instancesOn(victim).length;
      t.cluster.crash(victim);
    });
    t.runTo(240);
    expect(lost).toBeGreaterThan(0);
    const unreachable = t.ofKind('counter').filter((c) => c.name === 'task-unreachable');
    expect(unreachable).toHaveLength(lost);
    const detectedAt = secs((unreachable[0] as { time: number }).time);
    expect(detectedAt - 30).toBeGreaterThanOrEqual(75);
    expect(detectedAt - 30).toBeLessThanOrEqual(90.1);
    const replacements = t.ofKind('task-placed').filter((p) => secs(p.time) > 30);
    expect(replacements).toHaveLength(lost);
    // one cycle (≤ 1 s, a revive triggers one at once) + think (0.1 s + 5 ms × n) + rpc hops
    for (const p of replacements) expect(secs(p.time) - detectedAt).toBeLessThanOrEqual(1 + 0.1 + 0.005 * lost + 0.01);
    const running = t.ofKind('task-running').filter((e) => secs(e.time) > 30);
    for (const e of running) expect(secs(e.time) - detectedAt).toBeLessThanOrEqual(1 + 0.1 + 0.005 * lost + 0.01 + 1);
    expect(runningOf(t, 'web')).toBe(4);
  });

  it('tells a non-partition-aware batch framework TASK_LOST instead', () => {
    const t = mesosTrial(
      scenarioYaml({
        duration: '3m',
        nodes: 2,
        workloads: `- kind: BatchJob
  name: long
  tasks: 4
  resources: { cpu: 1, memory: 1Gi }
  duration: 10m
  submitAt: 1s`,
      }),
    );
    at(t, 20, () => t.cluster.crash(busiestNode(t, 'long')));
    t.runTo(180);
    const names = t.ofKind('counter').map((c) => c.name);
    expect(names).toContain('task-lost');
    expect(names).not.toContain('task-unreachable');
    expect(runningOf(t, 'long')).toBe(4); // re-run on the surviving node
  });
});

describe('Mesos engine: partitions', () => {
  it('replaces partitioned replicas, and kills the stale copies when the agent re-registers after the heal', () => {
    const t = mesosTrial(scenarioYaml({ duration: '6m', nodes: 4, workloads: WEB }));
    let victim = '';
    at(t, 20, () => {
      victim = busiestNode(t, 'web');
      t.cluster.partition(victim);
    });
    at(t, 200, () => t.cluster.heal(victim));
    t.runTo(360);
    const names = t.ofKind('counter').map((c) => c.name);
    expect(names).toContain('agent-reregistered');
    const stopped = t.ofKind('task-ended').filter((e) => e.node === victim && e.how === 'stopped');
    expect(stopped.length).toBeGreaterThan(0);
    expect(secs((stopped[0] as { time: number }).time)).toBeGreaterThan(200);
    expect(runningOf(t, 'web')).toBe(4);
  });
});

describe('Mesos engine: framework failover', () => {
  const yaml = (downFor: string) =>
    scenarioYaml({
      duration: '2m',
      nodes: 2,
      workloads: `${WEB}
- kind: BatchJob
  name: long
  tasks: 2
  resources: { cpu: 1, memory: 1Gi }
  duration: 10m
  submitAt: 1s`,
      events: `- kind: scheduler-crash
  at: 30s
  component: batch
  downFor: ${downFor}
- kind: scheduler-crash
  at: 30s
  component: marathon
  downFor: ${downFor}`,
    });

  it('kills the tasks of a framework with failover_timeout 0 and re-runs them when it re-registers', () => {
    const t = mesosTrial(yaml('20s'));
    t.runTo(120);
    const killed = t.ofKind('task-ended').filter((e) => e.how === 'stopped');
    expect(killed.map((e) => e.task.workload)).toEqual(['long', 'long']);
    for (const e of killed) expect(secs(e.time)).toBeLessThan(30.1);
    expect(t.ofKind('task-placed').filter((p) => p.workload === 'long' && secs(p.time) > 50)).toHaveLength(2);
    expect(runningOf(t, 'long')).toBe(2);
  });

  it('keeps the tasks of Marathon (failover_timeout 1 week) and lets it re-register after the crash', () => {
    const t = mesosTrial(yaml('20s'));
    t.runTo(120);
    expect(t.ofKind('task-ended').filter((e) => e.task.workload === 'web')).toHaveLength(0);
    expect(t.ofKind('counter').filter((c) => c.name === 'framework-failover').length).toBeGreaterThanOrEqual(1);
    expect(runningOf(t, 'web')).toBe(4);
  });
});

describe('Mesos engine: a scheduler that crashes before it learns its framework id', () => {
  it('is disconnected by name, fails over with the id it learns, and still runs its job', () => {
    const t = mesosTrial(
      scenarioYaml({
        duration: '1m',
        workloads: `- kind: BatchJob
  name: early
  tasks: 2
  resources: { cpu: 1, memory: 1Gi }
  duration: 5s
  submitAt: 1s`,
        events: `- kind: scheduler-crash
  at: 1000500us
  component: batch
  downFor: 5s`,
      }),
    );
    t.runTo(60);
    const finished = t.ofKind('task-ended').filter((e) => e.how === 'finished');
    expect(finished).toHaveLength(2);
    const master = (t.engine as unknown as { master: { checkInvariants(): string[] } }).master;
    expect(master.checkInvariants()).toEqual([]);
  });
});

describe('Mesos engine: batch jobs', () => {
  it('tells a synchronous client when the framework learns the last task finished (2 hops)', () => {
    const t = mesosTrial(
      scenarioYaml({
        duration: '1m',
        workloads: `- kind: BatchJob
  name: q
  tasks: 3
  resources: { cpu: 1, memory: 1Gi }
  duration: 5s
  sync: true
  submitAt: 2s`,
      }),
    );
    t.runTo(60);
    const informed = t.ofKind('client-informed');
    expect(informed).toHaveLength(1);
    expect(informed[0]?.hops).toBe(2);
    const lastEnd = Math.max(...t.ofKind('task-ended').map((e) => e.time));
    expect(informed[0]?.time).toBeGreaterThan(lastEnd);
  });

  it('retries a failed first attempt, and launches later attempts with exitAs finished', () => {
    const t = mesosTrial(
      scenarioYaml({
        duration: '1m',
        workloads: `- kind: BatchJob
  name: flaky
  tasks: 2
  resources: { cpu: 1, memory: 1Gi }
  duration: 3s
  failureProbability: 1
  submitAt: 1s`,
      }),
    );
    t.runTo(60);
    const ended = t.ofKind('task-ended');
    expect(ended.filter((e) => e.how === 'failed')).toHaveLength(2);
    expect(
      ended
        .filter((e) => e.how === 'finished')
        .map((e) => e.task.id)
        .sort(),
    ).toEqual(['flaky#0.2', 'flaky#1.2']);
  });

  const pickyJob = `- kind: BatchJob
  name: picky
  tasks: 2
  resources: { cpu: 1, memory: 1Gi }
  duration: 3s
  constraints: { nodeSelector: { gpu: "yes" } }
  submitAt: 1s`;

  it('keeps a job that no offer fits queued by default, as Spark and Chronos do', () => {
    const t = mesosTrial(scenarioYaml({ duration: '3m', workloads: pickyJob, engines: `mesos:\n  batch: { declineFor: 0 }` }));
    t.runTo(180);
    expect(t.ofKind('job-abandoned')).toEqual([]);
    expect(t.ofKind('task-pending').map((p) => p.reason)).toContain('no offer matches constraints');
  });

  it('abandons a job that never places a task after more than 100 attempts when the Omega simulator limit is set', () => {
    const t = mesosTrial(
      scenarioYaml({
        duration: '3m',
        workloads: pickyJob,
        engines: `mesos:\n  batch: { declineFor: 0, abandonAfterAttemptsWithoutProgress: 100, abandonAfterAttempts: 1000 }`,
      }),
    );
    t.runTo(180);
    const abandoned = t.ofKind('job-abandoned');
    expect(abandoned).toHaveLength(1);
    expect(abandoned[0]?.reason).toMatch(/101 scheduling attempts \(0 tasks placed\)/);
    const reasons = t.ofKind('task-pending').map((p) => p.reason);
    expect(reasons).toContain('no offer matches constraints');
    expect(reasons).toContain('abandoned');
  });
});

describe('Mesos engine: offers, locks and explanations', () => {
  it('locks offered resources until the offer is answered, and reports the decision time', () => {
    const t = mesosTrial(scenarioYaml({ duration: '30s', workloads: WEB }));
    t.runTo(30);
    let locked = NO_RESOURCES;
    for (const e of t.ofKind('locked')) locked = addResources(locked, e.delta);
    expect(isZero(locked)).toBe(true);
    const decisions = t.ofKind('decision').filter((d) => d.scheduler === 'marathon-default');
    expect(decisions[0]?.duration).toBe(100_000 + 4 * 5_000);
    const actions = new Set(t.ofKind('offer').map((o) => o.action));
    expect(actions.has('made') && actions.has('accepted')).toBe(true);
  });

  it('records per offer who got it and why, what was launched and the filter installed', () => {
    const t = mesosTrial(scenarioYaml({ duration: '10s', workloads: WEB }), 1, true);
    t.runTo(10);
    const records = t.ofKind('explain').map((e) => e.record);
    const offer = records.find((r) => r['type'] === 'offer');
    expect(offer).toMatchObject({ framework: 'marathon-default', mode: 'whole-agent', why: expect.stringMatching(/^the first framework of the DRF walk/) });
    expect(Array.isArray(offer?.['drfOrder'])).toBe(true);
    const reply = records.find((r) => r['type'] === 'offer-reply' && (r['launched'] as string[]).length > 0);
    expect(reply).toMatchObject({ framework: 'marathon-default', filterSeconds: 5 });
  });

  it('is deterministic: the same seed gives the same events', () => {
    const run = () => {
      const t = mesosTrial(scenarioYaml({ duration: '2m', workloads: WEB, events: `- kind: crash\n  at: 20s\n  nodes: { count: 1 }` }), 5);
      t.runTo(120);
      return JSON.stringify(t.events);
    };
    expect(run()).toBe(run());
  });
});

/**
 * The Omega paper's observation (§4.2): with whole-agent offers, a framework with a long decision
 * time locks the offered resources away from everybody else while it thinks. Fair-share offers
 * lock only what the framework asked for.
 */
describe('Mesos engine: pessimistic locking (whole-agent vs fair-share offers)', () => {
  const yaml = (mode: string) =>
    scenarioYaml({
      duration: '1m',
      nodes: 4,
      tenants: `- name: svc\n- name: batch`,
      workloads: `- kind: Service
  name: big
  tenant: svc
  replicas: 4
  resources: { cpu: 1, memory: 1Gi }
  startAt: 10s
- kind: BatchJob
  name: small
  tenant: batch
  tasks: 2
  resources: { cpu: 1, memory: 1Gi }
  duration: 30s
  submitAt: 10500ms`,
      engines: `mesos:
  offerMode: ${mode}
  thinkTimes: { marathon-svc: { tJob: 10s } }`,
    });

  function firstBatchPlacement(mode: string): number {
    const t = mesosTrial(yaml(mode));
    t.runTo(60);
    return Math.min(
      ...t
        .ofKind('task-placed')
        .filter((p) => p.workload === 'small')
        .map((p) => secs(p.time)),
    );
  }

  it('makes the batch job wait for the service framework’s 10 s decision under whole-agent offers, not under fair-share offers', () => {
    const wholeAgent = firstBatchPlacement('whole-agent');
    const fairShare = firstBatchPlacement('fair-share');
    expect(wholeAgent).toBeGreaterThan(19);
    expect(fairShare).toBeLessThan(12);
  });
});

describe('Mesos engine: options that change the model', () => {
  it('rescinds offers held longer than offer_timeout; the late accept drops its tasks', () => {
    const t = mesosTrial(
      scenarioYaml({
        duration: '20s',
        workloads: WEB,
        engines: `mesos:
  offerTimeout: 50ms
  service: { thinkTime: { tJob: 1s } }`,
      }),
    );
    t.runTo(20);
    const actions = t.ofKind('offer').map((o) => o.action);
    expect(actions).toContain('rescinded');
    expect(actions).not.toContain('accepted');
    expect(t.ofKind('task-placed')).toHaveLength(0);
  });

  it('runs the workloads a scenario assigns to a named framework in that framework', () => {
    const t = mesosTrial(
      scenarioYaml({
        duration: '10s',
        workloads: WEB,
        engines: `mesos:
  frameworks: [{ name: aurora, kind: service, role: infra, workloads: [web] }]`,
      }),
    );
    t.runTo(10);
    expect(new Set(t.ofKind('offer').map((o) => o.framework))).toEqual(new Set(['aurora']));
    expect(runningOf(t, 'web')).toBe(4);
  });

  it('gives the fair-share mode’s offers only what the framework asked for', () => {
    const t = mesosTrial(scenarioYaml({ duration: '10s', workloads: WEB, engines: `mesos:\n  offerMode: fair-share` }));
    t.runTo(10);
    const made = t.ofKind('offer').filter((o) => o.action === 'made');
    const cpus = made.reduce((s, o) => s + o.resources.cpu, 0);
    expect(cpus).toBe(4 * 500);
    expect(runningOf(t, 'web')).toBe(4);
  });
});

describe('Mesos engine: roles and weights', () => {
  it('shares a contended cluster between tenants in proportion to their weights (weighted DRF)', () => {
    const job = (name: string, tenant: string) => `- kind: BatchJob
  name: ${name}
  tenant: ${tenant}
  tasks: 100
  resources: { cpu: 1, memory: 1Gi }
  duration: 10m
  submitAt: 1s`;
    const t = mesosTrial(
      scenarioYaml({
        duration: '40s',
        nodes: 12,
        nodeCpu: 4,
        nodeMemory: '64Gi',
        tenants: '- name: light\n- name: heavy\n  weight: 3',
        workloads: `${job('l', 'light')}\n${job('h', 'heavy')}`,
      }),
    );
    t.runTo(40);
    expect(runningOf(t, 'l')).toBe(12);
    expect(runningOf(t, 'h')).toBe(36);
  });
});
