import { admits, type PlacementConstraints } from '../../cluster/constraints.js';
import { type Resources } from '../../cluster/resources.js';
import { type NodeAgentApi } from '../engine.js';

/**
 * Slack when comparing a node's free score with a task's best-fit score. Both are sums of at most
 * three fractions ≤ 1 computed in doubles, so their rounding errors are ~1e-15; 1e-9 is far above that
 * and far below any real difference that matters for the scan's cut-offs (the final choice is always
 * made on the exact leftover score {@link bestFitNode} computes).
 */
const EPS = 1e-9;

/** Nodes with the same allocatable, labels and taints: they admit the same constraints. */
interface Shape {
  readonly rep: NodeAgentApi;
  readonly cap: Resources;
  /** Up nodes of this shape, ordered by (free score, scenario index). */
  readonly members: number[];
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
  private readonly key: Float64Array;
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
    this.key = new Float64Array(n);
    this.inIndex = new Uint8Array(n);
    this.dirtyFlag = new Uint8Array(n);
    const shapeIds = new Map<string, number>();
    agents.forEach((agent, i) => {
      const spec = agent.node;
      this.byName.set(spec.name, i);
      const sig = JSON.stringify([spec.allocatable, spec.labels, spec.taints]);
      let id = shapeIds.get(sig);
      if (id === undefined) {
        id = this.shapes.length;
        shapeIds.set(sig, id);
        this.shapes.push({ rep: agent, cap: spec.allocatable, members: [] });
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
      if (shape.members.length === 0 || !admits(shape.rep.node, constraints)) continue;
      const cap = shape.cap;
      const floor = freeScore(cap, demand) - EPS;
      const members = shape.members;
      let firstKey = Number.NaN;
      for (let p = this.lowerBound(members, floor); p < members.length; p++) {
        const i = members[p] as number;
        const k = this.key[i] as number;
        if (k > firstKey + EPS) break;
        const agent = this.agents[i] as NodeAgentApi;
        if (!fits(agent)) continue;
        if (Number.isNaN(firstKey)) firstKey = k;
        const left = leftover(cap, agent.free(), demand);
        if (left < bestLeft || (left === bestLeft && i < best)) {
          bestLeft = left;
          best = i;
        }
      }
    }
    return best < 0 ? undefined : this.agents[best];
  }

  private flush(): void {
    if (this.dirty.length === 0) return;
    const dirty = this.dirty;
    this.dirty = [];
    for (const i of dirty) {
      this.dirtyFlag[i] = 0;
      const members = (this.shapes[this.shapeOf[i] as number] as Shape).members;
      if (this.inIndex[i] === 1) {
        members.splice(this.position(members, this.key[i] as number, i), 1);
        this.inIndex[i] = 0;
      }
      const agent = this.agents[i] as NodeAgentApi;
      if (!this.isUp(agent.node.name)) continue;
      const k = freeScore(agent.node.allocatable, agent.free());
      this.key[i] = k;
      members.splice(this.position(members, k, i), 0, i);
      this.inIndex[i] = 1;
    }
  }

  /** First position whose (key, index) is not below (k, i). */
  private position(members: readonly number[], k: number, i: number): number {
    let lo = 0;
    let hi = members.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const j = members[mid] as number;
      const kj = this.key[j] as number;
      if (kj < k || (kj === k && j < i)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
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

/** Sum of the fractions of the node's allocatable that `r` makes up (cpu, memory, gpu). */
function freeScore(cap: Resources, r: Resources): number {
  return (cap.cpu > 0 ? r.cpu / cap.cpu : 0) + (cap.memory > 0 ? r.memory / cap.memory : 0) + (cap.gpu > 0 ? r.gpu / cap.gpu : 0);
}

/** The leftover score, computed exactly as {@link bestFitNode} does (same operations, same order). */
function leftover(cap: Resources, free: Resources, demand: Resources): number {
  return (
    (cap.cpu > 0 ? (free.cpu - demand.cpu) / cap.cpu : 0) +
    (cap.memory > 0 ? (free.memory - demand.memory) / cap.memory : 0) +
    (cap.gpu > 0 ? (free.gpu - demand.gpu) / cap.gpu : 0)
  );
}
