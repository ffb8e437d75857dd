import { type Resources } from '../../../cluster/resources.js';
import { type AgentState, holdsMinAllocatable } from './allocator-state.js';

/** The cells of one slot (see AgentTable): flags, free cpu, memory and gpu, version, quiet mark. */
const FLAGS = 0;
const FREE_CPU = 1;
const FREE_MEMORY = 2;
const FREE_GPU = 3;
const VERSION = 4;
const QUIET_VERSION = 5;
const QUIET_EPOCH = 6;
const QUIET_UNTIL = 7;
/** Cells per slot: 8 doubles, 64 bytes (about one cache line per agent). */
const STRIDE = 8;
/** Flag bits: the agent is active; its total and allocation have no extended dimensions. Eligibility (-1, 0, 1) + 1 is kept above them. */
const ACTIVE = 1;
const PLAIN = 2;
const ELIGIBLE_SHIFT = 2;

/**
 * The allocator's agents as a table of slots, with the facts every cycle reads about every agent
 * in one flat Float64Array, a slot's facts side by side: whether the agent is active and eligible,
 * its free standard resources, its allocation version and its "quiet" mark. A cycle visits agents
 * in a shuffled order, so the facts it reads about one agent sit on one or two cache lines rather
 * than on one line per fact. The agent objects stay the truth; the table mirrors them and is
 * refreshed by the allocator on every change.
 *
 * `order` lists the slots in the order the agents were added (as a Map's iteration order: an
 * agent removed and added again goes last), which is the order a cycle collects its candidates in.
 */
export class AgentTable {
  readonly states: (AgentState | undefined)[] = [];
  /** Slots in the order the agents were added. */
  readonly order: number[] = [];
  private cells = new Float64Array(STRIDE * 64);
  private readonly unused: number[] = [];

  /** Puts an agent in a free slot (at the end of `order`) and returns the slot. `eligible`: 1 eligible, 0 not, -1 ask the host (the agent came without a handle). */
  add(a: AgentState, eligible: number): number {
    const slot = this.unused.pop() ?? this.states.length;
    if ((slot + 1) * STRIDE > this.cells.length) {
      const grown = new Float64Array(this.cells.length * 2);
      grown.set(this.cells);
      this.cells = grown;
    }
    this.states[slot] = a;
    this.order.push(slot);
    const c = this.cells;
    const at = slot * STRIDE;
    c[at + FLAGS] = (a.active ? ACTIVE : 0) + ((eligible + 1) << ELIGIBLE_SHIFT);
    c[at + VERSION] = 0;
    c[at + QUIET_VERSION] = -1;
    c[at + QUIET_EPOCH] = -1;
    c[at + QUIET_UNTIL] = 0;
    this.refresh(slot);
    return slot;
  }

  remove(slot: number): void {
    this.states[slot] = undefined;
    this.order.splice(this.order.indexOf(slot), 1);
    this.unused.push(slot);
  }

  /** Marks the agent active or not. */
  setActive(slot: number, active: boolean): void {
    const at = slot * STRIDE + FLAGS;
    const f = this.cells[at] as number;
    this.cells[at] = active ? f | ACTIVE : f & ~ACTIVE;
  }

  /** Sets the agent's eligibility: 1 eligible, 0 not, -1 ask the host. */
  setEligible(slot: number, eligible: number): void {
    const at = slot * STRIDE + FLAGS;
    this.cells[at] = ((this.cells[at] as number) & (ACTIVE | PLAIN)) + ((eligible + 1) << ELIGIBLE_SHIFT);
  }

  /** Re-reads the agent's allocation into the free cells and bumps its version. */
  allocationChanged(slot: number): void {
    const at = slot * STRIDE + VERSION;
    this.cells[at] = (this.cells[at] as number) + 1;
    this.refresh(slot);
  }

  /**
   * Appends to `out` the slots of `source` (in its order) whose agents are active, have something
   * allocatable and are eligible: a cycle's candidates. `general` decides agents with extended
   * dimensions, `ask` agents added without a handle. With `quietEpoch` ≥ 0, an agent quiet at
   * (`quietEpoch`, `now`) (see `isQuiet`) goes in as `~slot` (negative): the scan reads its cells
   * in slot order anyway, while the cycle visits agents in a shuffled order.
   */
  candidates(
    source: readonly number[],
    minAllocatable: readonly Resources[],
    general: (a: AgentState) => boolean,
    ask: (a: AgentState) => boolean,
    out: number[],
    quietEpoch = -1,
    now = 0,
  ): void {
    const c = this.cells;
    for (let k = 0; k < source.length; k++) {
      const slot = source[k] as number;
      const flags = c[slot * STRIDE + FLAGS] as number;
      if ((flags & ACTIVE) === 0 || !this.hasAllocatable(slot, minAllocatable, general)) continue;
      const e = (flags >> ELIGIBLE_SHIFT) - 1;
      if (e === 1 || (e === -1 && ask(this.states[slot] as AgentState))) out.push(quietEpoch >= 0 && this.isQuiet(slot, quietEpoch, now) ? ~slot : slot);
    }
  }

  /** Whether the agent's quiet mark holds: set at this allocation version and epoch, and not expired. */
  isQuiet(slot: number, epoch: number, now: number): boolean {
    const c = this.cells;
    const at = slot * STRIDE;
    return c[at + QUIET_VERSION] === c[at + VERSION] && c[at + QUIET_EPOCH] === epoch && now < (c[at + QUIET_UNTIL] as number);
  }

  /** Marks the agent quiet until `until` (for its current allocation version and this epoch). */
  markQuiet(slot: number, epoch: number, until: number): void {
    const c = this.cells;
    const at = slot * STRIDE;
    c[at + QUIET_VERSION] = c[at + VERSION] as number;
    c[at + QUIET_EPOCH] = epoch;
    c[at + QUIET_UNTIL] = until;
  }

  /**
   * `hasAllocatable` from the cells: whether the agent's free resources hold at least one of the
   * minimum allocatable vectors (agents with extended dimensions take the general path).
   */
  hasAllocatable(slot: number, minAllocatable: readonly Resources[], general: (a: AgentState) => boolean): boolean {
    const c = this.cells;
    const at = slot * STRIDE;
    if (((c[at + FLAGS] as number) & PLAIN) === 0) return general(this.states[slot] as AgentState);
    return holdsMinAllocatable(minAllocatable, c[at + FREE_CPU] as number, c[at + FREE_MEMORY] as number, c[at + FREE_GPU] as number);
  }

  /**
   * A new vector of the agent's free resources (the values `subtractResources(total, allocated)`
   * gives, read from the cells, without reaching the agent's objects) when it has no extended
   * dimensions, else undefined. New on purpose: a vector kept per agent and given again while its
   * values hold was measured slower (about 12 % on omega-la cut to 10 min): an old vector sits far
   * from everything else in the heap (its number fields are boxed too), while a new one is in cache.
   */
  freeVector(slot: number): Resources | undefined {
    const c = this.cells;
    const at = slot * STRIDE;
    if (((c[at + FLAGS] as number) & PLAIN) === 0) return undefined;
    return { cpu: c[at + FREE_CPU] as number, memory: c[at + FREE_MEMORY] as number, gpu: c[at + FREE_GPU] as number };
  }

  private refresh(slot: number): void {
    const a = this.states[slot] as AgentState;
    const t = a.total;
    const u = a.allocated;
    const c = this.cells;
    const at = slot * STRIDE;
    const flags = c[at + FLAGS] as number;
    c[at + FLAGS] = t.ext === undefined && u.ext === undefined ? flags | PLAIN : flags & ~PLAIN;
    c[at + FREE_CPU] = t.cpu - u.cpu;
    c[at + FREE_MEMORY] = t.memory - u.memory;
    c[at + FREE_GPU] = t.gpu - u.gpu;
  }
}
