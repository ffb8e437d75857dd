import { describe, expect, it } from 'vitest';
import { Cluster } from '../../src/cluster/cluster-state.js';
import { NO_CONSTRAINTS } from '../../src/cluster/constraints.js';
import { type TaskLaunch } from '../../src/cluster/task.js';
import { Observer } from '../../src/metrics/observer.js';
import { PRIORITY, Simulator } from '../../src/sim/simulator.js';
import { seconds, type SimTime } from '../../src/sim/time.js';
import { GI, node, UNIT } from './observer-script.js';

/**
 * The observer fed by the real cluster truth, wired as runTrial wires it: perturbation windows at
 * PRIORITY.fault − 1, faults at PRIORITY.fault, intents at PRIORITY.intent, a hand-driven "engine"
 * that emits task-placed and launches on the node. Task start takes 2 s.
 */
function world() {
  const sim = new Simulator();
  const nodes = [node('n1', 2000, 8 * GI), node('n2', 2000, 8 * GI)];
  const observer = new Observer({ nodes, tenants: [{ name: 'default', weight: 1 }], horizon: seconds(100), detail: false, explain: false });
  const cluster = new Cluster(sim, nodes, () => seconds(2), observer.sink);
  let perturbations = 0;
  let replicas = 0;
  const at = (s: number, priority: number, fn: () => void): void => void sim.at(seconds(s), fn, undefined, priority);
  return {
    sim,
    cluster,
    observer,
    perturb: (s: number, kind: 'deploy' | 'crash' | 'scale') =>
      at(s, PRIORITY.fault - 1, () => observer.onPerturbation({ index: perturbations++, time: seconds(s), kind, label: kind }, sim.now())),
    declare: (s: number, replicasWanted: number) =>
      at(s, PRIORITY.intent, () =>
        observer.onIntent({
          kind: 'service-declared',
          time: sim.now(),
          service: { name: 'web', tenant: 'default', replicas: replicasWanted, resources: UNIT, priority: 0, constraints: NO_CONSTRAINTS, version: 'v1' },
        }),
      ),
    /** The engine places a web replica on `n` at `s` and its agent launches it at once. */
    place: (s: number, n: string) =>
      at(s, PRIORITY.engine, () => {
        const task: TaskLaunch = { id: `web-${++replicas}`, workload: 'web', tenant: 'default', version: 'v1', priority: 0, resources: UNIT };
        observer.sink({ kind: 'task-placed', time: sim.now(), taskId: task.id, workload: 'web', tenant: 'default', version: 'v1', node: n });
        cluster.launch(n, task);
      }),
    crash: (s: number, n: string) => at(s, PRIORITY.fault, () => cluster.crash(n)),
    finish: () => {
      sim.run(seconds(100));
      return observer.finish(sim.now() as SimTime);
    },
  };
}

describe('Observer on the real cluster truth', () => {
  it('measures a deploy, a crash and the replacement end to end', () => {
    const w = world();
    w.perturb(0, 'deploy');
    w.declare(0, 2);
    w.place(1, 'n1');
    w.place(1, 'n2');
    w.perturb(20, 'crash');
    w.crash(20, 'n1');
    w.place(26, 'n2'); // the replacement, 6 s after the loss; runs at 28
    const m = w.finish();
    const row = (metric: string, group: string) => m.latency.find((r) => r.metric === metric && r.group === group)?.quantiles;
    expect(row('scheduling', 'cause:submit')).toMatchObject({ count: 2, min: 1, max: 1 });
    expect(row('startup', 'cause:submit')).toMatchObject({ count: 2, min: 3, max: 3 });
    expect(row('scheduling', 'cause:replacement')).toMatchObject({ count: 1, min: 6, max: 6 });
    expect(row('startup', 'cause:replacement')).toMatchObject({ count: 1, min: 8, max: 8 });
    expect(
      m.convergence.map((c) => ({ kind: c.kind, convergence: c.convergence, censored: c.censored, tasksLost: c.tasksLost, minAvailable: c.minAvailable })),
    ).toEqual([
      { kind: 'deploy', convergence: 3, censored: false, tasksLost: 0, minAvailable: 0 },
      { kind: 'crash', convergence: 8, censored: false, tasksLost: 1, minAvailable: 0.5 },
    ]);
    // 1 core of 4 from 1 s to 100 s, another from 1 s to 20 s and from 26 s to 100 s.
    expect(m.summary.util_cpu).toBeCloseTo((99 + 19 + 74) / 4 / 100, 12);
    expect(m.accounting).toMatchObject({ replicasDesired: 2, replicasRunning: 2 });
    expect(m.counters['tasks-lost']).toBe(1);
  });

  it('a crash before a placed replica starts loses it while still starting', () => {
    const w = world();
    w.perturb(0, 'deploy');
    w.declare(0, 1);
    w.place(1, 'n1');
    w.perturb(2, 'crash');
    w.crash(2, 'n1'); // it would have run at 3
    w.place(5, 'n2');
    const m = w.finish();
    expect(m.convergence[1]).toMatchObject({ kind: 'crash', convergence: 5, censored: false, tasksLost: 1 });
    expect(m.latency.find((r) => r.metric === 'scheduling' && r.group === 'cause:replacement')?.quantiles).toMatchObject({ count: 1, min: 3 });
  });
});
