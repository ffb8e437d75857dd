import { fitsWithin, type Resources } from '../../cluster/resources.js';
import { type SimTime } from '../../sim/time.js';

interface Filter {
  readonly resources: Resources;
  readonly expires: SimTime;
}

/**
 * Refuse filters keyed by (framework, agent), as Mesos's `RefusedOfferFilter`
 * (hierarchical.cpp): while a filter lives, an offer of resources R' on that agent to that
 * framework is suppressed when R' ⊆ R, the refused resources (the subset rule: if more becomes free
 * on the agent, the filter no longer matches). A filter stops matching at its expiry instant; Mesos
 * dispatches expiry to the allocator, so it takes effect at the first cycle after the timeout.
 */
export class RefuseFilters {
  private readonly byFramework = new Map<string, Map<string, Filter[]>>();

  /** Installs a filter (the caller has already applied max(allocation_interval, refuse_seconds)). */
  add(framework: string, agent: string, resources: Resources, expires: SimTime): void {
    let perAgent = this.byFramework.get(framework);
    if (perAgent === undefined) {
      perAgent = new Map();
      this.byFramework.set(framework, perAgent);
    }
    const list = perAgent.get(agent);
    if (list === undefined) perAgent.set(agent, [{ resources, expires }]);
    else list.push({ resources, expires });
  }

  /** True when a live filter of `framework` on `agent` covers `offer`. Drops expired filters on the way. */
  filtered(framework: string, agent: string, offer: Resources, now: SimTime): boolean {
    const perAgent = this.byFramework.get(framework);
    if (perAgent === undefined) return false;
    const list = perAgent.get(agent);
    if (list === undefined) return false;
    let hit = false;
    let expired = 0;
    for (const f of list) {
      if (now >= f.expires) expired++;
      else if (!hit && fitsWithin(offer, f.resources)) hit = true;
    }
    if (expired > 0) {
      const live = list.filter((f) => now < f.expires);
      if (live.length === 0) perAgent.delete(agent);
      else perAgent.set(agent, live);
    }
    return hit;
  }

  /** REVIVE and framework deactivation clear every filter of the framework. */
  clear(framework: string): void {
    this.byFramework.delete(framework);
  }

  /** Drops filters on an agent that left the cluster. */
  clearAgent(agent: string): void {
    for (const perAgent of this.byFramework.values()) perAgent.delete(agent);
  }

  /** Live filters of a framework (for explanations and tests). */
  count(framework: string, now: SimTime): number {
    let n = 0;
    for (const list of this.byFramework.get(framework)?.values() ?? []) for (const f of list) if (now < f.expires) n++;
    return n;
  }
}
