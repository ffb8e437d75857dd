import { admits, type PlacementConstraints } from '../../../cluster/constraints.js';
import { fitsWithin, type Resources, subtractResources } from '../../../cluster/resources.js';
import { type TaskLaunch } from '../../../cluster/task.js';
import { type Offer } from '../types.js';

/** The shared empty launch list (never written: `place` swaps in a list of its own first). */
const NO_LAUNCHES: TaskLaunch[] = [];

/** Whether an offer with these free resources, launches and limit has a free slot and something free (the predicate of `hasFree`). */
function hasRoom(free: Resources, launches: number, limit: number): boolean {
  return launches < limit && (free.cpu > 0 || free.memory > 0 || free.gpu > 0);
}

/** Why a task found no place in a batch of offers. */
export type NoFit = 'no-offers' | 'constraints' | 'resources';

/**
 * A framework's working copy of the offers it holds while it decides: first-fit placement of tasks,
 * honouring each task's constraints ("picky" tasks accept only matching agents, via `admits`) and a
 * per-offer cap on launches (Marathon's max_instances_per_offer; the agent's free task slots).
 */
export class OfferPool {
  /*
   * Per offer, in the order of the offers (columns, not an object per offer: a batch may hold
   * thousands of offers, most of which get nothing, and making the pool reads none of them): what
   * is still free (a hole until the first launch: the offer's resources) and the launches so far
   * (`NO_LAUNCHES` until the first). An offer's cap on launches is min(perOfferLimit, its slots).
   */
  private readonly offers: readonly Offer[];
  private readonly free: (Resources | undefined)[];
  private readonly launchLists: TaskLaunch[][];
  /** Offers before this index have no launch slot left (no task can use or be admitted by them). */
  private start = 0;
  /**
   * Offers before this index fail `hasRoom`. An offer never regains room (its free resources only
   * shrink and its launches only grow), so `hasFree` moves this cursor forward only.
   */
  private roomFrom = 0;

  constructor(
    offers: readonly Offer[],
    private readonly perOfferLimit: number = Number.POSITIVE_INFINITY,
  ) {
    this.offers = offers;
    this.free = new Array<Resources | undefined>(offers.length);
    this.launchLists = new Array<TaskLaunch[]>(offers.length).fill(NO_LAUNCHES);
  }

  /** Places one task in the first offer that admits and fits it; returns the offer or why not. */
  place(
    resources: Resources,
    constraints: PlacementConstraints,
    build: (offer: Offer) => TaskLaunch,
  ): { kind: 'placed'; offer: Offer } | { kind: 'unplaced'; why: NoFit } {
    const n = this.offers.length;
    if (n === 0) return { kind: 'unplaced', why: 'no-offers' };
    let admitted = false;
    const lists = this.launchLists;
    while (this.start < n && (lists[this.start] as TaskLaunch[]).length >= this.limit(this.start)) this.start++;
    for (let i = this.start; i < n; i++) {
      const launches = lists[i] as TaskLaunch[];
      const offer = this.offers[i] as Offer;
      if (launches.length >= this.limit(i) || !admits(offer.node, constraints)) continue;
      admitted = true;
      const free = this.free[i] ?? offer.resources;
      if (!fitsWithin(resources, free)) continue;
      this.free[i] = subtractResources(free, resources);
      const own = launches === NO_LAUNCHES ? (lists[i] = []) : launches;
      own.push(build(offer));
      return { kind: 'placed', offer };
    }
    return { kind: 'unplaced', why: admitted ? 'resources' : 'constraints' };
  }

  /**
   * Whether any offer still has something free (cpu, memory or gpus) and a free slot: the Omega
   * simulator's framework keeps taking jobs from its queue for an offer only while this holds.
   */
  hasFree(): boolean {
    const n = this.offers.length;
    while (this.roomFrom < n && !this.hasRoomAt(this.roomFrom)) this.roomFrom++;
    return this.roomFrom < n;
  }

  /** Whether any offer still has room for at least `resources` (a cheap pre-check). */
  anyRoomFor(resources: Resources): boolean {
    for (let i = 0; i < this.offers.length; i++) {
      if ((this.launchLists[i] as TaskLaunch[]).length < this.limit(i) && fitsWithin(resources, this.free[i] ?? (this.offers[i] as Offer).resources))
        return true;
    }
    return false;
  }

  /**
   * Launches per offer, in the order of the offers the pool was made from ([] for none). The pool's
   * own column, not a copy: read it once the placing is over (later placements show in it).
   */
  launches(): (readonly TaskLaunch[])[] {
    return this.launchLists;
  }

  private limit(i: number): number {
    return Math.min(this.perOfferLimit, (this.offers[i] as Offer).slots);
  }

  private hasRoomAt(i: number): boolean {
    return hasRoom(this.free[i] ?? (this.offers[i] as Offer).resources, (this.launchLists[i] as TaskLaunch[]).length, this.limit(i));
  }
}
