import { admits, type PlacementConstraints } from '../../../cluster/constraints.js';
import { fitsWithin, type Resources, subtractResources } from '../../../cluster/resources.js';
import { type TaskLaunch } from '../../../cluster/task.js';
import { type Offer } from '../types.js';

interface Entry {
  readonly offer: Offer;
  free: Resources;
  /** `NO_LAUNCHES` until the first launch (most offers of a batch get none). */
  launches: TaskLaunch[];
  readonly limit: number;
}

/** The shared empty launch list (never written: `place` swaps in a list of its own first). */
const NO_LAUNCHES: TaskLaunch[] = [];

/** An entry with a free slot and something free (the predicate of `hasFree`). */
function hasRoom(e: Entry): boolean {
  return e.launches.length < e.limit && (e.free.cpu > 0 || e.free.memory > 0 || e.free.gpu > 0);
}

/** Why a task found no place in a batch of offers. */
export type NoFit = 'no-offers' | 'constraints' | 'resources';

/**
 * A framework's working copy of the offers it holds while it decides: first-fit placement of tasks,
 * honouring each task's constraints ("picky" tasks accept only matching agents, via `admits`) and a
 * per-offer cap on launches (Marathon's max_instances_per_offer; the agent's free task slots).
 */
export class OfferPool {
  private readonly entries: Entry[];
  /** Entries before this index have no launch slot left (no task can use or be admitted by them). */
  private start = 0;
  /** How many entries satisfy `hasRoom` (kept by `place`, so `hasFree` is O(1)). */
  private withRoom = 0;

  constructor(offers: readonly Offer[], perOfferLimit: number = Number.POSITIVE_INFINITY) {
    this.entries = offers.map((offer) => ({ offer, free: offer.resources, launches: NO_LAUNCHES, limit: Math.min(perOfferLimit, offer.slots) }));
    for (const e of this.entries) if (hasRoom(e)) this.withRoom++;
  }

  /** Places one task in the first offer that admits and fits it; returns the offer or why not. */
  place(resources: Resources, constraints: PlacementConstraints, build: (offer: Offer) => TaskLaunch): { kind: 'placed'; offer: Offer } | { kind: 'unplaced'; why: NoFit } {
    if (this.entries.length === 0) return { kind: 'unplaced', why: 'no-offers' };
    let admitted = false;
    const entries = this.entries;
    while (this.start < entries.length && (entries[this.start] as Entry).launches.length >= (entries[this.start] as Entry).limit) this.start++;
    for (let i = this.start; i < entries.length; i++) {
      const e = entries[i] as Entry;
      if (e.launches.length >= e.limit || !admits(e.offer.node, constraints)) continue;
      admitted = true;
      if (!fitsWithin(resources, e.free)) continue;
      const before = hasRoom(e);
      e.free = subtractResources(e.free, resources);
      if (e.launches === NO_LAUNCHES) e.launches = [];
      e.launches.push(build(e.offer));
      if (before && !hasRoom(e)) this.withRoom--;
      return { kind: 'placed', offer: e.offer };
    }
    return { kind: 'unplaced', why: admitted ? 'resources' : 'constraints' };
  }

  /**
   * Whether any offer still has something free (cpu, memory or gpus) and a free slot: the Omega
   * simulator's framework keeps taking jobs from its queue for an offer only while this holds.
   */
  hasFree(): boolean {
    return this.withRoom > 0;
  }

  /** Whether any offer still has room for at least `resources` (a cheap pre-check). */
  anyRoomFor(resources: Resources): boolean {
    return this.entries.some((e) => e.launches.length < e.limit && fitsWithin(resources, e.free));
  }

  /** Launches per offer, in the order of the offers the pool was made from ([] for none). */
  launches(): (readonly TaskLaunch[])[] {
    return this.entries.map((e) => e.launches);
  }
}
