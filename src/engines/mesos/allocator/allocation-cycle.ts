import { minResources, NO_RESOURCES, type Resources, subtractResources } from '../../../cluster/resources.js';
import { type SimTime } from '../../../sim/time.js';
import { type AgentTable } from './agent-table.js';
import { type AgentFramework, allocatable, type AgentState, findAgentFramework, type FrameworkState, hasAllocatable } from './allocator-state.js';
import { type AllocatedOffer, type AllocatorConfig, type AllocatorHost } from './allocator-types.js';
import { fairCap, fillingClaimants, roleCap, surplusHeadroom } from './allocator-quota.js';
import { drfPoint, type FillingPoint } from './drf-point.js';
import { OfferDecisions } from './offer-decisions.js';
import { clampNonNegative } from './quota.js';
import { filteredUntil } from './refuse-filters.js';
import { type DrfSorter } from '../sorter/drf-sorter.js';

/**
 * What an allocation cycle reads and records through: the allocator's state, shared (not copied),
 * so that the cycle sees every change the allocator made before it and records its offers into the
 * same sorters and agents.
 */
export interface AllocationCycleState {
  readonly config: AllocatorConfig;
  readonly host: AllocatorHost;
  readonly agents: ReadonlyMap<string, AgentState>;
  readonly frameworks: ReadonlyMap<string, FrameworkState>;
  /** Role shares (the first level of the hierarchical DRF walk). */
  readonly roleSorter: DrfSorter;
  readonly table: AgentTable;
  /** Roles with quota configured, in configuration order. */
  readonly quotaRoles: readonly string[];
  /** Whether some role has a quota guarantee (then a guarantee stage runs before fair sharing). */
  readonly hasGuarantees: boolean;
  /** The framework sorter of a role (made on first use). */
  frameworkSorter(role: string): DrfSorter;
  /** The framework of this id; throws for an unknown one. */
  framework(id: string): FrameworkState;
  /** Records an allocation of `resources` of agent `a` to framework `f`; returns the record of `f` on `a`. */
  record(f: FrameworkState, a: AgentState, resources: Resources): AgentFramework;
  /** Bumped by every change that may let a framework be offered an agent it was not (see `allocateAgent`). */
  epoch(): number;
}

/**
 * One allocation cycle of the hierarchical DRF allocator (`__generateOffers`): collects the
 * candidate agents, shuffles them with the host's seeded rng (once per stage: quota guarantees
 * first when some role has one, then fair sharing) and walks the role and framework sorters for
 * each agent in that order. Offers go to `host.offers` per framework at the end of the cycle, in
 * the order the frameworks were first offered something. Deterministic for the same state and rng.
 */
export class AllocationCycle {
  /** Fair-share mode: demand not yet covered by offers of the current cycle. */
  private readonly remainingDemand = new Map<string, Resources>();
  /** Fair-share mode: each framework's place at the DRF point, computed at the start of the cycle. */
  private fairPoints: ReadonlyMap<string, FillingPoint> = new Map();
  /** Fair-share mode: the resources the points are shares of (the role sorter's total at the start of the cycle). */
  private fairTotal: Resources = NO_RESOURCES;
  /** Reused buffer: the cycle's agents (slots). */
  private readonly cycleAgents: number[] = [];
  /** The offers `allocateAgent` decided for its agent (reused from agent to agent). */
  private readonly decisions = new OfferDecisions();
  private readonly config: AllocatorConfig;
  private readonly host: AllocatorHost;
  private readonly quotaRoles: readonly string[];
  private readonly table: AgentTable;
  private readonly roleSorter: DrfSorter;
  /** `state.record`, bound once (the decisions record through it). */
  private readonly record: (f: FrameworkState, a: AgentState, resources: Resources) => AgentFramework;
  constructor(private readonly state: AllocationCycleState) {
    this.config = state.config;
    this.host = state.host;
    this.quotaRoles = state.quotaRoles;
    this.table = state.table;
    this.roleSorter = state.roleSorter;
    this.record = (f, a, resources) => state.record(f, a, resources);
  }

  /** Runs one cycle over the candidate agents (names, or 'all' in the table's order). */
  run(candidates: ReadonlySet<string> | 'all'): void {
    // Nobody to offer to (every framework suppressed or disconnected): the cycle would offer nothing.
    let anyActive = false;
    for (const f of this.state.frameworks.values()) if (f.connected && !f.suppressed) anyActive = true;
    if (!anyActive) return;
    const agents = this.cycleAgents;
    agents.length = 0;
    const source = candidates === 'all' ? this.table.order : [...candidates].map((n) => this.state.agents.get(n)?.slot).filter((slot) => slot !== undefined);
    const min = this.config.minAllocatable;
    const now = this.host.now();
    // In the plain setting (see `allocateAgent`), agents quiet now are marked (as ~slot) while the
    // candidates are collected: nothing in the cycle changes their marks before their turn (their
    // own allocation, the epoch and the time stay), and the shuffle's draws depend on the count only.
    const plain = this.host.explain === undefined && this.quotaRoles.length === 0 && this.config.offerMode === 'whole-agent';
    this.table.candidates(
      source,
      min,
      (a) => hasAllocatable(min, a),
      (a) => this.host.eligible?.(a.name) ?? true,
      agents,
      plain ? this.state.epoch() : -1,
      now,
    );
    if (agents.length === 0) return;
    const out = new Map<string, AllocatedOffer[]>();
    this.remainingDemand.clear();
    for (const f of this.state.frameworks.values()) if (f.demand !== undefined) this.remainingDemand.set(f.id, f.demand);
    if (this.config.offerMode === 'fair-share') {
      this.fairTotal = this.roleSorter.totalResources();
      this.fairPoints = drfPoint(
        this.fairTotal,
        fillingClaimants(this.state.frameworks.values(), this.roleSorter, (id) => this.remainingDemand.get(id)),
      );
    }
    if (this.state.hasGuarantees) {
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
    if (plain && this.table.isQuiet(slot, this.state.epoch(), now)) return;
    const a = this.table.states[slot] as AgentState;
    let available = this.table.freeVector(slot) ?? subtractResources(a.total, a.allocated);
    if (!this.allocatable(available)) return;
    let quietUntil = Number.POSITIVE_INFINITY;
    const decided = this.decisions;
    decided.begin(explaining);
    const order = decided.order;
    const skipped = decided.skipped;
    const headroom =
      this.state.hasGuarantees && stage === 'fair-sharing'
        ? surplusHeadroom(this.state.agents.values(), this.quotaRoles, this.config.quota, this.roleSorter)
        : undefined;
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
      const sorter = this.state.frameworkSorter(role);
      sorter.beginWalk();
      for (let fw = sorter.nextClient(); fw !== undefined; fw = sorter.nextClient()) {
        if (!this.allocatable(available)) break;
        if (explaining) order.push({ kind: 'framework', name: fw, share: sorter.shareOf(fw) });
        let toOffer = available;
        if (roleLeft !== undefined) toOffer = minResources(toOffer, roleLeft);
        if (this.config.offerMode === 'fair-share')
          toOffer = minResources(toOffer, fairCap(this.remainingDemand.get(fw), this.fairPoints.get(fw), this.fairTotal, sorter.allocationTotal(fw)));
        if (!this.allocatable(toOffer)) {
          if (explaining)
            skipped.push({ framework: fw, why: roleLeft !== undefined ? 'quota' : this.config.offerMode === 'fair-share' ? 'no-demand' : 'min-allocatable' });
          continue;
        }
        const f = this.state.framework(fw);
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
      if (plain) this.table.markQuiet(slot, this.state.epoch(), quietUntil);
      return;
    }
    decided.deliver(a, stage, out, this.remainingDemand, this.record, this.host);
  }

  private allocatable(r: Resources): boolean {
    return allocatable(this.config.minAllocatable, r);
  }
}
