import { addResources, fitsWithin, isZero, minResources, NO_RESOURCES, type Resources, subtractResources } from '../../cluster/resources.js';
import { addTime, type SimDuration } from '../../sim/time.js';
import { type AllocatedOffer, type AllocatorConfig, type AllocatorHost, type SkipReason } from './allocator-types.js';
import { clampNonNegative, quotaRoom, unsatisfied } from './quota.js';
import { RefuseFilters } from './refuse-filters.js';
import { DrfSorter } from './sorter/drf-sorter.js';

/** A shared empty list for explanation fields when explanations are off (never written to). */
const NONE: never[] = [];

interface AgentState {
  readonly name: string;
  total: Resources;
  /** Offered or in use, all frameworks. */
  allocated: Resources;
  active: boolean;
}

interface FrameworkState {
  readonly id: string;
  readonly role: string;
  connected: boolean;
  suppressed: boolean;
  /** Fair-share mode: what the framework asked for (undefined: it said nothing). */
  demand: Resources | undefined;
}

export type { AllocatedOffer, AllocatorConfig, AllocatorHost, OfferExplanation, SkipReason } from './allocator-types.js';

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
  private readonly roleSorter = new DrfSorter();
  private readonly frameworkSorters = new Map<string, DrfSorter>();
  private readonly filters = new RefuseFilters();
  private queued: Set<string> | 'all' | undefined;
  private readonly quotaRoles: readonly string[];
  private readonly hasGuarantees: boolean;
  /** Fair-share mode: demand not yet covered by offers of the current cycle. */
  private readonly remainingDemand = new Map<string, Resources>();
  /** Cycles run so far (for tests and counters). */
  cycles = 0;

  constructor(
    private readonly config: AllocatorConfig,
    private readonly host: AllocatorHost,
  ) {
    this.quotaRoles = Object.keys(config.quota);
    this.hasGuarantees = this.quotaRoles.some((r) => config.quota[r]?.guarantee !== undefined);
  }

  /** Starts the periodic loop: a cycle every allocation_interval. */
  start(): void {
    const tick = (): void => {
      this.host.after(this.config.allocationInterval, tick);
      this.runCycle('all');
    };
    this.host.after(this.config.allocationInterval, tick);
  }

  /** An agent joins with its total and what is already in use on it, per framework (re-registration). */
  addAgent(name: string, total: Resources, used: readonly { framework: string; resources: Resources }[] = []): void {
    if (this.agents.has(name)) throw new Error(`allocator: agent ${name} already added`);
    const a: AgentState = { name, total, allocated: NO_RESOURCES, active: true };
    this.agents.set(name, a);
    this.roleSorter.addAgent(name, total);
    for (const s of this.frameworkSorters.values()) s.addAgent(name, total);
    for (const u of used) if (this.frameworks.has(u.framework)) this.recordAllocation(u.framework, name, u.resources);
    this.trigger([name]);
  }

  /** An agent leaves: its allocations are dropped (the master rescinds offers and reports tasks). */
  removeAgent(name: string): void {
    const a = this.agents.get(name);
    if (a === undefined) return;
    for (const f of this.frameworks.values()) {
      const held = this.frameworkSorter(f.role).allocationOn(f.id, name);
      if (held !== undefined) this.unrecord(f.id, name, held);
    }
    this.roleSorter.removeAgent(name, a.total);
    for (const s of this.frameworkSorters.values()) s.removeAgent(name, a.total);
    this.filters.clearAgent(name);
    this.agents.delete(name);
  }

  /** Disconnected agents get no offers until reactivated. */
  setAgentActive(name: string, active: boolean): void {
    const a = this.agents.get(name);
    if (a === undefined || a.active === active) return;
    a.active = active;
    if (active) this.trigger([name]);
  }

  hasAgent(name: string): boolean {
    return this.agents.has(name);
  }

  /** A framework subscribes with a role; triggers a cycle over all agents. */
  addFramework(id: string, role: string): void {
    if (this.frameworks.has(id)) throw new Error(`allocator: framework ${id} already added`);
    this.frameworks.set(id, { id, role, connected: true, suppressed: false, demand: undefined });
    if (!this.roleSorter.contains(role)) {
      this.roleSorter.add(role);
      this.roleSorter.activate(role);
    }
    const s = this.frameworkSorter(role);
    s.add(id);
    s.activate(id);
    this.trigger('all');
  }

  /** A framework is gone for good (failover timeout): its allocations must have been recovered. */
  removeFramework(id: string): void {
    const f = this.framework(id);
    const s = this.frameworkSorter(f.role);
    for (const [agent, held] of [...s.allocation(id)]) this.unrecord(id, agent, held);
    s.remove(id);
    this.filters.clear(id);
    this.frameworks.delete(id);
  }

  /** Scheduler disconnected: no offers, filters cleared (Mesos deactivateFramework). */
  deactivateFramework(id: string): void {
    const f = this.framework(id);
    f.connected = false;
    this.filters.clear(id);
    this.frameworkSorter(f.role).deactivate(id);
  }

  /** Scheduler re-registered: eligible again; triggers a cycle over all agents. */
  activateFramework(id: string): void {
    const f = this.framework(id);
    f.connected = true;
    // A re-subscription starts unsuppressed (SUBSCRIBE names no suppressed roles here).
    f.suppressed = false;
    this.frameworkSorter(f.role).activate(id);
    this.trigger('all');
  }

  /** SUPPRESS: no offers; the allocation still counts. */
  suppress(id: string): void {
    const f = this.framework(id);
    f.suppressed = true;
    this.frameworkSorter(f.role).deactivate(id);
  }

  /** REVIVE: clears all filters of the framework, re-activates it and triggers a cycle at once. */
  revive(id: string): void {
    const f = this.framework(id);
    f.suppressed = false;
    this.filters.clear(id);
    if (f.connected) this.frameworkSorter(f.role).activate(id);
    this.trigger('all');
  }

  /** Fair-share mode: what the framework wants now (undefined = unknown, use its fair share). */
  setDemand(id: string, demand: Resources | undefined): void {
    this.framework(id).demand = demand;
  }

  /** Weighted roles (`/weights`): no cycle, no rescind in the allocator (as in Mesos). */
  updateWeight(role: string, weight: number): void {
    this.roleSorter.updateWeight(role, weight);
  }

  /**
   * Resources come back (decline, unused part of an accept, task end, rescind). With a positive
   * `refuse`, a filter of max(allocation_interval, refuse) (capped) is installed. No cycle runs.
   */
  recoverResources(framework: string, agent: string, resources: Resources, refuse?: SimDuration): void {
    if (isZero(resources) || !this.agents.has(agent) || !this.frameworks.has(framework)) return;
    this.unrecord(framework, agent, resources);
    if (refuse !== undefined && refuse > 0) {
      const d = Math.min(Math.max(this.config.allocationInterval, refuse), this.config.maxRefuse) as SimDuration;
      this.filters.add(framework, agent, resources, addTime(this.host.now(), d));
    }
  }

  /** Resources in use that the allocator did not offer (tasks of a re-registering agent). */
  recordUsed(framework: string, agent: string, resources: Resources): void {
    if (this.agents.has(agent) && this.frameworks.has(framework)) this.recordAllocation(framework, agent, resources);
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
    return this.filters.count(framework, this.host.now());
  }

  /**
   * Queues a cycle for these agents (or all) now; a trigger that arrives while one is queued only
   * adds its agents to the queued cycle (MESOS-6904).
   */
  trigger(agents: readonly string[] | 'all'): void {
    if (this.queued === undefined) {
      this.queued = agents === 'all' ? 'all' : new Set(agents);
      this.host.after(0 as SimDuration, () => {
        const candidates = this.queued;
        this.queued = undefined;
        if (candidates !== undefined) this.runCycle(candidates);
      });
    } else if (this.queued !== 'all') {
      if (agents === 'all') this.queued = 'all';
      else for (const a of agents) this.queued.add(a);
    }
  }

  /** One allocation cycle (`__generateOffers`) over the candidate agents. */
  runCycle(candidates: ReadonlySet<string> | 'all'): void {
    this.cycles++;
    // Nobody to offer to (every framework suppressed or disconnected): the cycle would offer nothing.
    let anyActive = false;
    for (const f of this.frameworks.values()) if (f.connected && !f.suppressed) anyActive = true;
    if (!anyActive) return;
    const agents: AgentState[] = [];
    const source = candidates === 'all' ? this.agents.values() : [...candidates].map((n) => this.agents.get(n)).filter((a) => a !== undefined);
    for (const a of source) if (a.active && this.hasAllocatable(a) && (this.host.eligible?.(a.name) ?? true)) agents.push(a);
    if (agents.length === 0) return;
    const out = new Map<string, AllocatedOffer[]>();
    this.remainingDemand.clear();
    for (const f of this.frameworks.values()) if (f.demand !== undefined) this.remainingDemand.set(f.id, f.demand);
    if (this.hasGuarantees) {
      this.host.rng.shuffle(agents);
      for (const a of agents) this.allocateAgent(a, out, 'quota-guarantee');
    }
    this.host.rng.shuffle(agents);
    for (const a of agents) this.allocateAgent(a, out, 'fair-sharing');
    for (const [framework, offers] of out) this.host.offers(framework, offers);
  }

  private allocateAgent(a: AgentState, out: Map<string, AllocatedOffer[]>, stage: 'quota-guarantee' | 'fair-sharing'): void {
    let available = subtractResources(a.total, a.allocated);
    if (!this.allocatable(available)) return;
    const now = this.host.now();
    const decided: { framework: string; role: string; resources: Resources }[] = [];
    const explaining = this.host.explain !== undefined;
    const order: { client: string; share: number }[] = explaining ? [] : NONE;
    const skipped: SkipReason[] = explaining ? [] : NONE;
    const headroom = this.hasGuarantees && stage === 'fair-sharing' ? this.surplusHeadroom() : undefined;
    this.roleSorter.visit((role) => {
      if (!this.allocatable(available)) return false;
      if (explaining && order.length < 10) order.push({ client: role, share: this.roleSorter.shareOf(role) });
      const quota = this.config.quota[role];
      let roleCap: Resources | undefined;
      if (quota !== undefined || headroom !== undefined) {
        let consumed = this.roleSorter.allocationTotal(role);
        for (const d of decided) if (d.role === role) consumed = addResources(consumed, d.resources);
        if (stage === 'quota-guarantee') {
          if (quota?.guarantee === undefined) return true;
          roleCap = unsatisfied(quota.guarantee, consumed);
          if (isZero(roleCap)) return true;
        } else {
          if (quota?.limit !== undefined) roleCap = quotaRoom(quota.limit, consumed);
          if (headroom !== undefined) {
            const own = quota?.guarantee !== undefined ? unsatisfied(quota.guarantee, consumed) : NO_RESOURCES;
            const room = addResources(headroom, own);
            roleCap = roleCap === undefined ? room : minResources(roleCap, room);
          }
        }
      } else if (stage === 'quota-guarantee') {
        return true;
      }
      this.frameworkSorter(role).visit((fw) => {
        if (!this.allocatable(available)) return false;
        if (explaining && order.length < 10) order.push({ client: fw, share: this.frameworkSorter(role).shareOf(fw) });
        let toOffer = available;
        if (roleCap !== undefined) toOffer = minResources(toOffer, roleCap);
        if (this.config.offerMode === 'fair-share') toOffer = minResources(toOffer, this.fairCap(fw, role));
        if (!this.allocatable(toOffer)) {
          if (explaining) skipped.push({ framework: fw, why: roleCap !== undefined ? 'quota' : this.config.offerMode === 'fair-share' ? 'no-demand' : 'min-allocatable' });
          return true;
        }
        if (this.filters.filtered(fw, a.name, toOffer, now)) {
          if (explaining) skipped.push({ framework: fw, why: 'filtered' });
          return true;
        }
        decided.push({ framework: fw, role, resources: toOffer });
        available = clampNonNegative(subtractResources(available, toOffer));
        if (roleCap !== undefined) roleCap = clampNonNegative(subtractResources(roleCap, toOffer));
        return true;
      });
      return true;
    });
    for (const d of decided) {
      this.recordAllocation(d.framework, a.name, d.resources);
      const left = this.remainingDemand.get(d.framework);
      if (left !== undefined) this.remainingDemand.set(d.framework, clampNonNegative(subtractResources(left, d.resources)));
      let list = out.get(d.framework);
      if (list === undefined) {
        list = [];
        out.set(d.framework, list);
      }
      list.push({ agent: a.name, resources: d.resources });
      if (explaining) this.host.explain?.({ agent: a.name, framework: d.framework, role: d.role, resources: d.resources, stage, order, skipped });
    }
  }

  /** Fair-share mode: what a framework may be offered (its demand, else its fair share left). */
  private fairCap(fw: string, role: string): Resources {
    const left = this.remainingDemand.get(fw);
    if (left !== undefined) return left;
    const total = this.roleSorter.totalResources();
    let weights = 0;
    for (const r of new Set([...this.frameworks.values()].filter((x) => x.connected && !x.suppressed).map((x) => x.role))) weights += this.roleSorter.weightOf(r);
    const peers = [...this.frameworks.values()].filter((x) => x.role === role && x.connected && !x.suppressed).length;
    const share = weights > 0 && peers > 0 ? this.roleSorter.weightOf(role) / weights / peers : 0;
    const entitlement = { cpu: Math.floor(total.cpu * share), memory: Math.floor(total.memory * share), gpu: Math.floor(total.gpu * share) };
    return clampNonNegative(subtractResources(entitlement, this.frameworkSorter(role).allocationTotal(fw)));
  }

  /** Stage 2 headroom: unallocated resources minus what unsatisfied guarantees still need. */
  private surplusHeadroom(): Resources {
    let free = NO_RESOURCES;
    for (const a of this.agents.values()) if (a.active) free = addResources(free, subtractResources(a.total, a.allocated));
    let required = NO_RESOURCES;
    for (const role of this.quotaRoles) {
      const g = this.config.quota[role]?.guarantee;
      if (g === undefined) continue;
      const consumed = this.roleSorter.contains(role) ? this.roleSorter.allocationTotal(role) : NO_RESOURCES;
      required = addResources(required, unsatisfied(g, consumed));
    }
    return clampNonNegative(subtractResources(free, required));
  }

  /**
   * `allocatable(total − allocated)` without building the difference (this runs for every agent in
   * every cycle); the same arithmetic, so the same answer. Extended resources take the general path.
   */
  private hasAllocatable(a: AgentState): boolean {
    const t = a.total;
    const u = a.allocated;
    if (t.ext !== undefined || u.ext !== undefined) return this.allocatable(subtractResources(t, u));
    const cpu = t.cpu - u.cpu;
    const memory = t.memory - u.memory;
    const gpu = t.gpu - u.gpu;
    for (const m of this.config.minAllocatable) {
      if (m.ext !== undefined) {
        if (fitsWithin(m, { cpu, memory, gpu })) return true;
        continue;
      }
      if (m.cpu <= cpu && m.memory <= memory && m.gpu <= gpu) return true;
    }
    return false;
  }

  private allocatable(r: Resources): boolean {
    for (const m of this.config.minAllocatable) if (fitsWithin(m, r)) return true;
    return false;
  }

  private recordAllocation(framework: string, agent: string, resources: Resources): void {
    const f = this.framework(framework);
    const a = this.agents.get(agent);
    if (a === undefined) throw new Error(`allocator: unknown agent ${agent}`);
    a.allocated = addResources(a.allocated, resources);
    this.roleSorter.allocated(f.role, agent, resources);
    this.frameworkSorter(f.role).allocated(framework, agent, resources);
  }

  private unrecord(framework: string, agent: string, resources: Resources): void {
    const f = this.framework(framework);
    const a = this.agents.get(agent);
    if (a !== undefined) a.allocated = subtractResources(a.allocated, resources);
    this.roleSorter.unallocated(f.role, agent, resources);
    this.frameworkSorter(f.role).unallocated(framework, agent, resources);
  }

  private framework(id: string): FrameworkState {
    const f = this.frameworks.get(id);
    if (f === undefined) throw new Error(`allocator: unknown framework ${id}`);
    return f;
  }

  private frameworkSorter(role: string): DrfSorter {
    let s = this.frameworkSorters.get(role);
    if (s === undefined) {
      s = new DrfSorter();
      for (const a of this.agents.values()) s.addAgent(a.name, a.total);
      this.frameworkSorters.set(role, s);
    }
    return s;
  }
}
