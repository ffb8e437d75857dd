import { isZero, NO_RESOURCES, type Resources, subtractResources } from '../../../cluster/resources.js';
import { addTime, type SimDuration } from '../../../sim/time.js';
import { AgentTable } from './agent-table.js';
import { AllocationCycle } from './allocation-cycle.js';
import {
  addInPlace,
  AgentFramework,
  agentFramework,
  type AgentState,
  copyOf,
  findAgentFramework,
  forgetFramework,
  type FrameworkState,
  hold,
  holdingsInOrder,
  newAgentState,
  recordsOf,
  release,
  subtractInPlace,
  type Tally,
} from './allocator-state.js';
import { type AgentHandle, type AllocatorConfig, type AllocatorHost } from './allocator-types.js';
import { CycleSchedule } from './cycle-schedule.js';
import { addFilter, RefuseFilters } from './refuse-filters.js';
import { RoleSorters } from './role-sorters.js';
import { DrfSorter } from '../sorter/drf-sorter.js';

export type { AgentHandle, AllocatedOffer, AllocatorConfig, AllocatorHost, DrfStep, OfferExplanation, SkipReason } from './allocator-types.js';

/**
 * Mesos's hierarchical DRF allocator (src/master/allocator/mesos/hierarchical.cpp): a role sorter,
 * one framework sorter per role, periodic cycles every allocation_interval plus event-triggered
 * cycles batched into one queued cycle, agents in seeded random order, refuse filters with the
 * subset rule, suppress/revive, optional quota (guarantees with the headroom rule, and limits).
 * No cycle runs on resource recovery (MESOS-3078).
 */
export class HierarchicalAllocator {
  private readonly agents = new Map<string, AgentState>();
  private readonly frameworks = new Map<string, FrameworkState>();
  /** Role shares only: nothing asks a role what it holds per agent, so the role sorter does not track it. */
  private readonly roleSorter = new DrfSorter({ trackAgents: false });
  private readonly frameworkSorters = new RoleSorters();
  private readonly filters = new RefuseFilters();
  private readonly schedule: CycleSchedule;
  private readonly quotaRoles: readonly string[];
  private readonly hasGuarantees: boolean;
  /** Cycles run so far (for tests and counters). */
  cycles = 0;
  /** Bumped by every change that may let a framework be offered an agent it was not (see `AllocationCycle`). */
  private epoch = 0;
  /** Stamps of holdings (see AgentFramework.since). */
  private holdings = 0;
  private readonly table = new AgentTable();
  /** The framework `framework()` found last (forgotten when one is removed). */
  private lastFramework: FrameworkState | undefined;
  /** The cycle's DRF walk over agents, reading and recording through this allocator's state. */
  private readonly cycle: AllocationCycle;

  constructor(
    private readonly config: AllocatorConfig,
    private readonly host: AllocatorHost,
  ) {
    this.quotaRoles = Object.keys(config.quota);
    this.hasGuarantees = this.quotaRoles.some((r) => config.quota[r]?.guarantee !== undefined);
    this.cycle = new AllocationCycle({
      config,
      host,
      agents: this.agents,
      frameworks: this.frameworks,
      roleSorter: this.roleSorter,
      table: this.table,
      quotaRoles: this.quotaRoles,
      hasGuarantees: this.hasGuarantees,
      frameworkSorter: (role) => this.frameworkSorter(role),
      framework: (id) => this.framework(id),
      record: (f, a, resources) => this.recordOn(f, a, resources),
      epoch: () => this.epoch,
    });
    this.schedule = new CycleSchedule(host, config.allocationInterval, (candidates) => this.runCycle(candidates));
  }

  /** Starts the periodic loop: a cycle every allocation_interval. */
  start(): void {
    this.schedule.start();
  }

  /**
   * An agent joins with its total and what is already in use on it, per framework (re-registration).
   * `handle`, if given, comes back with the agent's offers, and its `eligible()` replaces
   * `host.eligible(name)` for this agent (saving a lookup by name per agent per cycle).
   */
  addAgent(name: string, total: Resources, used: readonly { framework: string; resources: Resources }[] = [], handle?: AgentHandle): void {
    if (this.agents.has(name)) throw new Error(`allocator: agent ${name} already added`);
    const a = newAgentState(name, total, handle);
    this.agents.set(name, a);
    a.slot = this.table.add(a, handle === undefined ? -1 : handle.eligible() ? 1 : 0);
    this.roleSorter.addAgent(name, total);
    for (const s of this.frameworkSorters.all()) s.addAgent(name, total);
    for (const u of used) {
      const f = this.frameworks.get(u.framework);
      if (f !== undefined) this.recordOn(f, a, u.resources);
    }
    this.trigger([name]);
  }

  /** An agent leaves: its allocations are dropped (the master rescinds offers and reports tasks). */
  removeAgent(name: string): void {
    const a = this.agents.get(name);
    if (a === undefined) return;
    for (const f of this.frameworks.values()) {
      const held = findAgentFramework(a, f)?.held;
      if (held !== undefined) this.unrecordOn(f, a, copyOf(held));
    }
    this.roleSorter.removeAgent(name);
    for (const s of this.frameworkSorters.all()) s.removeAgent(name);
    this.agents.delete(name);
    this.table.remove(a.slot);
    a.removed = true;
    this.epoch++;
  }

  /** Disconnected agents get no offers until reactivated. */
  setAgentActive(name: string, active: boolean): void {
    const a = this.agents.get(name);
    if (a === undefined || a.active === active) return;
    a.active = active;
    this.table.setActive(a.slot, active);
    if (active) this.trigger([name]);
  }

  /** The host's handle of the agent may have changed its answer to `eligible()`: reads it again. */
  eligibilityChanged(name: string): void {
    const a = this.agents.get(name);
    if (a?.handle !== undefined) this.table.setEligible(a.slot, a.handle.eligible() ? 1 : 0);
  }

  hasAgent(name: string): boolean {
    return this.agents.has(name);
  }

  /** A framework subscribes with a role; triggers a cycle over all agents. */
  addFramework(id: string, role: string): void {
    if (this.frameworks.has(id)) throw new Error(`allocator: framework ${id} already added`);
    if (!this.roleSorter.contains(role)) {
      this.roleSorter.add(role);
      this.roleSorter.activate(role);
    }
    const s = this.frameworkSorter(role);
    this.frameworks.set(id, {
      id,
      role,
      sorter: s,
      connected: true,
      suppressed: false,
      demand: undefined,
      filterGeneration: this.filters.generationOf(id),
      removed: false,
    });
    this.epoch++;
    s.add(id);
    s.activate(id);
    this.trigger('all');
  }

  /** A framework is gone for good (failover timeout): its allocations must have been recovered. */
  removeFramework(id: string): void {
    const f = this.framework(id);
    const s = this.frameworkSorter(f.role);
    for (const e of holdingsInOrder(this.agents.values(), f)) this.unrecordOn(f, e.agent, copyOf(e.held as Tally), e);
    forgetFramework(this.agents.values(), f);
    s.remove(id);
    this.filters.clear(id);
    this.frameworks.delete(id);
    f.removed = true;
    this.lastFramework = undefined;
    this.epoch++;
  }

  /** Scheduler disconnected: no offers, filters cleared (Mesos deactivateFramework). */
  deactivateFramework(id: string): void {
    const f = this.framework(id);
    f.connected = false;
    this.filters.clear(id);
    this.epoch++;
    this.frameworkSorter(f.role).deactivate(id);
  }

  /** Scheduler re-registered: eligible again; triggers a cycle over all agents. */
  activateFramework(id: string): void {
    const f = this.framework(id);
    f.connected = true;
    // A re-subscription starts unsuppressed (SUBSCRIBE names no suppressed roles here).
    f.suppressed = false;
    this.frameworkSorter(f.role).activate(id);
    this.epoch++;
    this.trigger('all');
  }

  /** SUPPRESS: no offers; the allocation still counts. */
  suppress(id: string): void {
    const f = this.framework(id);
    f.suppressed = true;
    this.frameworkSorter(f.role).deactivate(id);
    this.epoch++;
  }

  /** REVIVE: clears all filters of the framework, re-activates it and triggers a cycle at once. */
  revive(id: string): void {
    const f = this.framework(id);
    f.suppressed = false;
    this.filters.clear(id);
    if (f.connected) this.frameworkSorter(f.role).activate(id);
    this.epoch++;
    this.trigger('all');
  }

  /** Fair-share mode: what the framework wants now (undefined = unknown, use its fair share). */
  setDemand(id: string, demand: Resources | undefined): void {
    this.framework(id).demand = demand;
    this.epoch++;
  }

  /** Weighted roles (`/weights`): no cycle, no rescind in the allocator (as in Mesos). */
  updateWeight(role: string, weight: number): void {
    this.roleSorter.updateWeight(role, weight);
    this.epoch++;
  }

  /**
   * Resources come back (decline, unused part of an accept, task end, rescind). With a positive
   * `refuse`, a filter of max(allocation_interval, refuse) (capped) is installed. No cycle runs.
   */
  recoverResources(framework: string, agent: string, resources: Resources, refuse?: SimDuration, token?: object): void {
    if (isZero(resources)) return;
    // The token of the offer (AllocatedOffer.token) is the record of the framework on the agent, if
    // both are still known: checked, as the agent may have left (and come back) since. A framework
    // or agent state not removed is the one `frameworks` or `agents` has under its name (names are
    // unique there), which saves the lookups by name for every offer answered.
    const known = token instanceof AgentFramework && !token.framework.removed && token.framework.id === framework && !token.agent.removed ? token : undefined;
    const f = known !== undefined ? known.framework : this.frameworks.get(framework);
    const a = known !== undefined ? known.agent : this.agents.get(agent);
    if (a === undefined || f === undefined) return;
    const e = this.unrecordOn(f, a, resources, known);
    if (refuse !== undefined && refuse > 0) {
      const d = Math.min(Math.max(this.config.allocationInterval, refuse), this.config.maxRefuse) as SimDuration;
      addFilter(f.filterGeneration.value, e, resources, addTime(this.host.now(), d));
    }
  }

  /** Resources in use that the allocator did not offer (tasks of a re-registering agent). */
  recordUsed(framework: string, agent: string, resources: Resources): void {
    const a = this.agents.get(agent);
    const f = this.frameworks.get(framework);
    if (a !== undefined && f !== undefined) this.recordOn(f, a, resources);
  }

  /** Free (neither offered nor used) resources of an agent, as the allocator sees them. */
  free(agent: string): Resources {
    const a = this.agents.get(agent);
    return a === undefined ? NO_RESOURCES : subtractResources(a.total, a.allocated);
  }

  /** A framework's dominant share within the cluster (for explanations and reports). */
  shareOf(framework: string): number {
    const f = this.framework(framework);
    return this.frameworkSorter(f.role).shareOf(framework);
  }

  /** Live refuse filters of a framework. */
  filterCount(framework: string): number {
    const f = this.frameworks.get(framework);
    return f === undefined ? 0 : this.filters.count(framework, recordsOf(this.agents.values(), f), this.host.now());
  }

  /**
   * Queues a cycle for these agents (or all) now; a trigger that arrives while one is queued only
   * adds its agents to the queued cycle (MESOS-6904).
   */
  trigger(agents: readonly string[] | 'all'): void {
    this.schedule.trigger(agents);
  }

  /** One allocation cycle (`__generateOffers`) over the candidate agents. */
  runCycle(candidates: ReadonlySet<string> | 'all'): void {
    this.cycles++;
    this.cycle.run(candidates);
  }

  /** Records an allocation; returns the record of the framework on the agent. */
  private recordOn(f: FrameworkState, a: AgentState, resources: Resources): AgentFramework {
    a.allocated = addInPlace(a.allocated, resources);
    this.table.allocationChanged(a.slot);
    this.roleSorter.allocated(f.role, a.name, resources);
    f.sorter.allocated(f.id, a.name, resources);
    const e = agentFramework(a, f);
    hold(e, resources, ++this.holdings);
    return e;
  }

  /** Takes an allocation back; returns the record of the framework on the agent (`known`, when given). */
  private unrecordOn(f: FrameworkState, a: AgentState, resources: Resources, known?: AgentFramework): AgentFramework {
    const e = known ?? findAgentFramework(a, f);
    if (e?.held === undefined) throw new Error(`allocator: ${f.id} holds nothing on ${a.name}`);
    a.allocated = subtractInPlace(a.allocated, resources);
    this.table.allocationChanged(a.slot);
    this.roleSorter.unallocated(f.role, a.name, resources);
    f.sorter.unallocated(f.id, a.name, resources);
    release(e, resources);
    return e;
  }

  private framework(id: string): FrameworkState {
    // One framework after another per agent: the last one found is likely asked for again.
    const last = this.lastFramework;
    if (last !== undefined && last.id === id) return last;
    const f = this.frameworks.get(id);
    if (f === undefined) throw new Error(`allocator: unknown framework ${id}`);
    this.lastFramework = f;
    return f;
  }

  private frameworkSorter(role: string): DrfSorter {
    return this.frameworkSorters.of(role, this.agents);
  }
}
