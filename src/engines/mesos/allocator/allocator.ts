import { isZero, minResources, NO_RESOURCES, type Resources, subtractResources } from '../../../cluster/resources.js';
import { addTime, type SimDuration, type SimTime } from '../../../sim/time.js';
import { AgentTable } from './agent-table.js';
import { addInPlace, AgentFramework, agentFramework, type AgentState, allocatable, copyOf, findAgentFramework, forgetFramework, type FrameworkState, hasAllocatable, hold, holdingsInOrder, newAgentState, recordsOf, release, subtractInPlace, type Tally } from './allocator-state.js';
import { type AgentHandle, type AllocatedOffer, type AllocatorConfig, type AllocatorHost } from './allocator-types.js';
import { fairCap, roleCap, surplusHeadroom } from './allocator-quota.js';
import { CycleSchedule } from './cycle-schedule.js';
import { OfferDecisions } from './offer-decisions.js';
import { clampNonNegative } from './quota.js';
import { addFilter, filteredUntil, RefuseFilters } from './refuse-filters.js';
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
  /** Fair-share mode: demand not yet covered by offers of the current cycle. */
  private readonly remainingDemand = new Map<string, Resources>();
  /** Cycles run so far (for tests and counters). */
  cycles = 0;
  /** Bumped by every change that may let a framework be offered an agent it was not (see `allocateAgent`). */
  private epoch = 0;
  /** Stamps of holdings (see AgentFramework.since). */
  private holdings = 0;
  private readonly table = new AgentTable();
  /** Reused buffer: the cycle's agents (slots). */
  private readonly cycleAgents: number[] = [];
  /** The offers `allocateAgent` decided for its agent (reused from agent to agent). */
  private readonly decisions = new OfferDecisions();
  /** The framework `framework()` found last (forgotten when one is removed). */
  private lastFramework: FrameworkState | undefined;
  /** `recordOn`, bound once (the decisions record through it). */
  private readonly record = (f: FrameworkState, a: AgentState, resources: Resources): AgentFramework => this.recordOn(f, a, resources);

  constructor(
    private readonly config: AllocatorConfig,
    private readonly host: AllocatorHost,
  ) {
    this.quotaRoles = Object.keys(config.quota);
    this.hasGuarantees = this.quotaRoles.some((r) => config.quota[r]?.guarantee !== undefined);
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
    this.roleSorter.removeAgent(name, a.total);
    for (const s of this.frameworkSorters.all()) s.removeAgent(name, a.total);
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
    this.frameworks.set(id, { id, role, sorter: s, connected: true, suppressed: false, demand: undefined, filterGeneration: this.filters.generationOf(id), removed: false });
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
    // Nobody to offer to (every framework suppressed or disconnected): the cycle would offer nothing.
    let anyActive = false;
    for (const f of this.frameworks.values()) if (f.connected && !f.suppressed) anyActive = true;
    if (!anyActive) return;
    const agents = this.cycleAgents;
    agents.length = 0;
    const source = candidates === 'all' ? this.table.order : [...candidates].map((n) => this.agents.get(n)?.slot).filter((slot) => slot !== undefined);
    const min = this.config.minAllocatable;
    const now = this.host.now();
    // In the plain setting (see `allocateAgent`), agents quiet now are marked (as ~slot) while the
    // candidates are collected: nothing in the cycle changes their marks before their turn (their
    // own allocation, the epoch and the time stay), and the shuffle's draws depend on the count only.
    const plain = this.host.explain === undefined && this.quotaRoles.length === 0 && this.config.offerMode === 'whole-agent';
    this.table.candidates(source, min, (a) => hasAllocatable(min, a), (a) => this.host.eligible?.(a.name) ?? true, agents, plain ? this.epoch : -1, now);
    if (agents.length === 0) return;
    const out = new Map<string, AllocatedOffer[]>();
    this.remainingDemand.clear();
    for (const f of this.frameworks.values()) if (f.demand !== undefined) this.remainingDemand.set(f.id, f.demand);
    if (this.hasGuarantees) {
      this.host.rng.shuffle(agents);
      for (const a of agents) this.allocateAgent(a, out, 'quota-guarantee', now);
    }
    this.host.rng.shuffle(agents);
    for (const a of agents) if (a >= 0) this.allocateAgent(a, out, 'fair-sharing', now);
    agents.length = 0;
    for (const [framework, offers] of out) this.host.offers(framework, offers);
  }

  /**
   * Offers one agent to the roles and frameworks in DRF order. In the plain setting (whole-agent
   * offers, no quota, no explanations) every framework is offered the agent's whole free vector, so
   * when none takes it (each is held back by a refuse filter) the same happens again until the
   * agent's allocation changes, the set of eligible frameworks or their filters change (`epoch`), or
   * one of those filters expires: the agent is marked quiet until then and skipped meanwhile.
   * `epoch` moves with frameworks added, removed, (de)activated, suppressed or revived, filters
   * cleared, weights and demands.
   */
  private allocateAgent(slot: number, out: Map<string, AllocatedOffer[]>, stage: 'quota-guarantee' | 'fair-sharing', now: SimTime): void {
    const explaining = this.host.explain !== undefined;
    const plain = !explaining && stage === 'fair-sharing' && this.quotaRoles.length === 0 && this.config.offerMode === 'whole-agent';
    if (plain && this.table.isQuiet(slot, this.epoch, now)) return;
    const a = this.table.states[slot] as AgentState;
    let available = this.table.freeVector(slot) ?? subtractResources(a.total, a.allocated);
    if (!this.allocatable(available)) return;
    let quietUntil = Number.POSITIVE_INFINITY;
    const decided = this.decisions;
    decided.begin(explaining);
    const order = decided.order;
    const skipped = decided.skipped;
    const headroom = this.hasGuarantees && stage === 'fair-sharing' ? surplusHeadroom(this.agents.values(), this.quotaRoles, this.config.quota, this.roleSorter) : undefined;
    // Nothing below changes a sorter (allocations are recorded after the walk), as walks require.
    this.roleSorter.beginWalk();
    for (let role = this.roleSorter.nextClient(); role !== undefined; role = this.roleSorter.nextClient()) {
      if (!this.allocatable(available)) break;
      if (explaining) order.push({ kind: 'role', name: role, share: this.roleSorter.shareOf(role) });
      // No quota configured (the usual case): no lookup by role name per agent.
      const quota = this.quotaRoles.length === 0 ? undefined : this.config.quota[role];
      // Without quota or headroom there is no cap (and no closure to make for every agent and role).
      const noCap = stage === 'quota-guarantee' ? 'skip' : undefined;
      const cap =
        quota === undefined && headroom === undefined
          ? noCap
          : roleCap(stage, quota, headroom, () => decided.consumedBy(role, this.roleSorter.allocationTotal(role)));
      if (cap === 'skip') continue;
      let roleLeft = cap;
      const sorter = this.frameworkSorter(role);
      sorter.beginWalk();
      for (let fw = sorter.nextClient(); fw !== undefined; fw = sorter.nextClient()) {
        if (!this.allocatable(available)) break;
        if (explaining) order.push({ kind: 'framework', name: fw, share: sorter.shareOf(fw) });
        let toOffer = available;
        if (roleLeft !== undefined) toOffer = minResources(toOffer, roleLeft);
        if (this.config.offerMode === 'fair-share') toOffer = minResources(toOffer, fairCap(this.remainingDemand.get(fw), this.frameworks.values(), this.roleSorter, sorter, fw, role));
        if (!this.allocatable(toOffer)) {
          if (explaining) skipped.push({ framework: fw, why: roleLeft !== undefined ? 'quota' : this.config.offerMode === 'fair-share' ? 'no-demand' : 'min-allocatable' });
          continue;
        }
        const f = this.framework(fw);
        const on = findAgentFramework(a, f);
        const until = on === undefined ? undefined : filteredUntil(f.filterGeneration.value, on, toOffer, now);
        if (until !== undefined) {
          if (explaining) skipped.push({ framework: fw, why: 'filtered' });
          if (until < quietUntil) quietUntil = until;
          continue;
        }
        decided.add(f, role, toOffer, explaining);
        // The whole free vector offered (whole-agent offers) leaves zero: the shared zero vector, not a new one.
        available = toOffer === available && available.ext === undefined ? NO_RESOURCES : clampNonNegative(subtractResources(available, toOffer));
        if (roleLeft !== undefined) roleLeft = clampNonNegative(subtractResources(roleLeft, toOffer));
      }
    }
    if (decided.count === 0) {
      if (plain) this.table.markQuiet(slot, this.epoch, quietUntil);
      return;
    }
    decided.deliver(a, stage, out, this.remainingDemand, this.record, this.host);
  }

  private allocatable(r: Resources): boolean {
    return allocatable(this.config.minAllocatable, r);
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
