import { type PlacementConstraints } from '../../../cluster/constraints.js';
import { type NodeSpec } from '../../../cluster/node.js';
import { type Resources } from '../../../cluster/resources.js';
import { type Rng } from '../../../sim/rng.js';
import { leftoverScore } from '../../kit/index.js';
import { type CellState, type Tentative } from '../cell/cell-state.js';
import { type PlannedClaim } from '../cell/transaction.js';
import { type PlacementRule } from '../options.js';

/** A task a scheduler wants placed in this attempt. */
export interface TaskToPlace<T> {
  readonly demand: Resources;
  readonly constraints: PlacementConstraints;
  readonly item: T;
}

/**
 * A scheduler's private copy of the cell state ([O] §3.4: "a private, local, frequently-updated copy"),
 * and its placement on it. The copy is taken at the start of an attempt and the placement does not
 * change during the think time, so placing at the start against the live state, with the scheduler's own
 * tentative claims kept beside it, gives exactly what placing on a full copy at the end of the think time
 * gives (the simulator copies the whole cell per attempt, [SIM] §4.5), without O(cell) copying: each
 * planned claim records the machine's sequence number at the copy, which is all the commit needs.
 */
export class PrivateCopy {
  /** Machine indexes in a scratch order for randomized first fit (a permutation, reused across attempts). */
  private readonly pool: Int32Array;
  /** Machines still in the pool of the current demand: `pool[0 .. left)`. */
  private left = 0;

  constructor(
    private readonly cell: CellState,
    private readonly rng: Rng,
    private readonly rule: PlacementRule,
  ) {
    this.pool = Int32Array.from(cell.machines.keys());
  }

  /**
   * Places as many of `tasks` as fit on the copy, in order; a partial placement is allowed (the
   * simulator's scheduleJob, [SIM] §4.1). Returns the planned claims.
   */
  place<T>(tasks: readonly TaskToPlace<T>[]): PlannedClaim<T>[] {
    const planned: PlannedClaim<T>[] = [];
    const mine = new Map<number, Tentative>();
    let last: TaskToPlace<T> | undefined;
    for (const task of tasks) {
      // Machines swapped out for one demand may take another: start from the whole pool again.
      if (last === undefined || !sameAsk(last, task)) this.left = this.pool.length;
      last = task;
      const m = this.rule === 'best-fit' ? this.bestFit(task, mine) : this.randomFirstFit(task, mine);
      if (m < 0) continue;
      planned.push({ machine: m, seqAtCopy: this.cell.seq(m), demand: task.demand, item: task.item });
      const t = mine.get(m) ?? { cpu: 0, memory: 0, gpu: 0, tasks: 0 };
      t.cpu += task.demand.cpu;
      t.memory += task.demand.memory;
      t.gpu += task.demand.gpu;
      t.tasks += 1;
      mine.set(m, t);
    }
    return planned;
  }

  /**
   * Randomized first fit ([SIM] §4.1): pick a random machine of the pool; if the task fits, take it and
   * keep the machine in the pool; otherwise swap it out of the pool. -1 when the pool runs dry.
   */
  private randomFirstFit<T>(task: TaskToPlace<T>, mine: Map<number, Tentative>): number {
    const pool = this.pool;
    while (this.left > 0) {
      const j = this.rng.int(0, this.left - 1);
      const m = pool[j] as number;
      if (this.cell.fits(m, task.demand, task.constraints, mine.get(m))) return m;
      pool[j] = pool[this.left - 1] as number;
      pool[this.left - 1] = m;
      this.left--;
    }
    return -1;
  }

  /** Best fit on the copy: the machine that fits with the least room left (kit leftoverScore); ties to the lower index. */
  private bestFit<T>(task: TaskToPlace<T>, mine: Map<number, Tentative>): number {
    let best = -1;
    let bestLeft = Number.POSITIVE_INFINITY;
    for (let m = 0; m < this.cell.size; m++) {
      const t = mine.get(m);
      if (!this.cell.fits(m, task.demand, task.constraints, t)) continue;
      const free = this.cell.free(m);
      const room = t === undefined ? free : { cpu: free.cpu - t.cpu, memory: free.memory - t.memory, gpu: free.gpu - t.gpu };
      const left = leftoverScore(room, (this.cell.machines[m] as NodeSpec).allocatable, task.demand);
      if (left < bestLeft) {
        bestLeft = left;
        best = m;
      }
    }
    return best;
  }
}

function sameAsk<T>(a: TaskToPlace<T>, b: TaskToPlace<T>): boolean {
  const x = a.demand;
  const y = b.demand;
  return a.constraints === b.constraints && x.cpu === y.cpu && x.memory === y.memory && x.gpu === y.gpu && x.ext === undefined && y.ext === undefined;
}
