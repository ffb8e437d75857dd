import { describe, expect, it } from 'vitest';
import { oracleEngine } from '../../../src/engines/oracle/index.js';
import { engineTrial, type EngineTrial } from '../../support/engine-harness.js';

/*
 * The oracle's policy on small hand-built clusters, with exact nodes, counts and times: best fit on
 * the cluster's truth, instant replacement of what a crash takes, and rollouts as fast as the
 * service's maxSurge / maxUnavailable allow. The latency model is the default one: a task runs
 * exactly 1 s (taskStart) after the oracle launches it, and the oracle itself takes no time.
 */

/** Four explicit nodes of different sizes; `small` and `small-b` are the same shape (a tie). */
const NODES = `nodes:
      - { name: big, resources: { cpu: 8, memory: 32Gi } }
      - { name: mid, resources: { cpu: 4, memory: 16Gi } }
      - { name: small, resources: { cpu: 2, memory: 8Gi } }
      - { name: small-b, resources: { cpu: 2, memory: 8Gi } }`;

/** Four equal nodes of 4 cores, for rollouts (room for every surge). */
const EQUAL = `nodeGroups:
      - { name: node, count: 4, resources: { cpu: 4, memory: 16Gi } }`;

function scenario(cluster: string, workloads: string, events = ''): string {
  return `apiVersion: schedbench/v1
kind: Scenario
metadata: { name: oracle-unit }
spec:
  duration: 60s
  seeds: [1]
  cluster:
    ${cluster}
  workloads:
${workloads}
${events ? `  events:\n${events}` : ''}`;
}

const secs = (t: number): number => t / 1e6;

function placements(t: EngineTrial, workload?: string): { at: number; node: string; id: string; version?: string }[] {
  return t
    .ofKind('task-placed')
    .filter((p) => workload === undefined || p.workload === workload)
    .map((p) => ({ at: secs(p.time), node: p.node, id: p.taskId, ...(p.version !== undefined ? { version: p.version } : {}) }));
}

function runningAt(t: EngineTrial, workload: string): { at: number; id: string }[] {
  return t
    .ofKind('task-running')
    .filter((e) => e.task.workload === workload)
    .map((e) => ({ at: secs(e.time), id: e.task.id }));
}

function oracle(yaml: string): EngineTrial {
  return engineTrial(oracleEngine, yaml);
}

describe('oracle: best-fit placement on the cluster’s truth', () => {
  it('packs each task onto the node it leaves least free (ties to the earlier node), at the instant of submission', () => {
    const t = oracle(
      scenario(
        NODES,
        `    - { kind: Service, name: web, replicas: 3, resources: { cpu: 1, memory: 2Gi } }
    - { kind: BatchJob, name: etl, tasks: 2, resources: { cpu: 2, memory: 1Gi }, duration: 10s, submitAt: 5s }`,
      ),
    );
    t.runTo(30);
    // Leftover after placing (cpu fraction + memory fraction): big 1.81, mid 1.63, small 1.25 = small-b.
    // small takes two (0 + 0.5 for the second), then it has no cpu left and the tie goes to small-b.
    expect(placements(t, 'web')).toEqual([
      { at: 0, node: 'small', id: 'web-0', version: 'v1' },
      { at: 0, node: 'small', id: 'web-1', version: 'v1' },
      { at: 0, node: 'small-b', id: 'web-2', version: 'v1' },
    ]);
    // 2-core tasks: small is full and small-b has 1 core free; mid (0.5 + 0.94) beats big (0.75 + 0.97), twice.
    expect(placements(t, 'etl').map((p) => [p.at, p.node])).toEqual([
      [5, 'mid'],
      [5, 'mid'],
    ]);
    expect(runningAt(t, 'web').map((r) => r.at)).toEqual([1, 1, 1]);
    expect(runningAt(t, 'etl').map((r) => r.at)).toEqual([6, 6]);
    expect(t.ofKind('task-pending')).toEqual([]);
  });

  it('keeps a task waiting while no node has room and places it the instant one frees up', () => {
    const t = oracle(
      scenario(
        `nodes:
      - { name: only, resources: { cpu: 2, memory: 8Gi } }`,
        `    - { kind: BatchJob, name: first, tasks: 2, resources: { cpu: 1, memory: 1Gi }, duration: 10s, submitAt: 0s }
    - { kind: BatchJob, name: second, tasks: 1, resources: { cpu: 1, memory: 1Gi }, duration: 10s, submitAt: 2s }`,
      ),
    );
    t.runTo(30);
    // first runs 1 s → 11 s on both cores; second waits from 2 s and is placed when they end.
    expect(placements(t, 'second').map((p) => p.at)).toEqual([11]);
    expect(t.ofKind('task-pending').map((e) => [secs(e.time), e.workload, e.reason])).toEqual([[2, 'second', 'no node has room for the task']]);
  });
});

describe('oracle: instant replacement', () => {
  it('replaces the replicas of a crashed node at the crash instant, by best fit among the nodes still up', () => {
    const t = oracle(
      scenario(
        NODES,
        `    - { kind: Service, name: web, replicas: 3, resources: { cpu: 1, memory: 2Gi } }`,
        `    - { kind: crash, at: 20s, nodes: { names: [small] } }`,
      ),
    );
    t.runTo(40);
    const lost = t.ofKind('task-ended').filter((e) => e.how === 'lost');
    expect(lost.map((e) => [secs(e.time), e.node, e.task.id])).toEqual([
      [20, 'small', 'web-0'],
      [20, 'small', 'web-1'],
    ]);
    // small-b has 1 core left (it takes one: 0 + 0.5), then mid (0.75 + 0.88) beats big.
    expect(placements(t, 'web').slice(3)).toEqual([
      { at: 20, node: 'small-b', id: 'web-3', version: 'v1' },
      { at: 20, node: 'mid', id: 'web-4', version: 'v1' },
    ]);
    expect(
      runningAt(t, 'web')
        .slice(3)
        .map((r) => r.at),
    ).toEqual([21, 21]);
  });

  it('re-runs a batch task lost in a crash at once, and uses a node the instant it boots again', () => {
    const t = oracle(
      scenario(
        `nodes:
      - { name: one, resources: { cpu: 2, memory: 8Gi } }
      - { name: two, resources: { cpu: 1, memory: 8Gi } }`,
        `    - { kind: BatchJob, name: long, tasks: 2, resources: { cpu: 1, memory: 1Gi }, duration: 30s, submitAt: 0s }`,
        `    - { kind: crash, at: 10s, nodes: { names: [one] }, recoverAfter: 5s }`,
      ),
    );
    t.runTo(60);
    // Leftover: `two` 0 + 0.875 beats `one` 0.5 + 0.875; `two` is then full, so the second goes to `one`.
    const first = placements(t, 'long').slice(0, 2);
    expect(first.map((p) => [p.at, p.node])).toEqual([
      [0, 'two'],
      [0, 'one'],
    ]);
    // `one` crashes at 10 s: its task is lost and waits (two is full) until `one` boots at 15 s.
    const again = placements(t, 'long').slice(2);
    expect(again.map((p) => [p.at, p.node])).toEqual([[15, 'one']]);
    expect(
      t
        .ofKind('task-ended')
        .filter((e) => e.how === 'lost')
        .map((e) => secs(e.time)),
    ).toEqual([10]);
  });
});

/** Instances of `web` placed and not yet ended, and how many of them run, after every event time. */
function rolloutTimeline(t: EngineTrial): { at: number; alive: number; running: number }[] {
  const changes = [
    ...t.ofKind('task-placed').map((e) => ({ at: e.time, alive: 1, running: 0 })),
    ...t.ofKind('task-running').map((e) => ({ at: e.time, alive: 0, running: 1 })),
    ...t.ofKind('task-ended').map((e) => ({ at: e.time, alive: -1, running: e.wasRunning ? -1 : 0 })),
  ].sort((a, b) => a.at - b.at);
  const out: { at: number; alive: number; running: number }[] = [];
  let alive = 0;
  let running = 0;
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i] as (typeof changes)[number];
    alive += c.alive;
    running += c.running;
    if (i + 1 === changes.length || (changes[i + 1] as (typeof changes)[number]).at !== c.at) out.push({ at: secs(c.at), alive, running });
  }
  return out;
}

function rollout(strategy: string, replicas = 4): EngineTrial {
  const t = oracle(
    scenario(
      EQUAL,
      `    - { kind: Service, name: web, replicas: ${replicas}, resources: { cpu: 1, memory: 1Gi }, strategy: ${strategy} }`,
      `    - { kind: rollout, at: 10s, service: web, version: v2 }`,
    ),
  );
  t.runTo(40);
  return t;
}

const v2Placed = (t: EngineTrial): number[] =>
  placements(t, 'web')
    .filter((p) => p.version === 'v2')
    .map((p) => p.at);
const v1Stopped = (t: EngineTrial): number[] =>
  t
    .ofKind('task-ended')
    .filter((e) => e.task.version === 'v1' && e.how === 'stopped')
    .map((e) => secs(e.time));

describe('oracle: rollouts as fast as maxSurge / maxUnavailable allow', () => {
  it('maxSurge 1, maxUnavailable 0: one new instance at a time, each old one stopped the instant a new one runs', () => {
    const t = rollout('{ maxSurge: 1, maxUnavailable: 0 }');
    expect(v2Placed(t)).toEqual([10, 11, 12, 13]);
    expect(v1Stopped(t)).toEqual([11, 12, 13, 14]);
    for (const s of rolloutTimeline(t).filter((x) => x.at >= 10)) {
      expect(s.alive, `at ${s.at} s`).toBeLessThanOrEqual(5);
      expect(s.running, `at ${s.at} s`).toBeGreaterThanOrEqual(4);
    }
  });

  it('maxSurge 100%, maxUnavailable 0: every new instance at once, every old one stopped when they run', () => {
    const t = rollout("{ maxSurge: '100%', maxUnavailable: 0 }");
    expect(v2Placed(t)).toEqual([10, 10, 10, 10]);
    expect(v1Stopped(t)).toEqual([11, 11, 11, 11]);
    expect(Math.max(...rolloutTimeline(t).map((s) => s.alive))).toBe(8);
  });

  it('never goes past the surge nor below the availability floor (default 25 % / 25 % of 10 replicas: 3 and 2)', () => {
    const t = rollout('{}', 10);
    for (const s of rolloutTimeline(t).filter((x) => x.at >= 10)) {
      expect(s.alive, `at ${s.at} s`).toBeLessThanOrEqual(13);
      expect(s.running, `at ${s.at} s`).toBeGreaterThanOrEqual(8);
    }
    expect(v2Placed(t)).toHaveLength(10);
    expect(v1Stopped(t)).toHaveLength(10);
  });

  /*
   * Both budgets spent at once: an old instance stops to make room for a new one whenever the surge
   * ceiling is full and the availability floor allows, so maxSurge 0 still rolls out, and 1 / 1 on
   * 4 replicas takes two task starts, not three.
   */
  it('maxSurge 0, maxUnavailable 1: replaces one instance at a time, each new one started as an old one stops', () => {
    const t = rollout('{ maxSurge: 0, maxUnavailable: 1 }');
    expect(v2Placed(t)).toEqual([10, 11, 12, 13]);
    expect(v1Stopped(t)).toEqual([10, 11, 12, 13]);
  });

  it('maxSurge 1, maxUnavailable 1: done two task starts after the rollout', () => {
    // Optimal: at 10 s stop one old and start two new (5 alive, 3 running); at 11 s stop two old and
    // start the last two new; at 12 s every new one runs and the last old one stops.
    const t = rollout('{ maxSurge: 1, maxUnavailable: 1 }');
    expect(Math.max(...v1Stopped(t))).toBe(12);
    expect(Math.max(...runningAt(t, 'web').map((r) => r.at))).toBe(12);
  });
});
