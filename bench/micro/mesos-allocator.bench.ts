import { type Bench } from 'tinybench';
import { resources, type Resources } from '../../src/cluster/resources.js';
import { type AllocatedOffer, HierarchicalAllocator } from '../../src/engines/mesos/allocator/allocator.js';
import { defaultMesosOptions } from '../../src/engines/mesos/options.js';
import { DrfSorter } from '../../src/engines/mesos/sorter/drf-sorter.js';
import { type TimerHandle } from '../../src/sim/event-queue.js';
import { Rng } from '../../src/sim/rng.js';
import { type SimTime } from '../../src/sim/time.js';

/**
 * Mesos allocator micro-benchmarks, sized like Mesos's own HierarchicalAllocator_BENCHMARK_Test
 * DeclineOffers/21: 10,000 agents of cpus:24;mem:4096 and 1,000 frameworks (Mesos 1.7.1 took
 * 1.06 s per allocation round there, commit 86653356d). Our goal is ≤ 100 ms per cycle.
 */

const MiB = 2 ** 20;
const AGENT: Resources = resources({ cpu: 24_000, memory: 4096 * MiB });

interface Fixture {
  readonly allocator: HierarchicalAllocator;
  readonly made: { framework: string; offer: AllocatedOffer }[];
  /** Declines every offer of the last cycle; with `refuseMicros` > 0 a filter is installed. */
  recover(refuseMicros: number): void;
}

/** An allocator with `agents` agents and `frameworks` frameworks spread round-robin over `roles` roles. */
export function allocatorFixture(agents: number, frameworks: number, roles: number): Fixture {
  let clock = 0;
  const made: { framework: string; offer: AllocatedOffer }[] = [];
  const allocator = new HierarchicalAllocator(defaultMesosOptions(), {
    now: () => clock as SimTime,
    after: () => 0 as TimerHandle, // cycles are run by hand
    rng: Rng.root(1).split('bench'),
    offers: (framework, list) => {
      for (const offer of list) made.push({ framework, offer });
    },
  });
  for (let f = 0; f < frameworks; f++) allocator.addFramework(`fw-${f}`, `role-${f % roles}`);
  for (let a = 0; a < agents; a++) allocator.addAgent(`agent-${a}`, AGENT);
  return {
    allocator,
    made,
    recover(refuseMicros) {
      for (const m of made) allocator.recoverResources(m.framework, m.offer.agent, m.offer.resources, refuseMicros > 0 ? (refuseMicros as SimTime) : undefined);
      made.length = 0;
      clock += 1_000_000;
    },
  };
}

/** A sorter with `clients` active clients and `agents` agents, every client holding something. */
export function sorterFixture(agents: number, clients: number): DrfSorter {
  const s = new DrfSorter();
  for (let a = 0; a < agents; a++) s.addAgent(`agent-${a}`, AGENT);
  for (let c = 0; c < clients; c++) {
    s.add(`fw-${c}`);
    s.activate(`fw-${c}`);
    s.allocated(`fw-${c}`, `agent-${c % agents}`, resources({ cpu: 1000 * (1 + (c % 7)), memory: 256 * MiB * (1 + (c % 5)) }));
  }
  return s;
}

export function register(bench: Bench): void {
  const oneRole = allocatorFixture(10_000, 1_000, 1);
  bench.add('mesos allocator: one cycle, 10,000 agents × 1,000 frameworks (1 role)', () => oneRole.allocator.runCycle('all'), {
    afterEach: () => oneRole.recover(0),
  });

  const manyRoles = allocatorFixture(10_000, 1_000, 1_000);
  bench.add('mesos allocator: one cycle, 10,000 agents × 1,000 frameworks (1,000 roles)', () => manyRoles.allocator.runCycle('all'), {
    afterEach: () => manyRoles.recover(0),
  });

  // DeclineOffers-like: every framework declines everything with a long filter, so each round has to
  // skip more filtered frameworks per agent (filters accumulate over the first rounds).
  const declining = allocatorFixture(10_000, 1_000, 1);
  bench.add('mesos allocator: one cycle, 10,000 agents × 1,000 frameworks, all offers declined with filters', () => declining.allocator.runCycle('all'), {
    afterEach: () => declining.recover(3_600_000_000),
  });

  const sorter = sorterFixture(10_000, 1_000);
  bench.add('drf sorter: sort() of 1,000 clients (10,000 agents)', () => {
    sorter.updateWeight('fw-0', 1); // marks the tree dirty: a full re-sort every time
    sorter.sort();
  });
  let n = 0;
  bench.add('drf sorter: allocated() + unallocated() of one client among 1,000', () => {
    const c = `fw-${n++ % 1000}`;
    sorter.allocated(c, 'agent-1', AGENT);
    sorter.unallocated(c, 'agent-1', AGENT);
  });
}
