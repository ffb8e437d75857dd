import { addResources, fitsWithin, isZero, type Resources, subtractResources } from '../../../cluster/resources.js';
import { type AgentHandle } from './allocator-types.js';
import { type SimTime } from '../../../sim/time.js';
import { type FilterGeneration, type FilterList } from './refuse-filters.js';
import { type DrfSorter } from '../sorter/drf-sorter.js';

/** A vector the allocator owns and changes in place (standard dimensions only; see `addInPlace`). */
export interface Tally {
  cpu: number;
  memory: number;
  gpu: number;
  readonly ext?: Readonly<Record<string, number>>;
}

/**
 * The allocator's view of one agent. It is a Tally itself: `allocated` starts as the agent's own
 * cpu, memory and gpu fields (one object less to reach for every offer and every answer), and
 * becomes a vector of its own only if extended dimensions come in (see `addInPlace`).
 */
export interface AgentState extends Tally {
  readonly name: string;
  readonly total: Resources;
  /** Offered or in use, all frameworks (changed in place: see `addInPlace`); the agent itself at first. */
  allocated: Tally;
  active: boolean;
  /** The host's handle of the agent, if it gave one (its eligibility check replaces `host.eligible`). */
  readonly handle: AgentHandle | undefined;
  /** Per framework that was ever offered this agent: what it holds here and its refuse filters. */
  readonly frameworks: AgentFramework[];
  /** The agent's slot in the allocator's AgentTable. */
  slot: number;
  /** Set when the agent is removed (a state is never added again: a returning agent gets a new one). */
  removed: boolean;
  /** The record of `frameworks` found last (saves reading the list for the next offer of the same framework). */
  recent: AgentFramework | undefined;
}

/**
 * One framework on one agent: what the framework holds there (offered or in use) and the refuse
 * filters it installed there. Kept on the agent (a short list, searched by identity), so an offer,
 * a decline and a filter check find it without a lookup by agent name.
 */
export class AgentFramework implements FilterList, Tally {
  /** What the framework holds on the agent; undefined when nothing (changed in place: see `addInPlace`). */
  held: Tally | undefined = undefined;
  /** The record's own vector: `spare` at first, so that a holding without extended dimensions lives in the record itself. */
  cpu = 0;
  memory = 0;
  gpu = 0;
  /**
   * A stamp taken when `held` went from nothing to something: ordering holdings by it gives the
   * order in which a map from agent to holding (entries deleted when empty) would list them.
   */
  since = 0;
  /** A vector of our own for `held` when a holding begins again (the record itself at first; no allocation per offer). */
  spare: Tally | undefined = this;
  /** Refuse filters (see FilterList). */
  generation = 0;
  size = 0;
  refused0: Resources | undefined = undefined;
  expires0 = 0 as SimTime;
  readonly refused: Resources[] = [];
  readonly expires: SimTime[] = [];

  constructor(
    readonly agent: AgentState,
    readonly framework: FrameworkState,
  ) {}
}

/** The allocator's view of one framework. */
export interface FrameworkState {
  readonly id: string;
  readonly role: string;
  /** The sorter of the framework's role. */
  readonly sorter: DrfSorter;
  connected: boolean;
  suppressed: boolean;
  /** Fair-share mode: what the framework asked for (undefined: it said nothing). */
  demand: Resources | undefined;
  /** The generation of its refuse filters (RefuseFilters.generationOf, kept here to save a lookup per offer). */
  readonly filterGeneration: FilterGeneration;
  /** Set when the framework is removed (an offer's token of a removed framework is stale). */
  removed: boolean;
}

/** A new agent state with nothing allocated. */
export function newAgentState(name: string, total: Resources, handle: AgentHandle | undefined): AgentState {
  const a: AgentState = {
    name,
    total,
    allocated: NOTHING_YET,
    active: true,
    handle,
    frameworks: [],
    slot: -1,
    removed: false,
    recent: undefined,
    cpu: 0,
    memory: 0,
    gpu: 0,
  };
  a.allocated = a;
  return a;
}

/** A placeholder replaced at once by `newAgentState` (never written). */
const NOTHING_YET: Tally = Object.freeze({ cpu: 0, memory: 0, gpu: 0 });

/** The record of `f` on `a`, if any. */
export function findAgentFramework(a: AgentState, f: FrameworkState): AgentFramework | undefined {
  const recent = a.recent;
  if (recent !== undefined && recent.framework === f) return recent;
  const list = a.frameworks;
  for (let i = 0; i < list.length; i++) {
    const e = list[i] as AgentFramework;
    if (e.framework === f) {
      a.recent = e;
      return e;
    }
  }
  return undefined;
}

/** The record of `f` on `a`, made empty on first use. */
export function agentFramework(a: AgentState, f: FrameworkState): AgentFramework {
  let e = findAgentFramework(a, f);
  if (e === undefined) {
    e = new AgentFramework(a, f);
    a.frameworks.push(e);
  }
  return e;
}

/** Records of `f` on these agents. */
export function recordsOf(agents: Iterable<AgentState>, f: FrameworkState): AgentFramework[] {
  const out: AgentFramework[] = [];
  for (const a of agents) {
    const e = findAgentFramework(a, f);
    if (e !== undefined) out.push(e);
  }
  return out;
}

/**
 * The records of `f` that hold something, in the order their holdings began: the order of the
 * per-agent map Mesos's sorter keeps (and so the order in which `removeFramework` takes them back).
 */
export function holdingsInOrder(agents: Iterable<AgentState>, f: FrameworkState): AgentFramework[] {
  return recordsOf(agents, f)
    .filter((e) => e.held !== undefined)
    .sort((x, y) => x.since - y.since);
}

/** Drops the records of a framework that is gone from these agents. */
export function forgetFramework(agents: Iterable<AgentState>, f: FrameworkState): void {
  for (const a of agents) {
    const i = a.frameworks.findIndex((e) => e.framework === f);
    if (i >= 0) a.frameworks.splice(i, 1);
    if (a.recent?.framework === f) a.recent = undefined;
  }
}

/** Adds to what the record's framework holds on its agent; `stamp` dates a holding that begins. */
export function hold(e: AgentFramework, resources: Resources, stamp: number): void {
  if (e.held === undefined) {
    const spare = e.spare;
    if (spare !== undefined && resources.ext === undefined) {
      spare.cpu = resources.cpu;
      spare.memory = resources.memory;
      spare.gpu = resources.gpu;
      e.held = spare;
    } else e.held = copyOf(resources);
    e.since = stamp;
  } else e.held = addInPlace(e.held, resources);
}

/** Takes back part of what the record's framework holds on its agent (nothing held: a broken invariant). */
export function release(e: AgentFramework, resources: Resources): void {
  if (e.held === undefined) throw new Error(`allocator: ${e.framework.id} holds nothing on ${e.agent.name}`);
  const rest = subtractInPlace(e.held, resources);
  if (rest.ext === undefined ? rest.cpu === 0 && rest.memory === 0 && rest.gpu === 0 : isZero(rest)) {
    e.held = undefined;
    // Only a vector of our own without extended dimensions may be written again.
    e.spare = rest.ext === undefined ? rest : undefined;
  } else e.held = rest;
}

/** A vector of the allocator's own: a mutable copy (vectors with extended dimensions are immutable values, kept as they are). */
export function copyOf(r: Resources): Tally {
  return r.ext === undefined ? { cpu: r.cpu, memory: r.memory, gpu: r.gpu } : r;
}

/**
 * `t + d` into `t` when neither has extended dimensions (the same sums `addResources` makes),
 * else a new vector: the caller stores the result.
 */
export function addInPlace(t: Tally, d: Resources): Tally {
  if (t.ext !== undefined || d.ext !== undefined) return addResources(t, d);
  t.cpu += d.cpu;
  t.memory += d.memory;
  t.gpu += d.gpu;
  return t;
}

/** `t − d` into `t`, as `addInPlace`. */
export function subtractInPlace(t: Tally, d: Resources): Tally {
  if (t.ext !== undefined || d.ext !== undefined) return subtractResources(t, d);
  t.cpu -= d.cpu;
  t.memory -= d.memory;
  t.gpu -= d.gpu;
  return t;
}

/** Whether `r` holds at least one of the minimum allocatable vectors. */
export function allocatable(minAllocatable: readonly Resources[], r: Resources): boolean {
  for (const m of minAllocatable) if (fitsWithin(m, r)) return true;
  return false;
}

/**
 * `allocatable(total − allocated)` without building the difference (this runs for every agent in
 * every cycle); the same arithmetic, so the same answer. Extended resources take the general path.
 */
export function hasAllocatable(minAllocatable: readonly Resources[], a: AgentState): boolean {
  const t = a.total;
  const u = a.allocated;
  if (t.ext !== undefined || u.ext !== undefined) return allocatable(minAllocatable, subtractResources(t, u));
  return holdsMinAllocatable(minAllocatable, t.cpu - u.cpu, t.memory - u.memory, t.gpu - u.gpu);
}

/** Whether free cpu, memory and gpu (no extended resources) hold at least one of the minimum allocatable vectors. */
export function holdsMinAllocatable(minAllocatable: readonly Resources[], cpu: number, memory: number, gpu: number): boolean {
  for (const m of minAllocatable) {
    if (m.ext !== undefined) {
      if (fitsWithin(m, { cpu, memory, gpu })) return true;
      continue;
    }
    if (m.cpu <= cpu && m.memory <= memory && m.gpu <= gpu) return true;
  }
  return false;
}
