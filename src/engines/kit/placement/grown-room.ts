import { type Resources } from '../../../cluster/resources.js';

/**
 * The free room of the nodes that have gained room since the last batch pass (and are up and below
 * their task count limit), for the pass's quick test: a block that found no node in an earlier pass
 * can only fit on one of them now. The test is a necessary condition for a fit (cpu, memory and gpu;
 * extended resources are left to the real placement), so it may let a block through that will not
 * fit, but never turns one away that would. A node that can no longer take the smallest demand of
 * the queue leaves the set for the rest of the pass (free room only shrinks during a pass, and the
 * smallest demand only grows as blocks are placed out).
 */
export class GrownRoom {
  private cpu = new Float64Array(16);
  private memory = new Float64Array(16);
  private gpu = new Float64Array(16);
  /** Node index per slot; slots [0, size) are live. */
  private node = new Int32Array(16);
  private size = 0;
  /** Slot of each node, -1 if it is not in the set. */
  private readonly slotOf: Int32Array;
  /** Componentwise smallest demand of the queue at the start of the pass. */
  private min: Resources = { cpu: 0, memory: 0, gpu: 0 };
  // Upper bounds of the room (maxima at the start of the pass): a cheap first rejection.
  private maxCpu = Number.NEGATIVE_INFINITY;
  private maxMemory = Number.NEGATIVE_INFINITY;
  private maxGpu = Number.NEGATIVE_INFINITY;

  constructor(nodeCount: number) {
    this.slotOf = new Int32Array(nodeCount).fill(-1);
  }

  /**
   * Starts a pass: `nodes` (scenario indexes) with `free(i)` their free room, or undefined when down or
   * full (task count); `min` is the componentwise smallest demand waiting.
   */
  reset(nodes: readonly number[], free: (i: number) => Resources | undefined, min: Resources): void {
    for (let s = 0; s < this.size; s++) this.slotOf[this.node[s] as number] = -1;
    this.size = 0;
    this.min = min;
    if (this.cpu.length < nodes.length) {
      const n = Math.max(nodes.length, 2 * this.cpu.length);
      this.cpu = new Float64Array(n);
      this.memory = new Float64Array(n);
      this.gpu = new Float64Array(n);
      this.node = new Int32Array(n);
    }
    let c = Number.NEGATIVE_INFINITY;
    let m = Number.NEGATIVE_INFINITY;
    let g = Number.NEGATIVE_INFINITY;
    for (const i of nodes) {
      const f = free(i);
      if (f === undefined || !this.useful(f)) continue;
      const slot = this.size++;
      this.node[slot] = i;
      this.slotOf[i] = slot;
      this.cpu[slot] = f.cpu;
      this.memory[slot] = f.memory;
      this.gpu[slot] = f.gpu;
      c = Math.max(c, f.cpu);
      m = Math.max(m, f.memory);
      g = Math.max(g, f.gpu);
    }
    this.maxCpu = c;
    this.maxMemory = m;
    this.maxGpu = g;
  }

  /** Takes in node i's new free room after a placement, undefined when it is now full (ignored unless i is in the set). */
  update(i: number, free: Resources | undefined): void {
    const slot = this.slotOf[i] as number;
    if (slot < 0) return;
    if (free !== undefined && this.useful(free)) {
      this.cpu[slot] = free.cpu;
      this.memory[slot] = free.memory;
      this.gpu[slot] = free.gpu;
      return;
    }
    // Out of the set: the last slot moves into its place.
    const last = --this.size;
    this.slotOf[i] = -1;
    if (slot === last) return;
    const j = this.node[last] as number;
    this.node[slot] = j;
    this.slotOf[j] = slot;
    this.cpu[slot] = this.cpu[last] as number;
    this.memory[slot] = this.memory[last] as number;
    this.gpu[slot] = this.gpu[last] as number;
  }

  /** Whether some node of the set may have `cpu`, `memory` and `gpu` free (false means: surely none has). */
  mayFit(cpu: number, memory: number, gpu: number): boolean {
    if (cpu > this.maxCpu || memory > this.maxMemory || gpu > this.maxGpu) return false;
    for (let s = 0; s < this.size; s++) {
      if (cpu <= (this.cpu[s] as number) && memory <= (this.memory[s] as number) && gpu <= (this.gpu[s] as number)) return true;
    }
    return false;
  }

  /** Whether a node with this much free could still take some waiting demand. */
  private useful(free: Resources): boolean {
    return free.cpu >= this.min.cpu && free.memory >= this.min.memory && free.gpu >= this.min.gpu;
  }
}
