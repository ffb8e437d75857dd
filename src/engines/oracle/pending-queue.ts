import { type Resources } from '../../cluster/resources.js';
import { BatchTasks } from '../kit/index.js';
import { type Job } from './oracle-engine.js';

/**
 * Consecutive waiting instances of one job that ask for the same resources: a trace job's thousands
 * of identical instances are one block, so a reconcile that cannot place them costs one step, not
 * thousands. The instances still waiting are `tasks.at(from)` … `tasks.at(to - 1)`, in arrival order, each
 * made only when the pass places it.
 */
export interface PendingBlock {
  readonly job: Job;
  /** The job's tasks (an arrival) or the one task put back (a requeue). */
  readonly tasks: BatchTasks;
  from: number;
  readonly to: number;
  /** How the instances end; undefined: each task's own first attempt. */
  readonly exitAs: 'finished' | 'failed' | undefined;
  /** The demand every instance of the block makes. */
  readonly resources: Resources;
  /** Every instance still waiting has had its "no room" note. */
  noted: boolean;
  /**
   * Must be tried against every node in the next pass: it never was, or its job's parallelism stopped
   * it. A block that is not untried found no node at its last try, so only nodes that have gained
   * room since can take it.
   */
  untried: boolean;
}

/** Where a tried block could still fit (see {@link PendingQueue.next}); false must mean it surely cannot. */
export interface Room {
  mayFit(cpu: number, memory: number, gpu: number): boolean;
}

/** True when a and b make the same demand (same vector, or equal cpu, memory and gpu and no extended resources). */
export function sameDemand(a: Resources, b: Resources): boolean {
  return a === b || (a.ext === undefined && b.ext === undefined && a.cpu === b.cpu && a.memory === b.memory && a.gpu === b.gpu);
}

/** Splits a job's arrival into blocks of consecutive tasks with the same demand. */
export function arrivalBlocks(job: Job): PendingBlock[] {
  const tasks = new BatchTasks(job.spec);
  const blocks: PendingBlock[] = [];
  let from = 0;
  for (let i = 1; i <= tasks.count; i++) {
    const start = tasks.resources(from);
    // A count-form job is one block: every task asks for the shape's one request.
    if (i < tasks.count && (tasks.shape !== undefined || sameDemand(start, tasks.resources(i)))) continue;
    blocks.push({ job, tasks, from, to: i, exitAs: undefined, resources: start, noted: false, untried: true });
    from = i;
  }
  return blocks;
}

const priorityOf = (b: PendingBlock): number => b.job.spec.priority;

/**
 * The oracle's waiting batch instances as blocks, kept ordered by priority (highest first), then
 * arrival: the order of a full sort by (priority desc, arrival asc), kept without sorting because an
 * arrival goes after every queued block of the same or a higher priority (the end of the queue when
 * all priorities are equal). A segment tree over the block slots holds, per range, the number of
 * waiting instances, the componentwise smallest demand and the number of untried blocks: a reconcile
 * finds the next block that could be placed, and the arrival number of any instance, in O(log n).
 * Placed-out blocks stay in their slot (empty) until the next rebuild.
 */
export class PendingQueue {
  private slots: PendingBlock[] = [];
  private cap = 0;
  private count = new Float64Array(0);
  private minCpu = new Float64Array(0);
  private minMem = new Float64Array(0);
  private minGpu = new Float64Array(0);
  private untried = new Int32Array(0);
  private empty = 0;

  /** Waiting instances in all. */
  get size(): number {
    return this.cap === 0 ? 0 : (this.count[1] as number);
  }

  /** The componentwise smallest demand of the waiting blocks (+∞ each when none waits). */
  smallest(): Resources {
    return this.cap === 0
      ? { cpu: Number.POSITIVE_INFINITY, memory: Number.POSITIVE_INFINITY, gpu: Number.POSITIVE_INFINITY }
      : { cpu: this.minCpu[1] as number, memory: this.minMem[1] as number, gpu: this.minGpu[1] as number };
  }

  /** The block in slot `slot`. */
  block(slot: number): PendingBlock {
    return this.slots[slot] as PendingBlock;
  }

  /** Adds one job's blocks (one priority, after every queued block). */
  add(blocks: readonly PendingBlock[]): void {
    const first = blocks[0];
    if (first === undefined) return;
    const priority = priorityOf(first);
    const n = this.slots.length;
    // Slots stay in queue order (emptied ones too), so the last slot has the lowest priority.
    if ((n === 0 || priorityOf(this.slots[n - 1] as PendingBlock) >= priority) && n + blocks.length <= this.cap) {
      for (const b of blocks) {
        this.slots.push(b);
        this.refresh(this.slots.length - 1);
      }
      return;
    }
    const live = this.slots.filter((b) => b.from < b.to);
    let at = live.length;
    while (at > 0 && priorityOf(live[at - 1] as PendingBlock) < priority) at--;
    const tail = live.splice(at);
    for (const b of blocks) live.push(b);
    for (const b of tail) live.push(b);
    this.rebuild(live);
  }

  /** Drops emptied slots when they make up most of the queue (slot numbers change: not during a pass). */
  compact(): void {
    if (this.empty > 1024 && this.empty * 2 > this.slots.length) this.rebuild(this.slots.filter((b) => b.from < b.to));
  }

  /** Marks every block untried and unnoted (their notes may have been overwritten). */
  forgetAll(): void {
    for (const b of this.slots) {
      b.noted = false;
      b.untried = true;
    }
    this.rebuild(this.slots.filter((b) => b.from < b.to));
  }

  /** Re-reads slot `slot` after its block changed (instances placed, untried flag). */
  refresh(slot: number): void {
    const b = this.slots[slot] as PendingBlock;
    let i = slot + this.cap;
    const live = b.from < b.to;
    if (!live && (this.count[i] as number) > 0) this.empty++;
    this.count[i] = b.to - b.from;
    this.minCpu[i] = live ? b.resources.cpu : Number.POSITIVE_INFINITY;
    this.minMem[i] = live ? b.resources.memory : Number.POSITIVE_INFINITY;
    this.minGpu[i] = live ? b.resources.gpu : Number.POSITIVE_INFINITY;
    this.untried[i] = live && b.untried ? 1 : 0;
    for (i >>= 1; i >= 1; i >>= 1) this.pull(i);
  }

  /** Waiting instances in the slots before `slot`. */
  before(slot: number): number {
    let sum = 0;
    let lo = this.cap;
    let hi = slot + this.cap;
    // Sum over leaves [cap, slot + cap) bottom-up.
    while (lo < hi) {
      if (lo & 1) sum += this.count[lo++] as number;
      if (hi & 1) sum += this.count[--hi] as number;
      lo >>= 1;
      hi >>= 1;
    }
    return sum;
  }

  /**
   * The first slot from `from` on whose block has waiting instances and is untried or may fit in
   * `room`, or -1. A range is skipped when it holds no untried block and even its componentwise
   * smallest demand cannot fit.
   */
  next(from: number, room: Room): number {
    if (this.cap === 0 || from >= this.slots.length) return -1;
    return this.find(1, 0, this.cap, from, room);
  }

  private find(node: number, lo: number, hi: number, from: number, room: Room): number {
    if (hi <= from || (this.count[node] as number) === 0) return -1;
    if ((this.untried[node] as number) === 0 && !room.mayFit(this.minCpu[node] as number, this.minMem[node] as number, this.minGpu[node] as number)) return -1;
    if (node >= this.cap) return lo;
    const mid = (lo + hi) >>> 1;
    const left = this.find(2 * node, lo, mid, from, room);
    return left >= 0 ? left : this.find(2 * node + 1, mid, hi, from, room);
  }

  private pull(i: number): void {
    const l = 2 * i;
    const r = l + 1;
    this.count[i] = (this.count[l] as number) + (this.count[r] as number);
    this.minCpu[i] = Math.min(this.minCpu[l] as number, this.minCpu[r] as number);
    this.minMem[i] = Math.min(this.minMem[l] as number, this.minMem[r] as number);
    this.minGpu[i] = Math.min(this.minGpu[l] as number, this.minGpu[r] as number);
    this.untried[i] = (this.untried[l] as number) + (this.untried[r] as number);
  }

  private rebuild(blocks: PendingBlock[]): void {
    let cap = 16;
    while (cap < blocks.length * 2) cap *= 2;
    this.cap = cap;
    this.slots = blocks;
    this.count = new Float64Array(2 * cap);
    this.minCpu = new Float64Array(2 * cap).fill(Number.POSITIVE_INFINITY);
    this.minMem = new Float64Array(2 * cap).fill(Number.POSITIVE_INFINITY);
    this.minGpu = new Float64Array(2 * cap).fill(Number.POSITIVE_INFINITY);
    this.untried = new Int32Array(2 * cap);
    this.empty = 0;
    blocks.forEach((b, slot) => {
      const i = slot + cap;
      this.count[i] = b.to - b.from;
      this.minCpu[i] = b.resources.cpu;
      this.minMem[i] = b.resources.memory;
      this.minGpu[i] = b.resources.gpu;
      this.untried[i] = b.untried ? 1 : 0;
    });
    for (let i = cap - 1; i >= 1; i--) this.pull(i);
  }
}
