import { type Resources } from '../../cluster/resources.js';
import { type AgentState, holdsMinAllocatable } from './allocator-state.js';

/**
 * The allocator's agents as a table of slots, with the facts every cycle reads about every agent
 * in flat arrays (structure of arrays): whether the agent is active and eligible, its free
 * standard resources, and its "quiet" mark. A cycle over 10,000 agents then scans a few dense
 * arrays instead of chasing three or four objects per agent. The agent objects stay the truth; the
 * table mirrors them and is refreshed by the allocator on every change.
 *
 * `order` lists the slots in the order the agents were added (as a Map's iteration order: an
 * agent removed and added again goes last), which is the order a cycle collects its candidates in.
 */
export class AgentTable {
  readonly states: (AgentState | undefined)[] = [];
  /** Slots in the order the agents were added. */
  readonly order: number[] = [];
  /** 1 when the agent is active. */
  readonly active: number[] = [];
  /** 1 eligible, 0 not, -1 ask the host (the agent came without a handle). */
  readonly eligible: number[] = [];
  /** total − allocated per standard dimension (the same subtractions `hasAllocatable` makes). */
  readonly freeCpu: number[] = [];
  readonly freeMemory: number[] = [];
  readonly freeGpu: number[] = [];
  /** 1 when neither the total nor the allocation has extended dimensions (the free columns are exact). */
  readonly plain: number[] = [];
  /** Bumped whenever the agent's allocation changes. */
  readonly version: number[] = [];
  /** The quiet mark (see `HierarchicalAllocator.allocateAgent`): valid for this version and epoch, before this time. */
  readonly quietVersion: number[] = [];
  readonly quietEpoch: number[] = [];
  readonly quietUntil: number[] = [];
  private readonly unused: number[] = [];

  /** Puts an agent in a free slot (at the end of `order`) and returns the slot. */
  add(a: AgentState, eligible: number): number {
    const slot = this.unused.pop() ?? this.states.length;
    this.states[slot] = a;
    this.order.push(slot);
    this.active[slot] = a.active ? 1 : 0;
    this.eligible[slot] = eligible;
    this.version[slot] = 0;
    this.quietVersion[slot] = -1;
    this.quietEpoch[slot] = -1;
    this.quietUntil[slot] = 0;
    this.refresh(slot);
    return slot;
  }

  remove(slot: number): void {
    this.states[slot] = undefined;
    this.order.splice(this.order.indexOf(slot), 1);
    this.unused.push(slot);
  }

  /** Re-reads the agent's allocation into the free columns and bumps its version. */
  allocationChanged(slot: number): void {
    this.version[slot] = (this.version[slot] as number) + 1;
    this.refresh(slot);
  }

  /**
   * Appends to `out` the slots of `source` (in its order) whose agents are active, have something
   * allocatable and are eligible: a cycle's candidates. `general` decides agents with extended
   * dimensions, `ask` agents added without a handle.
   */
  candidates(source: readonly number[], minAllocatable: readonly Resources[], general: (a: AgentState) => boolean, ask: (a: AgentState) => boolean, out: number[]): void {
    for (let k = 0; k < source.length; k++) {
      const slot = source[k] as number;
      if (this.active[slot] !== 1 || !this.hasAllocatable(slot, minAllocatable, general)) continue;
      const e = this.eligible[slot];
      if (e === 1 || (e === -1 && ask(this.states[slot] as AgentState))) out.push(slot);
    }
  }

  /** Whether the agent's quiet mark holds: set at this allocation version and epoch, and not expired. */
  isQuiet(slot: number, epoch: number, now: number): boolean {
    return this.quietVersion[slot] === this.version[slot] && this.quietEpoch[slot] === epoch && now < (this.quietUntil[slot] as number);
  }

  /** Marks the agent quiet until `until` (for its current allocation version and this epoch). */
  markQuiet(slot: number, epoch: number, until: number): void {
    this.quietVersion[slot] = this.version[slot] as number;
    this.quietEpoch[slot] = epoch;
    this.quietUntil[slot] = until;
  }

  /**
   * `hasAllocatable` from the columns: whether the agent's free resources hold at least one of the
   * minimum allocatable vectors (agents with extended dimensions take the general path).
   */
  hasAllocatable(slot: number, minAllocatable: readonly Resources[], general: (a: AgentState) => boolean): boolean {
    if (this.plain[slot] !== 1) return general(this.states[slot] as AgentState);
    return holdsMinAllocatable(minAllocatable, this.freeCpu[slot] as number, this.freeMemory[slot] as number, this.freeGpu[slot] as number);
  }

  private refresh(slot: number): void {
    const a = this.states[slot] as AgentState;
    const t = a.total;
    const u = a.allocated;
    this.plain[slot] = t.ext === undefined && u.ext === undefined ? 1 : 0;
    this.freeCpu[slot] = t.cpu - u.cpu;
    this.freeMemory[slot] = t.memory - u.memory;
    this.freeGpu[slot] = t.gpu - u.gpu;
  }
}
