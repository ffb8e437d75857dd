import { describe, expect, it } from 'vitest';
import { fitsWithin, resources, type Resources, scaleResources, subtractResources } from '../../../../src/cluster/resources.js';
import { type AllocatedOffer, HierarchicalAllocator } from '../../../../src/engines/mesos/allocator/allocator.js';
import { defaultMesosOptions, type MesosOptions } from '../../../../src/engines/mesos/options.js';
import { duration } from '../../../../src/sim/duration.js';
import { Rng } from '../../../../src/sim/rng.js';
import { Simulator } from '../../../../src/sim/simulator.js';
import { type SimTime } from '../../../../src/sim/time.js';

const GiB = 2 ** 30;
const r = (cpus: number, memGiB: number) => resources({ cpu: cpus * 1000, memory: memGiB * GiB });

interface Made extends AllocatedOffer {
  readonly time: number;
  readonly framework: string;
}

function setup(overrides: Partial<MesosOptions> = {}) {
  const sim = new Simulator();
  const made: Made[] = [];
  const options = { ...defaultMesosOptions(), ...overrides };
  const allocator = new HierarchicalAllocator(options, {
    now: () => sim.now(),
    after: (d, fn) => sim.after(d, fn),
    rng: Rng.root(1).split('allocator'),
    offers: (framework, list) => {
      for (const o of list) made.push({ ...o, framework, time: sim.now() / 1e6 });
    },
  });
  const runTo = (s: number) => void sim.run(Math.round(s * 1e6) as SimTime);
  const at = (s: number, fn: () => void) => sim.after(Math.round(s * 1e6 - sim.now()) as SimTime, fn);
  return { sim, made, allocator, runTo, at };
}

describe('HierarchicalAllocator: whole-agent offers', () => {
  it('offers each agent’s whole free pool to the first framework in DRF order, counting the offer at once', () => {
    const { allocator, made } = setup();
    allocator.addAgent('agent-1', r(8, 32));
    allocator.addAgent('agent-2', r(8, 32));
    allocator.addFramework('fw-a', 'role-a');
    allocator.addFramework('fw-b', 'role-b');
    allocator.runCycle('all');
    expect(made).toHaveLength(2);
    expect(made.map((o) => o.resources)).toEqual([r(8, 32), r(8, 32)]);
    // the first agent visited goes to fw-a (tie → path), then fw-a's offer raises its share, so the second goes to fw-b
    expect(new Set(made.map((o) => o.framework))).toEqual(new Set(['fw-a', 'fw-b']));
    expect(made[0]?.framework).toBe('fw-a');
  });

  it('does not offer an agent whose free resources fail min_allocatable_resources (cpus:0.01|mem:32)', () => {
    const { allocator, made } = setup();
    allocator.addAgent('small', resources({ cpu: 5, memory: 16 * 2 ** 20 }));
    allocator.addAgent('mem-only', resources({ cpu: 0, memory: 32 * 2 ** 20 }));
    allocator.addFramework('fw', 'role');
    allocator.runCycle('all');
    expect(made.map((o) => o.agent)).toEqual(['mem-only']);
  });

  it('batches event-triggered cycles into one queued cycle and runs none on resource recovery', () => {
    const { allocator, runTo } = setup();
    allocator.addAgent('agent-1', r(4, 4)); // trigger 1
    allocator.addAgent('agent-2', r(4, 4)); // trigger 2: joins the queued cycle
    allocator.addFramework('fw', 'role'); // trigger 3: joins too
    runTo(0);
    expect(allocator.cycles).toBe(1);
    allocator.recoverResources('fw', 'agent-1', r(4, 4));
    runTo(0.5);
    expect(allocator.cycles).toBe(1);
  });

  it('runs a periodic cycle every allocation_interval', () => {
    const { allocator, runTo } = setup();
    allocator.start();
    runTo(10);
    expect(allocator.cycles).toBe(10);
  });
});

describe('HierarchicalAllocator: refuse filters', () => {
  it('does not re-offer a declined agent to the same framework before the filter expires, but offers it to others at the next cycle', () => {
    const { allocator, made, runTo, at } = setup();
    allocator.start();
    allocator.addFramework('fw-a', 'role-a');
    allocator.addFramework('fw-b', 'role-b');
    // Arrange: fw-b runs tasks filling another agent, so fw-a ranks first for agent-1.
    allocator.addAgent('busy', r(4, 16));
    allocator.recordUsed('fw-b', 'busy', r(4, 16));
    allocator.addAgent('agent-1', r(4, 16));
    runTo(0);
    expect(made.map((o) => `${o.agent}:${o.framework}`)).toEqual(['agent-1:fw-a']);
    made.length = 0;
    // fw-a declines agent-1 at 0.5 s with refuse_seconds 5 → filtered until 5.5 s; fw-b declines everything with no filter.
    at(0.5, () => allocator.recoverResources('fw-a', 'agent-1', r(4, 16), duration('5s')));
    for (let s = 1.5; s < 8; s += 1)
      at(s, () => {
        for (const o of made.filter((m) => m.framework === 'fw-b' && m.time === s - 0.5)) allocator.recoverResources('fw-b', o.agent, o.resources);
      });
    runTo(7.2);
    const recipients = made.filter((o) => o.agent === 'agent-1').map((o) => `${o.time}:${o.framework}`);
    expect(recipients.slice(0, 5)).toEqual(['1:fw-b', '2:fw-b', '3:fw-b', '4:fw-b', '5:fw-b']);
    expect(recipients).toContain('6:fw-a');
  });

  it('lets more free resources through the filter (the subset rule)', () => {
    const { allocator, made } = setup();
    allocator.addAgent('agent-1', r(8, 32));
    allocator.addFramework('fw-a', 'role-a');
    allocator.addFramework('fw-b', 'role-b');
    allocator.recordUsed('fw-b', 'agent-1', r(4, 16)); // fw-b runs a task
    allocator.runCycle('all');
    expect(made.pop()).toMatchObject({ framework: 'fw-a', resources: r(4, 16) });
    allocator.recoverResources('fw-a', 'agent-1', r(4, 16), duration('1h'));
    allocator.runCycle('all');
    expect(made.pop()?.framework).toBe('fw-b'); // fw-a is filtered, fw-b takes the offer
    allocator.recoverResources('fw-b', 'agent-1', r(4, 16)); // declined without filter
    allocator.recoverResources('fw-b', 'agent-1', r(4, 16)); // and fw-b's task ended: 8 cpus free now
    allocator.runCycle('all');
    expect(made.pop()).toMatchObject({ framework: 'fw-a', resources: r(8, 32) });
  });

  it('caps filters at max(allocation_interval, refuse) and installs none for refuse 0', () => {
    const { allocator, made } = setup({ allocationInterval: duration('10s') });
    allocator.addAgent('agent-1', r(1, 1));
    allocator.addFramework('fw', 'role');
    allocator.recoverResources('fw', 'agent-1', r(0, 0), duration('1s'));
    allocator.runCycle('all');
    allocator.recoverResources('fw', 'agent-1', r(1, 1), duration('0s'));
    expect(allocator.filterCount('fw')).toBe(0);
    allocator.runCycle('all');
    allocator.recoverResources('fw', 'agent-1', r(1, 1), duration('1s'));
    expect(allocator.filterCount('fw')).toBe(1);
    expect(made).toHaveLength(2);
  });
});

describe('HierarchicalAllocator: agents every framework filters', () => {
  it('skips an agent while all its frameworks filter it and offers it at the first cycle after the earliest filter ends', () => {
    const { allocator, made, runTo, at } = setup();
    allocator.start();
    allocator.addAgent('agent-1', r(4, 4));
    allocator.addFramework('fw-a', 'role-a');
    allocator.addFramework('fw-b', 'role-b');
    runTo(0);
    at(0.5, () => allocator.recoverResources('fw-a', 'agent-1', r(4, 4), duration('5s')));
    at(1.5, () => allocator.recoverResources('fw-b', 'agent-1', r(4, 4), duration('2s')));
    runTo(4.2);
    expect(made.map((o) => `${o.time}:${o.framework}`)).toEqual(['0:fw-a', '1:fw-b', '4:fw-b']);
  });

  it('reads an agent handle’s eligibility when told that it changed', () => {
    const { allocator, made } = setup();
    let open = false;
    allocator.addAgent('agent-1', r(4, 4), [], { eligible: () => open });
    allocator.addFramework('fw', 'role');
    allocator.runCycle('all');
    open = true;
    allocator.runCycle('all');
    expect(made).toHaveLength(0);
    allocator.eligibilityChanged('agent-1');
    allocator.runCycle('all');
    expect(made.map((o) => o.agent)).toEqual(['agent-1']);
  });
});

describe('HierarchicalAllocator: suppress and revive', () => {
  it('sends no offers to a suppressed framework; REVIVE clears its filters and triggers a cycle at once', () => {
    const { allocator, made, runTo, at } = setup();
    allocator.addAgent('agent-1', r(4, 4));
    allocator.addFramework('fw', 'role');
    runTo(0);
    expect(made).toHaveLength(1);
    allocator.recoverResources('fw', 'agent-1', r(4, 4), duration('1h'));
    allocator.suppress('fw');
    allocator.start();
    runTo(3);
    expect(made).toHaveLength(1);
    at(3.25, () => allocator.revive('fw'));
    runTo(3.25);
    expect(made.map((o) => o.time)).toEqual([0, 3.25]);
  });
});

describe('HierarchicalAllocator: quota', () => {
  it('chops an offer to the role’s limit and offers the rest to the next framework', () => {
    const { allocator, made } = setup({ quota: { capped: { limit: r(2, 100) } } });
    allocator.addAgent('agent-1', r(8, 32));
    allocator.addFramework('fw-capped', 'capped');
    allocator.addFramework('fw-free', 'free');
    allocator.runCycle('all');
    expect(made).toEqual([
      expect.objectContaining({ framework: 'fw-capped', resources: r(2, 32) }),
      expect.objectContaining({ framework: 'fw-free', resources: r(6, 0) }),
    ]);
  });

  it('holds back headroom for an unsatisfied guarantee', () => {
    const { allocator, made } = setup({ quota: { guaranteed: { guarantee: resources({ cpu: 4000 }) } } });
    allocator.addAgent('agent-1', r(4, 16));
    allocator.addAgent('agent-2', r(4, 16));
    allocator.addFramework('fw-g', 'guaranteed');
    allocator.suppress('fw-g'); // no demand now, but its guarantee must stay available
    allocator.addFramework('fw-o', 'other');
    allocator.runCycle('all');
    const cpus = made.filter((o) => o.framework === 'fw-o').reduce((s, o) => s + o.resources.cpu, 0);
    expect(cpus).toBe(4000);
  });
});

/**
 * The DRF paper's example (Ghodsi et al., NSDI 2011): 9 CPUs and 18 GB; A's tasks need ⟨1 CPU, 4 GB⟩,
 * B's ⟨3 CPU, 1 GB⟩. Progressive filling gives A 3 tasks and B 2 (dominant shares 2/3 each).
 */
describe('the DRF paper example on one 9-CPU, 18-GB agent', () => {
  const demand: Record<string, Resources> = { A: r(1, 4), B: r(3, 1) };

  /**
   * Runs cycles; each framework launches up to `perOffer` tasks on each offer and returns the rest
   * unfiltered. In fair-share mode each asks for `backlog` tasks (its demand stays that: new tasks
   * keep coming).
   */
  function play(mode: 'whole-agent' | 'fair-share', perOffer: number, cycles: number, backlog = 1) {
    const { allocator, made } = setup({ offerMode: mode });
    allocator.addAgent('agent', r(9, 18));
    for (const fw of ['A', 'B']) {
      allocator.addFramework(fw, fw);
      if (mode === 'fair-share') allocator.setDemand(fw, scaleResources(demand[fw] as Resources, backlog));
    }
    const tasks: Record<string, number> = { A: 0, B: 0 };
    const history: string[] = [];
    for (let c = 0; c < cycles; c++) {
      made.length = 0;
      allocator.runCycle('all');
      for (const o of [...made]) {
        const d = demand[o.framework] as Resources;
        let n = 0;
        while (n < perOffer && fitsWithin(scaleResources(d, n + 1), o.resources)) n++;
        tasks[o.framework] = (tasks[o.framework] ?? 0) + n;
        allocator.recoverResources(o.framework, o.agent, subtractResources(o.resources, scaleResources(d, n)));
      }
      history.push(`${tasks.A}/${tasks.B}`);
    }
    return { tasks, history };
  }

  it('reaches 3 and 2 tasks with fair-share offers (each framework is offered what it asked for) in 3 cycles', () => {
    const { tasks, history } = play('fair-share', 1, 6);
    expect(tasks).toEqual({ A: 3, B: 2 });
    expect(history.slice(0, 3)).toEqual(['1/1', '2/2', '3/2']);
  });

  it('reaches 3 and 2 tasks with whole-agent offers when frameworks take one task per offer, one framework per cycle', () => {
    const { tasks, history } = play('whole-agent', 1, 8);
    expect(tasks).toEqual({ A: 3, B: 2 });
    expect(history.slice(0, 5)).toEqual(['1/0', '1/1', '2/1', '2/2', '3/2']);
  });

  /*
   * Fair-share offers stop at the DRF point, not at the demand: frameworks that ask for 100 tasks
   * each and take everything they are offered still end at 3 and 2 (before the cap followed
   * progressive filling, this gave 4 and 1, as whole-agent offers do).
   */
  it('reaches 3 and 2 tasks with fair-share offers even when both frameworks ask for far more and take all they can', () => {
    const { tasks, history } = play('fair-share', Number.POSITIVE_INFINITY, 4, 100);
    expect(tasks).toEqual({ A: 3, B: 2 });
    // Cycle 1: A is offered exactly its point ⟨3 CPU, 12 GB⟩, 3 tasks; B its point ⟨6 CPU, 2 GB⟩,
    // 2 tasks. Nothing moves after: each holds its place at the DRF point.
    expect(history).toEqual(['3/2', '3/2', '3/2', '3/2']);
  });

  it('lets the first framework hoard with whole-agent offers and greedy frameworks: 4 and 1 (not DRF)', () => {
    const { tasks } = play('whole-agent', Number.POSITIVE_INFINITY, 6);
    expect(tasks).toEqual({ A: 4, B: 1 });
  });
});
