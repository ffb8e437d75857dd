import { fitsWithin, type Resources } from '../../cluster/resources.js';
import { type SimTime } from '../../sim/time.js';

/** One refuse filter: offers of at most `resources` are refused until `expires`. */
export interface Filter {
  readonly resources: Resources;
  readonly expires: SimTime;
}

/**
 * One framework's filters on one agent, valid while `generation` is the framework's. The allocator
 * keeps these on its per-(agent, framework) records, so that the checks made for every offer need
 * no lookup by agent name.
 */
export interface FilterList {
  generation: number;
  readonly filters: Filter[];
}

/**
 * Refuse filters keyed by (framework, agent), as Mesos's `RefusedOfferFilter`
 * (hierarchical.cpp): while a filter lives, an offer of resources R' on that agent to that
 * framework is suppressed when R' ⊆ R, the refused resources (the subset rule: if more becomes free
 * on the agent, the filter no longer matches). A filter stops matching at its expiry instant; Mesos
 * dispatches expiry to the allocator, so it takes effect at the first cycle after the timeout.
 *
 * Clearing a framework's filters (REVIVE, deactivation) bumps its generation: lists of an older
 * generation count as empty, and are emptied when a filter is next added to them.
 */
export class RefuseFilters {
  private readonly generations = new Map<string, number>();

  /** Installs a filter (the caller has already applied max(allocation_interval, refuse_seconds)). */
  add(framework: string, list: FilterList, resources: Resources, expires: SimTime): void {
    const generation = this.generations.get(framework) ?? 0;
    if (list.generation !== generation) {
      list.generation = generation;
      if (list.filters.length > 0) list.filters.length = 0;
    }
    list.filters.push({ resources, expires });
  }

  /** True when a live filter in the list (of `framework`) covers `offer`. Drops expired filters on the way. */
  filtered(framework: string, list: FilterList, offer: Resources, now: SimTime): boolean {
    return this.filteredUntil(framework, list, offer, now) !== undefined;
  }

  /**
   * Like `filtered`, but tells until when: the expiry of the first live filter (in installation
   * order) that covers `offer`, or undefined when none does. Drops expired filters on the way (the
   * list is compacted in place).
   */
  filteredUntil(framework: string, list: FilterList, offer: Resources, now: SimTime): SimTime | undefined {
    const filters = list.filters;
    // A list of an older generation counts as empty (`add` empties it before it adds to it).
    if (filters.length === 0 || list.generation !== (this.generations.get(framework) ?? 0)) return undefined;
    let hit: SimTime | undefined;
    let w = 0;
    for (let r = 0; r < filters.length; r++) {
      const f = filters[r] as Filter;
      if (now >= f.expires) continue;
      if (hit === undefined && fitsWithin(offer, f.resources)) hit = f.expires;
      filters[w++] = f;
    }
    // Setting `length` is a runtime call: only when something expired.
    if (w !== filters.length) filters.length = w;
    return hit;
  }

  /** REVIVE and framework deactivation clear every filter of the framework. */
  clear(framework: string): void {
    this.generations.set(framework, (this.generations.get(framework) ?? 0) + 1);
  }

  /** Live filters in these lists of a framework (for explanations and tests). */
  count(framework: string, lists: Iterable<FilterList>, now: SimTime): number {
    const generation = this.generations.get(framework) ?? 0;
    let n = 0;
    for (const list of lists) {
      if (list.generation !== generation) continue;
      for (const f of list.filters) if (now < f.expires) n++;
    }
    return n;
  }
}
