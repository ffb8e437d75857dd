import { admits, type PlacementConstraints } from '../../../cluster/constraints.js';
import { type NodeSpec } from '../../../cluster/node.js';
import { type Resources } from '../../../cluster/resources.js';
import { type SimTime } from '../../../sim/time.js';

/** Who a claim is for: a batch task, a service replica, or an instance the state no longer owns (left on a machine that came back). */
export type ClaimOwner<B, S> = { readonly kind: 'batch'; readonly of: B } | { readonly kind: 'service'; readonly of: S } | { readonly kind: 'orphan' };

/** Resources held on one machine in the shared cell state, under the instance id that runs in them. */
export interface Claim<B = unknown, S = unknown> {
  readonly id: string;
  readonly machine: number;
  readonly demand: Resources;
  readonly owner: ClaimOwner<B, S>;
  readonly committedAt: SimTime;
  /** The machine's agent has reported the instance (present, running or ended): its launch arrived. */
  confirmed: boolean;
  /** The agent reported it running. */
  running: boolean;
}

/**
 * The shared cell state of Omega ([O] §3.4): the master copy of every machine's claims, with a
 * sequence number per machine that goes up on every claim (task ends do not move it, as in the
 * simulator, [SIM] §4.1) and the health the machine monitor has established. Schedulers never get a
 * copy of it: they read it at the start of an attempt (their "copy", see scheduler/private-copy.ts) and
 * write to it only through {@link commitTransaction}.
 */
export class CellState<B = unknown, S = unknown> {
  private readonly usedCpu: Float64Array;
  private readonly usedMem: Float64Array;
  private readonly usedGpu: Float64Array;
  private readonly tasks: Int32Array;
  private readonly seqs: Float64Array;
  private readonly upFlags: Uint8Array;
  private readonly onMachine: Set<Claim<B, S>>[];
  private readonly claims = new Map<string, Claim<B, S>>();

  constructor(readonly machines: readonly NodeSpec[]) {
    const n = machines.length;
    this.usedCpu = new Float64Array(n);
    this.usedMem = new Float64Array(n);
    this.usedGpu = new Float64Array(n);
    this.tasks = new Int32Array(n);
    this.seqs = new Float64Array(n);
    this.upFlags = new Uint8Array(n).fill(1);
    this.onMachine = machines.map(() => new Set());
  }

  get size(): number {
    return this.machines.length;
  }

  /** The machine's sequence number: claims made on it so far. */
  seq(m: number): number {
    return this.seqs[m] as number;
  }

  isUp(m: number): boolean {
    return this.upFlags[m] === 1;
  }

  /**
   * Whether `demand` fits on machine `m` on top of what is claimed there plus `extra` (a scheduler's own
   * tentative claims on its copy): an up machine that admits the constraints, with room in every
   * dimension and below its task count.
   */
  fits(m: number, demand: Resources, constraints: PlacementConstraints | undefined, extra: Tentative | undefined): boolean {
    if (this.upFlags[m] !== 1) return false;
    const spec = this.machines[m] as NodeSpec;
    if (constraints !== undefined && !admits(spec, constraints)) return false;
    const cap = spec.allocatable;
    const e = extra ?? NONE;
    return (
      (this.usedCpu[m] as number) + e.cpu + demand.cpu <= cap.cpu &&
      (this.usedMem[m] as number) + e.memory + demand.memory <= cap.memory &&
      (this.usedGpu[m] as number) + e.gpu + demand.gpu <= cap.gpu &&
      (this.tasks[m] as number) + e.tasks + 1 <= spec.maxTasks
    );
  }

  /** What is free on machine `m` now (cpu, memory, gpu). */
  free(m: number): Resources {
    const cap = (this.machines[m] as NodeSpec).allocatable;
    return { cpu: cap.cpu - (this.usedCpu[m] as number), memory: cap.memory - (this.usedMem[m] as number), gpu: cap.gpu - (this.usedGpu[m] as number) };
  }

  /** Records a claim (the commit of one placement) and moves the machine's sequence number. */
  add(claim: Claim<B, S>): void {
    const m = claim.machine;
    this.claims.set(claim.id, claim);
    (this.onMachine[m] as Set<Claim<B, S>>).add(claim);
    this.usedCpu[m] = (this.usedCpu[m] as number) + claim.demand.cpu;
    this.usedMem[m] = (this.usedMem[m] as number) + claim.demand.memory;
    this.usedGpu[m] = (this.usedGpu[m] as number) + claim.demand.gpu;
    this.tasks[m] = (this.tasks[m] as number) + 1;
    this.seqs[m] = (this.seqs[m] as number) + 1;
  }

  /** The claim under an instance id, if the state still holds it. */
  get(id: string): Claim<B, S> | undefined {
    return this.claims.get(id);
  }

  /** Frees a claim; returns it, or undefined when the state no longer held it. */
  release(id: string): Claim<B, S> | undefined {
    const claim = this.claims.get(id);
    if (!claim) return undefined;
    const m = claim.machine;
    this.claims.delete(id);
    (this.onMachine[m] as Set<Claim<B, S>>).delete(claim);
    this.usedCpu[m] = (this.usedCpu[m] as number) - claim.demand.cpu;
    this.usedMem[m] = (this.usedMem[m] as number) - claim.demand.memory;
    this.usedGpu[m] = (this.usedGpu[m] as number) - claim.demand.gpu;
    this.tasks[m] = (this.tasks[m] as number) - 1;
    return claim;
  }

  /** The claims on machine `m`, in the order they were made. */
  claimsOn(m: number): Claim<B, S>[] {
    return [...(this.onMachine[m] as Set<Claim<B, S>>)];
  }

  /** The machine monitor's verdict: down machines take no claims; marking one down frees (and returns) every claim on it. */
  setUp(m: number, up: boolean): Claim<B, S>[] {
    this.upFlags[m] = up ? 1 : 0;
    if (up) return [];
    const gone = this.claimsOn(m);
    for (const c of gone) this.release(c.id);
    return gone;
  }
}

/** A scheduler's own claims on one machine of its copy, not yet committed. */
export interface Tentative {
  cpu: number;
  memory: number;
  gpu: number;
  tasks: number;
}

const NONE: Tentative = { cpu: 0, memory: 0, gpu: 0, tasks: 0 };
