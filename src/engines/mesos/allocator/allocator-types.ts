import { type Resources } from '../../../cluster/resources.js';
import { type TimerHandle } from '../../../sim/event-queue.js';
import { type Rng } from '../../../sim/rng.js';
import { type SimDuration, type SimTime } from '../../../sim/time.js';
import { type RoleQuota } from '../options.js';

/** What the host may attach to an agent it adds (see `HierarchicalAllocator.addAgent`). */
export interface AgentHandle {
  /** Whether the agent may be offered now (replaces `AllocatorHost.eligible` for this agent). */
  eligible(): boolean;
}

/** One offer the allocator decided: these resources of this agent, for this framework. */
export interface AllocatedOffer {
  readonly agent: string;
  readonly resources: Resources;
  /** The handle the host gave with the agent, if any (saves the host a lookup by name). */
  readonly handle?: AgentHandle;
  /**
   * The allocator's record of this framework on this agent: the host may give it back to
   * `recoverResources` for this offer's resources (saving lookups there). Opaque to the host.
   */
  readonly token?: object;
}

/** Why a framework did not get an agent in a cycle (explanations). */
export interface SkipReason {
  readonly framework: string;
  readonly why: 'filtered' | 'min-allocatable' | 'quota' | 'no-demand' | 'agent-ineligible';
}

/** An explanation of one offer decision (only built when explanations are on). */
export interface OfferExplanation {
  readonly agent: string;
  readonly framework: string;
  readonly role: string;
  readonly resources: Resources;
  readonly stage: 'quota-guarantee' | 'fair-sharing';
  /**
   * The walk of the DRF order for this agent up to and including this framework: each role, then
   * the frameworks inside it, with the (weighted) dominant share the sorter ordered it by.
   */
  readonly order: readonly DrfStep[];
  /** The frameworks of `order` passed over before this one, and why. */
  readonly skipped: readonly SkipReason[];
}

/** One client the allocator visited in DRF order (explanations). */
export interface DrfStep {
  readonly kind: 'role' | 'framework';
  /** The role name, or the framework id. */
  readonly name: string;
  /** Weighted dominant share (0 … 1 of the cluster, divided by the weight) at the walk. */
  readonly share: number;
}

/** What the allocator needs from its host (the master): time, timers, rng, and where offers go. */
export interface AllocatorHost {
  now(): SimTime;
  after(delay: SimDuration, fn: () => void): TimerHandle;
  readonly rng: Rng;
  /** Called once per framework per cycle with all its offers (Mesos's `offerCallback`). */
  offers(framework: string, offers: readonly AllocatedOffer[]): void;
  /** Optional: an agent may be skipped (e.g. no free task slot). */
  eligible?(agent: string): boolean;
  /** Optional: receives one record per offer when explanations are on. */
  explain?(e: OfferExplanation): void;
}

/** Allocator configuration (a subset of MesosOptions). */
export interface AllocatorConfig {
  readonly allocationInterval: SimDuration;
  readonly minAllocatable: readonly Resources[];
  readonly offerMode: 'whole-agent' | 'fair-share';
  readonly maxRefuse: SimDuration;
  readonly quota: Readonly<Record<string, RoleQuota>>;
}
