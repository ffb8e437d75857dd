import { admits, type PlacementConstraints } from '../../../cluster/constraints.js';
import { fitsWithin, type Resources, subtractResources } from '../../../cluster/resources.js';
import { type TaskLaunch } from '../../../cluster/task.js';
import { type Offer } from '../types.js';

interface Entry {
  readonly offer: Offer;
  free: Resources;
  readonly launches: TaskLaunch[];
  readonly limit: number;
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

  constructor(offers: readonly Offer[], perOfferLimit: number = Number.POSITIVE_INFINITY) {
    this.entries = offers.map((offer) => ({ offer, free: offer.resources, launches: [], limit: Math.min(perOfferLimit, offer.slots) }));
  }

  /** Places one task in the first offer that admits and fits it; returns the offer or why not. */
  place(resources: Resources, constraints: PlacementConstraints, build: (offer: Offer) => TaskLaunch): { kind: 'placed'; offer: Offer } | { kind: 'unplaced'; why: NoFit } {
    if (this.entries.length === 0) return { kind: 'unplaced', why: 'no-offers' };
    let admitted = false;
    for (const e of this.entries) {
      if (e.launches.length >= e.limit || !admits(e.offer.node, constraints)) continue;
      admitted = true;
      if (!fitsWithin(resources, e.free)) continue;
      e.free = subtractResources(e.free, resources);
      e.launches.push(build(e.offer));
      return { kind: 'placed', offer: e.offer };
    }
    return { kind: 'unplaced', why: admitted ? 'resources' : 'constraints' };
  }

  /**
   * Whether any offer still has something free (cpu, memory or gpus) and a free slot: the Omega
   * simulator's framework keeps taking jobs from its queue for an offer only while this holds.
   */
  hasFree(): boolean {
    return this.entries.some((e) => e.launches.length < e.limit && (e.free.cpu > 0 || e.free.memory > 0 || e.free.gpu > 0));
  }

  /** Whether any offer still has room for at least `resources` (a cheap pre-check). */
  anyRoomFor(resources: Resources): boolean {
    return this.entries.some((e) => e.launches.length < e.limit && fitsWithin(resources, e.free));
  }

  /** Launches per offer id, in offer order (offers without launches map to []). */
  launches(): Map<string, TaskLaunch[]> {
    return new Map(this.entries.map((e) => [e.offer.id, e.launches]));
  }
}
