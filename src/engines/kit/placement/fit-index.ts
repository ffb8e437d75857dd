import { admits, type PlacementConstraints } from '../../../cluster/constraints.js';
import { type Resources } from '../../../cluster/resources.js';
import { type NodeAgentApi } from '../../engine.js';

/**
 * Slack when comparing a node's free score with a task's best-fit score. Both are sums of at most
 * three fractions ≤ 1 computed in doubles, so their rounding errors are ~1e-15; 1e-9 is far above that
 * and far below any real difference that matters for the scan's cut-offs (the final choice is always
 * made on the exact leftover score {@link bestFitNode} computes).
 */
const EPS = 1e-9;

/**
 * Free cpu and free memory are cut into bands of the node's allocatable (powers of two: the scan's
 * bounds rely on band / bands being exact), so that a query skips the nodes short of cpu or memory
 * without looking at them. Memory is cut finer: on the Alibaba day the cluster fills up on memory
 * first, and with 16 memory bands (16 GiB each on 256 GiB machines) a query walked ~330 nodes that
 * were a little short of memory per placement; with 256 (1 GiB) it walks a fifth of that, and the
 * empty lists cost nothing (occupancy bits). 2 h of the day: 13.3 s → ~10.8 s of CPU.
 */
const CPU_BANDS = 16;
const MEM_BANDS = 256;
/** 32-bit words of occupancy bits per cpu band. */
const WORDS = MEM_BANDS / 32;

/** Nodes with the same allocatable, labels and taints: they admit the same constraints. */
interface Shape {
  readonly rep: NodeAgentApi;
  readonly cap: Resources;
  /** Up nodes of this shape per (cpu band × MEM_BANDS + memory band), each ordered by (free score, scenario index); made at first use. */
  readonly buckets: (number[] | undefined)[];
  /** One bit per bucket, set while it has members: bucket cb × MEM_BANDS + mb is bit mb % 32 of word cb × WORDS + mb / 32. */
  readonly occupied: Uint32Array;
  size: number;
}

/**
 * An index over the nodes that gives exactly {@link bestFitNode}'s choice without scanning every node:
 * nodes are grouped by shape (allocatable, labels, taints) and, per shape, kept ordered by their free
 * score (sum of free fractions of cpu, memory and gpu). For one shape the leftover score of a task is
 * the free score minus a constant, so the best node of a shape is among the first nodes (in that
 * order) that fit; the leftover score is then computed exactly as the linear scan does and ties go to
 * the earlier node in scenario order. The owner must call {@link markDirty} whenever a node's free
 * resources or up state may have changed (launch, exit, stop, crash, boot).
 */
export class FitIndex {
  private readonly shapes: Shape[] = [];
  private readonly shapeOf: Int32Array;
  private readonly bucketOf: Int32Array;
  private readonly key: Float64Array;
  /** Free cpu, memory and gpu of each filed node, as `agent.free()` gave them when it was filed. */
  private readonly freeCpu: Float64Array;
  private readonly freeMem: Float64Array;
  private readonly freeGpu: Float64Array;
  private readonly inIndex: Uint8Array;
  private readonly dirtyFlag: Uint8Array;
  private dirty: number[] = [];
  private readonly byName = new Map<string, number>();

  constructor(
    private readonly agents: readonly NodeAgentApi[],
    private readonly isUp: (node: string) => boolean,
  ) {
    const n = agents.length;
    this.shapeOf = new Int32Array(n);
    this.bucketOf = new Int32Array(n);
    this.key = new Float64Array(n);
    this.freeCpu = new Float64Array(n);
    this.freeMem = new Float64Array(n);
    this.freeGpu = new Float64Array(n);
    this.inIndex = new Uint8Array(n);
    this.dirtyFlag = new Uint8Array(n);
    const shapeIds = new Map<string, number>();
    agents.forEach((agent, i) => {
      const spec = agent.node;
      this.byName.set(spec.name, i);
      const sig = JSON.stringify([spec.allocatable, spec.labels, spec.taints, spec.maxTasks]);
      let id = shapeIds.get(sig);
      if (id === undefined) {
        id = this.shapes.length;
        shapeIds.set(sig, id);
        this.shapes.push({
          rep: agent,
          cap: spec.allocatable,
          buckets: new Array<number[] | undefined>(CPU_BANDS * MEM_BANDS).fill(undefined),
          occupied: new Uint32Array(CPU_BANDS * WORDS),
          size: 0,
        });
      }
      this.shapeOf[i] = id;
      this.markDirty(i);
    });
  }

  /** Notes that node `i` (scenario index) may have changed; it is re-filed before the next query. */
  markDirty(i: number): void {
    if (this.dirtyFlag[i] === 1) return;
    this.dirtyFlag[i] = 1;
    this.dirty.push(i);
  }

  /** {@link markDirty} by node name. */
  markDirtyByName(name: string): void {
    const i = this.byName.get(name);
    if (i !== undefined) this.markDirty(i);
  }

  /** The same node {@link bestFitNode} would return for these arguments. */
  best(demand: Resources, constraints: PlacementConstraints, fits: (agent: NodeAgentApi) => boolean): NodeAgentApi | undefined {
    this.flush();
    if (constraints.nodeName !== undefined) {
      const i = this.byName.get(constraints.nodeName);
      if (i === undefined || this.inIndex[i] !== 1) return undefined;
      const agent = this.agents[i] as NodeAgentApi;
      return admits(agent.node, constraints) && fits(agent) ? agent : undefined;
    }
    let best = -1;
    let bestLeft = Number.POSITIVE_INFINITY;
    for (const shape of this.shapes) {
      if (shape.size === 0 || !admits(shape.rep.node, constraints)) continue;
      const cap = shape.cap;
      const need = freeScore(cap, demand);
      // A node with at least the demand free lies in a band at least the demand's (band() is monotone).
      const cpuFrom = band(demand.cpu, cap.cpu, CPU_BANDS);
      const memFrom = band(demand.memory, cap.memory, MEM_BANDS);
      const memLow = memFrom / MEM_BANDS;
      for (let cb = cpuFrom; cb < CPU_BANDS; cb++) {
        // A node in band (cb, mb) has a free score of at least cb / CPU_BANDS + mb / MEM_BANDS (powers
        // of two, so band() scales exactly): once that leaves more than the best so far, the scan of
        // the band would stop at its first node, and so would every band further out. Only the
        // occupied bands of the row are visited, in increasing mb.
        const cpuLow = cb / CPU_BANDS;
        if (cpuLow + memLow - need > bestLeft + 2 * EPS) break;
        const row = cb * WORDS;
        scanRow: for (let w = memFrom >>> 5; w < WORDS; w++) {
          let bits = shape.occupied[row + w] as number;
          if (w === memFrom >>> 5) bits &= ~0 << (memFrom & 31);
          while (bits !== 0) {
            const low = bits & -bits;
            bits ^= low;
            const mb = (w << 5) + 31 - Math.clz32(low);
            if (cpuLow + mb / MEM_BANDS - need > bestLeft + 2 * EPS) break scanRow;
            const members = shape.buckets[cb * MEM_BANDS + mb] as number[];
            const found = this.scan(members, need, bestLeft, best, cap, demand, fits);
            if (found >= 0) {
              best = found;
              bestLeft = this.leftover(found, cap, demand);
            }
          }
        }
      }
    }
    return best < 0 ? undefined : this.agents[best];
  }

  /**
   * The best node of one band list that beats (bestLeft, best), or -1: from the first node whose free
   * score could hold the demand, up to EPS past the first node that fits (every later one leaves more).
   */
  private scan(
    members: readonly number[],
    need: number,
    bestLeft: number,
    bestIndex: number,
    cap: Resources,
    demand: Resources,
    fits: (agent: NodeAgentApi) => boolean,
  ): number {
    let best = -1;
    let firstKey = Number.NaN;
    let p = this.lowerBound(members, need - EPS);
    while (p < members.length) {
      const i = members[p] as number;
      const k = this.key[i] as number;
      // Every node from here on leaves more than the best so far (or than this list's first fit).
      if (k > firstKey + EPS || k - need > bestLeft + EPS) break;
      if ((this.freeCpu[i] as number) < demand.cpu || (this.freeMem[i] as number) < demand.memory || (this.freeGpu[i] as number) < demand.gpu) {
        // Too little room: so has every node with the same free resources (they are filed next to it).
        p = this.runEnd(members, p);
        continue;
      }
      // Room enough; the agent's own test adds the task count and extended resources.
      if (!fits(this.agents[i] as NodeAgentApi)) {
        p++;
        continue;
      }
      if (Number.isNaN(firstKey)) firstKey = k;
      const left = this.leftover(i, cap, demand);
      if (left < bestLeft || (left === bestLeft && i < bestIndex)) {
        bestLeft = left;
        bestIndex = i;
        best = i;
      }
      // Later nodes with the same free resources leave the same and come later in scenario order.
      p = this.runEnd(members, p);
    }
    return best;
  }

  private flush(): void {
    if (this.dirty.length === 0) return;
    const dirty = this.dirty;
    this.dirty = [];
    for (const i of dirty) {
      this.dirtyFlag[i] = 0;
      const shape = this.shapes[this.shapeOf[i] as number] as Shape;
      if (this.inIndex[i] === 1) {
        const members = shape.buckets[this.bucketOf[i] as number] as number[];
        members.splice(this.position(members, this.key[i] as number, i), 1);
        if (members.length === 0) setBit(shape.occupied, this.bucketOf[i] as number, false);
        this.inIndex[i] = 0;
        shape.size--;
      }
      const agent = this.agents[i] as NodeAgentApi;
      if (!this.isUp(agent.node.name)) continue;
      const free = agent.free();
      this.freeCpu[i] = free.cpu;
      this.freeMem[i] = free.memory;
      this.freeGpu[i] = free.gpu;
      const cap = shape.cap;
      const k = freeScore(cap, free);
      const b = band(free.cpu, cap.cpu, CPU_BANDS) * MEM_BANDS + band(free.memory, cap.memory, MEM_BANDS);
      let members = shape.buckets[b];
      if (members === undefined) shape.buckets[b] = members = [];
      this.key[i] = k;
      this.bucketOf[i] = b;
      members.splice(this.position(members, k, i), 0, i);
      if (members.length === 1) setBit(shape.occupied, b, true);
      this.inIndex[i] = 1;
      shape.size++;
    }
  }

  /** First position whose filing order (key, free cpu, memory, gpu, index) is not below node i's (i = ∞: past every node like it). */
  private position(members: readonly number[], k: number, i: number, like: number = i): number {
    const c = this.freeCpu[like] as number;
    const m = this.freeMem[like] as number;
    const g = this.freeGpu[like] as number;
    let lo = 0;
    let hi = members.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.before(members[mid] as number, k, c, m, g, i)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private before(j: number, k: number, c: number, m: number, g: number, i: number): boolean {
    const kj = this.key[j] as number;
    if (kj !== k) return kj < k;
    const cj = this.freeCpu[j] as number;
    if (cj !== c) return cj < c;
    const mj = this.freeMem[j] as number;
    if (mj !== m) return mj < m;
    const gj = this.freeGpu[j] as number;
    if (gj !== g) return gj < g;
    return j < i;
  }

  /** The position just past the nodes filed with the same free resources as the one at p. */
  private runEnd(members: readonly number[], p: number): number {
    const i = members[p] as number;
    const next = members[p + 1];
    if (
      next === undefined ||
      this.key[next] !== this.key[i] ||
      this.freeCpu[next] !== this.freeCpu[i] ||
      this.freeMem[next] !== this.freeMem[i] ||
      this.freeGpu[next] !== this.freeGpu[i]
    )
      return p + 1;
    return this.position(members, this.key[i] as number, Number.POSITIVE_INFINITY, i);
  }

  /** The leftover score of node i, computed exactly as {@link bestFitNode} does (same operations, same order). */
  private leftover(i: number, cap: Resources, demand: Resources): number {
    return (
      (cap.cpu > 0 ? ((this.freeCpu[i] as number) - demand.cpu) / cap.cpu : 0) +
      (cap.memory > 0 ? ((this.freeMem[i] as number) - demand.memory) / cap.memory : 0) +
      (cap.gpu > 0 ? ((this.freeGpu[i] as number) - demand.gpu) / cap.gpu : 0)
    );
  }

  /** First position whose key is ≥ k. */
  private lowerBound(members: readonly number[], k: number): number {
    let lo = 0;
    let hi = members.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.key[members[mid] as number] as number) < k) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** The band of `amount` out of `cap` (0 … bands − 1); monotone in `amount`. */
function band(amount: number, cap: number, bands: number): number {
  if (cap <= 0 || amount <= 0) return 0;
  return Math.min(bands - 1, Math.floor((amount / cap) * bands));
}

/** Sum of the fractions of the node's allocatable that `r` makes up (cpu, memory, gpu). */
function freeScore(cap: Resources, r: Resources): number {
  return (cap.cpu > 0 ? r.cpu / cap.cpu : 0) + (cap.memory > 0 ? r.memory / cap.memory : 0) + (cap.gpu > 0 ? r.gpu / cap.gpu : 0);
}

/** Sets or clears the occupancy bit of bucket `b` (cpu band × MEM_BANDS + memory band). */
function setBit(occupied: Uint32Array, b: number, on: boolean): void {
  const cb = Math.floor(b / MEM_BANDS);
  const mb = b - cb * MEM_BANDS;
  const w = cb * WORDS + (mb >>> 5);
  const bit = 1 << (mb & 31);
  occupied[w] = on ? (occupied[w] as number) | bit : (occupied[w] as number) & ~bit;
}
