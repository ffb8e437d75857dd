import { addResources, type Resources, subtractResources } from '../../../cluster/resources.js';
import { type AgentFramework, type AgentState, type FrameworkState } from './allocator-state.js';
import { type AllocatedOffer, type AllocatorHost, type DrfStep, type SkipReason } from './allocator-types.js';
import { clampNonNegative } from './quota.js';

/** A shared empty list for explanation fields when explanations are off (never written to). */
const NONE: never[] = [];

/**
 * The offers the DRF walk over one agent decided, and how they leave: the decisions sit in columns
 * reused from agent to agent (the first `count` entries are this agent's; no object per decision),
 * and only after the walk are they recorded and sent (a walk must not see a sorter change). With
 * explanations on, it also keeps the walk so far (`order`, `skipped`) and how much of it each
 * decision had seen.
 */
export class OfferDecisions {
  private readonly framework: FrameworkState[] = [];
  private readonly role: string[] = [];
  private readonly resources: Resources[] = [];
  count = 0;
  order: DrfStep[] = NONE;
  skipped: SkipReason[] = NONE;
  /** Per decision, how much of `order` and `skipped` had been walked when it was made. */
  private walked: number[] = NONE;

  /** Starts an agent: no decisions yet; fresh explanation lists when `explaining`. */
  begin(explaining: boolean): void {
    this.count = 0;
    this.order = explaining ? [] : NONE;
    this.skipped = explaining ? [] : NONE;
    this.walked = explaining ? [] : NONE;
  }

  /** `resources` of the agent for framework `f` of `role`. */
  add(f: FrameworkState, role: string, resources: Resources, explaining: boolean): void {
    if (explaining) this.walked.push(this.order.length, this.skipped.length);
    this.framework[this.count] = f;
    this.role[this.count] = role;
    this.resources[this.count] = resources;
    this.count++;
  }

  /** What `role` consumes with this agent's decisions so far, given what it held before (`held`). */
  consumedBy(role: string, held: Resources): Resources {
    let consumed = held;
    for (let i = 0; i < this.count; i++) if (this.role[i] === role) consumed = addResources(consumed, this.resources[i] as Resources);
    return consumed;
  }

  /**
   * Sends the decisions for agent `a`, in the order made: each is recorded (`record` returns the
   * allocator's record of the framework on the agent, the offer's token), taken off the framework's
   * remaining demand (fair-share mode), appended to the framework's offers of the cycle in `out`,
   * and explained when the host takes explanations.
   */
  deliver(
    a: AgentState,
    stage: 'quota-guarantee' | 'fair-sharing',
    out: Map<string, AllocatedOffer[]>,
    remainingDemand: Map<string, Resources>,
    record: (f: FrameworkState, a: AgentState, resources: Resources) => AgentFramework,
    host: AllocatorHost,
  ): void {
    for (let i = 0; i < this.count; i++) {
      const framework = this.framework[i] as FrameworkState;
      const resources = this.resources[i] as Resources;
      const fid = framework.id;
      const token = record(framework, a, resources);
      const left = remainingDemand.size === 0 ? undefined : remainingDemand.get(fid);
      if (left !== undefined) remainingDemand.set(fid, clampNonNegative(subtractResources(left, resources)));
      let list = out.get(fid);
      if (list === undefined) {
        list = [];
        out.set(fid, list);
      }
      list.push(a.handle !== undefined ? { agent: a.name, resources, handle: a.handle, token } : { agent: a.name, resources, token });
      if (host.explain !== undefined) {
        host.explain({
          agent: a.name,
          framework: fid,
          role: this.role[i] as string,
          resources,
          stage,
          order: this.order.slice(0, this.walked[2 * i]),
          skipped: this.skipped.slice(0, this.walked[2 * i + 1]),
        });
      }
    }
  }
}
