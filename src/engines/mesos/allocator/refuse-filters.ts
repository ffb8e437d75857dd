import { fitsWithin, type Resources } from '../../../cluster/resources.js';
import { type SimTime } from '../../../sim/time.js';

/**
 * One framework's filters on one agent, valid while `generation` is the framework's. The allocator
 * keeps these on its per-(agent, framework) records, so that the checks made for every offer need
 * no lookup by agent name. The list holds `size` filters in installation order: the first in
 * (`refused0`, `expires0`), the others in (`refused[i - 1]`, `expires[i - 1]`); a filter refuses
 * offers of at most its refused resources until it expires. Fields and a count rather than one
 * object per filter: a decline installs a filter and the next check after its expiry drops it,
 * millions of times in a long run; a list rarely holds more than one, which then costs a few
 * writes to the record itself (entries past `size` are stale and reused).
 */
export interface FilterList {
  generation: number;
  size: number;
  refused0: Resources | undefined;
  expires0: SimTime;
  readonly refused: Resources[];
  readonly expires: SimTime[];
}

/** A new empty list of filters. */
export function newFilterList(): FilterList {
  return { generation: 0, size: 0, refused0: undefined, expires0: 0 as SimTime, refused: [], expires: [] };
}

/** A framework's filter generation, boxed so that the allocator can keep it on its framework state. */
export interface FilterGeneration {
  value: number;
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
  private readonly generations = new Map<string, FilterGeneration>();

  /** The framework's generation box (made on first use; the same box for the life of the filters). */
  generationOf(framework: string): FilterGeneration {
    let g = this.generations.get(framework);
    if (g === undefined) {
      g = { value: 0 };
      this.generations.set(framework, g);
    }
    return g;
  }

  /** Installs a filter (the caller has already applied max(allocation_interval, refuse_seconds)). */
  add(framework: string, list: FilterList, resources: Resources, expires: SimTime): void {
    addFilter(this.generationOf(framework).value, list, resources, expires);
  }

  /** True when a live filter in the list (of `framework`) covers `offer`. Drops expired filters on the way. */
  filtered(framework: string, list: FilterList, offer: Resources, now: SimTime): boolean {
    return this.filteredUntil(framework, list, offer, now) !== undefined;
  }

  /** See {@link filteredUntil} (the function). */
  filteredUntil(framework: string, list: FilterList, offer: Resources, now: SimTime): SimTime | undefined {
    return filteredUntil(this.generationOf(framework).value, list, offer, now);
  }

  /** REVIVE and framework deactivation clear every filter of the framework. */
  clear(framework: string): void {
    this.generationOf(framework).value++;
  }

  /** Live filters in these lists of a framework (for explanations and tests). */
  count(framework: string, lists: Iterable<FilterList>, now: SimTime): number {
    const generation = this.generationOf(framework).value;
    let n = 0;
    for (const list of lists) {
      if (list.generation !== generation) continue;
      for (let i = 0; i < list.size; i++) if (now < (i === 0 ? list.expires0 : (list.expires[i - 1] as SimTime))) n++;
    }
    return n;
  }
}

/** `RefuseFilters.add` for a framework whose current generation is `generation`. */
export function addFilter(generation: number, list: FilterList, resources: Resources, expires: SimTime): void {
  if (list.generation !== generation) {
    list.generation = generation;
    list.size = 0;
  }
  const i = list.size++;
  if (i === 0) {
    list.refused0 = resources;
    list.expires0 = expires;
  } else {
    list.refused[i - 1] = resources;
    list.expires[i - 1] = expires;
  }
}

/**
 * The expiry of the first live filter (in installation order) of the list that covers `offer`, or
 * undefined when none does, for a framework whose current generation is `generation`. Drops
 * expired filters on the way (the list is compacted in place, keeping the order).
 */
export function filteredUntil(generation: number, list: FilterList, offer: Resources, now: SimTime): SimTime | undefined {
  const size = list.size;
  // A list of an older generation counts as empty (`addFilter` empties it before it adds to it).
  if (size === 0 || list.generation !== generation) return undefined;
  // The usual list: one filter, in the record's own fields.
  if (size === 1) {
    const expires = list.expires0;
    if (now >= expires) {
      list.size = 0;
      return undefined;
    }
    return fitsWithin(offer, list.refused0 as Resources) ? expires : undefined;
  }
  const res = list.refused;
  const exp = list.expires;
  let hit: SimTime | undefined;
  let w = 0;
  for (let r = 0; r < size; r++) {
    const expires = r === 0 ? list.expires0 : (exp[r - 1] as SimTime);
    if (now >= expires) continue;
    const covers = r === 0 ? (list.refused0 as Resources) : (res[r - 1] as Resources);
    if (hit === undefined && fitsWithin(offer, covers)) hit = expires;
    if (w !== r) {
      if (w === 0) {
        list.refused0 = covers;
        list.expires0 = expires;
      } else {
        res[w - 1] = covers;
        exp[w - 1] = expires;
      }
    }
    w++;
  }
  list.size = w;
  return hit;
}
