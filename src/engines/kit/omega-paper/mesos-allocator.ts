import { type Rng } from '../../../sim/rng.js';
import { type PaperCell } from './cell.js';
import { type PaperHost } from './host.js';
import { MesosFramework, type OfferClaim } from './mesos-framework.js';

/** Counter of offers the allocator sent (the simulator's Mesos offer count). */
export const OFFERS_COUNTER = 'offers-made';

/**
 * The Mesos model's allocator (omega-simulator.md §4.4; `MesosAllocator`). A request puts the
 * framework in the "wants offers" set and, unless a round is already pending, schedules one after
 * `offerBatchInterval` (1 s). A round runs only if some framework wants offers and at least
 * `minOfferCpu` (100 CPUs) is available (the simulator's memory minimum is compared with CPUs, so
 * memory is never checked). It offers to the one requesting framework with the lowest DRF dominant
 * share over occupied (not locked) resources, ties in the host's scheduler order: a private copy of
 * the cell, after which every free resource of every machine is locked in the shared cell, so one
 * offer holds the whole free pool. The offer reaches the framework after the allocator's think time
 * (1 ms). The framework replies after the sum of its jobs' think times: the allocator unlocks the
 * offer, commits the claims (resource-fit; they cannot conflict) and runs them. Every reply and every
 * task end asks for another (batched) round.
 */
export class MesosAllocatorModel {
  readonly frameworks: MesosFramework[];
  private readonly wanting = new Set<MesosFramework>();
  private roundPending = false;
  /**
   * Offer copies and locked pools of offers already answered, reused by the next rounds: each is
   * three or two arrays of a value per machine, and a 3-day run makes ~86 k offers. Several offers
   * may be out at once (a round while a framework still thinks), so these are lists.
   */
  private readonly spareCells: PaperCell[] = [];
  private readonly sparePools: LockedPool[] = [];

  constructor(
    private readonly host: PaperHost,
    rngFor: (scheduler: string) => Rng,
  ) {
    this.frameworks = host.schedulers.map(
      (name, s) =>
        new MesosFramework(
          host,
          rngFor(name),
          s,
          (f) => this.requestOffer(f),
          (f) => this.wanting.delete(f),
        ),
    );
  }

  /** `requestOffer`. */
  requestOffer(framework: MesosFramework): void {
    this.wanting.add(framework);
    this.scheduleRound();
  }

  /** `schedBuildAndSendOffer`: at most one round pending, `offerBatchInterval` from the first request. */
  private scheduleRound(): void {
    if (this.roundPending) return;
    this.roundPending = true;
    this.host.ctx.after(this.host.options.offerBatchInterval, () => {
      this.round();
      this.roundPending = false;
    });
  }

  /** `buildAndSendOffer`. */
  private round(): void {
    const cell = this.host.cell;
    if (this.wanting.size === 0 || cell.availableCpu() < this.host.options.minOfferCpu) return;
    const framework = this.lowestShare();
    const offer = cell.copy(this.spareCells.pop());
    const locked = lockAllAvailable(cell, framework.s, this.sparePools.pop());
    if (locked.totalCpu === 0 && locked.totalMemory === 0) {
      this.spareCells.push(offer);
      this.sparePools.push(locked);
      return;
    }
    this.host.count(OFFERS_COUNTER, framework.s);
    this.host.locked(framework.s, locked.totalCpu, locked.totalMemory);
    this.host.ctx.after(this.host.options.allocatorThinkTime, () => {
      const reply = framework.handleOffer(offer);
      // The reply holds machine numbers only: the offer's copy is free for the next round.
      this.spareCells.push(offer);
      this.host.ctx.after(reply.delay, () => this.respond(framework.s, locked, reply.claims));
    });
  }

  /** DRF (`drfSortSchedulers`): the wanting framework with the lowest max(occupied CPU share, occupied memory share). */
  private lowestShare(): MesosFramework {
    const cell = this.host.cell;
    let best: MesosFramework | undefined;
    let bestShare = Infinity;
    for (const f of this.frameworks) {
      if (!this.wanting.has(f)) continue;
      const share = Math.max((cell.occupiedCpu[f.s] as number) / cell.totalCpu, (cell.occupiedMemory[f.s] as number) / cell.totalMemory);
      if (share < bestShare) {
        best = f;
        bestShare = share;
      }
    }
    return best as MesosFramework;
  }

  /** `respondToOffer`: unlock what the offer held, commit the claims, run them; then another round. */
  private respond(s: number, locked: LockedPool, claims: readonly OfferClaim[]): void {
    const cell = this.host.cell;
    unlockPool(cell, s, locked);
    this.sparePools.push(locked);
    this.host.locked(s, -locked.totalCpu, -locked.totalMemory);
    const again = (): void => this.scheduleRound();
    for (const c of claims) {
      for (const m of c.machines) cell.claim(s, m, c.job.cpu, c.job.memory, false);
      this.host.run(c.job, s, c.machines, again);
    }
    this.scheduleRound();
  }
}

/** What one offer locked: per machine, the CPU and memory locked (0 where the machine was full). */
export interface LockedPool {
  readonly cpu: Float64Array;
  readonly memory: Float64Array;
  totalCpu: number;
  totalMemory: number;
}

/**
 * `scheduleAllAvailable(locked = true)`: locks all room of every machine for scheduler `s` (a claim
 * per machine with room, raising its sequence number, as the simulator's deltas do). `into`, a pool
 * already unlocked, is overwritten and returned instead of new arrays.
 */
export function lockAllAvailable(cell: PaperCell, s: number, into?: LockedPool): LockedPool {
  const n = cell.machines;
  const pool = into ?? { cpu: new Float64Array(n), memory: new Float64Array(n), totalCpu: 0, totalMemory: 0 };
  const { cpu, memory } = pool;
  let totalCpu = 0;
  let totalMemory = 0;
  const { capacityCpu, capacityMemory, allocatedCpu, allocatedMemory, seq } = cell;
  for (let m = 0; m < n; m++) {
    const c = (capacityCpu[m] as number) - (allocatedCpu[m] as number);
    const mem = (capacityMemory[m] as number) - (allocatedMemory[m] as number);
    if (c > 0 || mem > 0) {
      cpu[m] = c;
      memory[m] = mem;
      allocatedCpu[m] = capacityCpu[m] as number;
      allocatedMemory[m] = capacityMemory[m] as number;
      seq[m] = (seq[m] as number) + 1;
      totalCpu += c;
      totalMemory += mem;
    } else {
      cpu[m] = 0;
      memory[m] = 0;
    }
  }
  cell.lockedCpu[s] = (cell.lockedCpu[s] as number) + totalCpu;
  cell.lockedMemory[s] = (cell.lockedMemory[s] as number) + totalMemory;
  cell.totalLockedCpu += totalCpu;
  cell.totalLockedMemory += totalMemory;
  pool.totalCpu = totalCpu;
  pool.totalMemory = totalMemory;
  return pool;
}

/** Unlocks what {@link lockAllAvailable} locked for scheduler `s` (`unApply(locked = true)` of each delta). */
export function unlockPool(cell: PaperCell, s: number, pool: LockedPool): void {
  const { allocatedCpu, allocatedMemory } = cell;
  for (let m = 0; m < cell.machines; m++) {
    allocatedCpu[m] = (allocatedCpu[m] as number) - (pool.cpu[m] as number);
    allocatedMemory[m] = (allocatedMemory[m] as number) - (pool.memory[m] as number);
  }
  cell.lockedCpu[s] = (cell.lockedCpu[s] as number) - pool.totalCpu;
  cell.lockedMemory[s] = (cell.lockedMemory[s] as number) - pool.totalMemory;
  cell.totalLockedCpu -= pool.totalCpu;
  cell.totalLockedMemory -= pool.totalMemory;
}
