import { balancedAllocationScore, balancedAllocationSkips } from './plugins/balanced-allocation.js';
import { leastAllocatedScore } from './plugins/least-allocated.js';
import { mostAllocatedScore } from './plugins/most-allocated.js';
import { nodeAffinityScore, nodeAffinityScoreSkips } from './plugins/node-affinity.js';
import { defaultNormalizeScore } from './plugins/normalize.js';
import { requestedToCapacityRatioScore } from './plugins/requested-to-capacity-ratio.js';
import { type PreparedResource, prepareResources } from './plugins/resource-request.js';
import { taintTolerationScore } from './plugins/taint-toleration.js';
import { type ScoreBreakdown, scoreBreakdown } from './score-breakdown.js';
import { NodeColumns, PREFER_TAINT } from './node-columns.js';
import { MAX_NODE_SCORE, type NodeInfo, type PodInfo, type ResourceSpec, type ShapePoint } from './types.js';

/** The score part of the profile (see `Profile` in framework.ts). */
export interface ScoreProfile {
  readonly scoringStrategy: {
    readonly type: 'LeastAllocated' | 'MostAllocated' | 'RequestedToCapacityRatio';
    readonly resources: readonly ResourceSpec[];
    readonly shape: readonly ShapePoint[];
  };
  readonly balancedAllocationResources: readonly ResourceSpec[];
  readonly weights: {
    readonly TaintToleration: number;
    readonly NodeAffinity: number;
    readonly NodeResourcesFit: number;
    readonly NodeResourcesBalancedAllocation: number;
  };
}

/** Weighted totals of the scored nodes; when asked to keep them, per plugin (weighted) and the whole breakdown. */
export interface Scores {
  readonly totals: ArrayLike<number>;
  readonly perPlugin?: Record<string, number[]>;
  /** Raw, normalized and weight per plugin that ran, and the plugins that skipped (explanations). */
  readonly breakdown?: ScoreBreakdown;
}

/**
 * Reusable per-scheduler buffers: a cycle scores at most `numFeasibleNodesToFind` nodes, so the
 * per-node score arrays are allocated once and grown, not made per cycle.
 */
export class ScoreScratch {
  taint = new Float64Array(0);
  aff = new Float64Array(0);
  fit = new Float64Array(0);
  bal = new Float64Array(0);
  totals = new Float64Array(0);
  fitReq = new Float64Array(0);
  fitAlloc = new Float64Array(0);
  balReq = new Float64Array(0);
  balAlloc = new Float64Array(0);

  /** Makes room for `n` nodes and the configured resource counts. */
  ensure(n: number, fitResources: number, balResources: number): void {
    if (this.totals.length < n) {
      const c = Math.max(n, this.totals.length * 2);
      this.taint = new Float64Array(c);
      this.aff = new Float64Array(c);
      this.fit = new Float64Array(c);
      this.bal = new Float64Array(c);
      this.totals = new Float64Array(c);
    }
    if (this.fitReq.length !== fitResources) {
      this.fitReq = new Float64Array(fitResources);
      this.fitAlloc = new Float64Array(fitResources);
    }
    if (this.balReq.length !== balResources) {
      this.balReq = new Float64Array(balResources);
      this.balAlloc = new Float64Array(balResources);
    }
  }
}

/** Runs every score plugin (with its NormalizeScore) over the feasible nodes and sums weight × score. */
export function scoreNodes(pod: PodInfo, feasible: readonly NodeInfo[], profile: ScoreProfile, keep: boolean): Scores & { readonly totals: number[] } {
  const slots = new Int32Array(feasible.length);
  for (let i = 0; i < slots.length; i++) slots[i] = i;
  const s = scoreSlots(pod, feasible, NodeColumns.of(feasible), slots, feasible.length, profile, keep, new ScoreScratch());
  return { ...s, totals: Array.from(s.totals).slice(0, feasible.length) };
}

/**
 * {@link scoreNodes} for the nodes at `slots[0..count)` of `nodes`, reading their resource numbers
 * from `cols` (same indexes as `nodes`). The returned totals live in `scratch` (valid until the next
 * call); only the first `count` entries belong to this call. Same arithmetic in the same order as
 * the plugins on the NodeInfo objects, so the same scores.
 */
export function scoreSlots(
  pod: PodInfo,
  nodes: readonly NodeInfo[],
  cols: NodeColumns,
  slots: Int32Array,
  count: number,
  profile: ScoreProfile,
  keep: boolean,
  scratch: ScoreScratch,
): Scores {
  const w = profile.weights;
  const n = count;
  const strat = profile.scoringStrategy;
  const balRes = profile.balancedAllocationResources;
  const useAffinity = !nodeAffinityScoreSkips(pod);
  const useBalanced = !balancedAllocationSkips(pod, balRes);
  scratch.ensure(n, strat.resources.length, balRes.length);
  const { taint, aff, fit, bal, totals, fitReq, fitAlloc, balReq, balAlloc } = scratch;
  const fitPrepared = prepareResources(pod, strat.resources, false);
  const balPrepared = prepareResources(pod, balRes, true);
  const flags = cols.flags;
  for (let i = 0; i < n; i++) {
    const slot = slots[i] as number;
    // No PreferNoSchedule taint: the plugin's count is 0 without looking.
    taint[i] = ((flags[slot] as number) & PREFER_TAINT) === 0 ? 0 : taintTolerationScore(pod, nodes[slot] as NodeInfo);
    if (useAffinity) aff[i] = nodeAffinityScore(pod, nodes[slot] as NodeInfo);
  }
  // The default profile takes the unrolled path; any other configuration the per-resource one.
  if (isCpuMemory(strat.type, strat.resources, balRes)) {
    leastAllocatedCpuMemory(cols, slots, n, fitPrepared, strat.resources, fit);
    if (useBalanced) balancedCpuMemory(cols, slots, n, balPrepared, bal);
  } else {
    for (let i = 0; i < n; i++) {
      const slot = slots[i] as number;
      const node = nodes[slot] as NodeInfo;
      fillFromColumns(cols, slot, node, fitPrepared, false, fitReq, fitAlloc);
      fit[i] =
        strat.type === 'LeastAllocated'
          ? leastAllocatedScore(fitReq, fitAlloc, strat.resources)
          : strat.type === 'MostAllocated'
            ? mostAllocatedScore(fitReq, fitAlloc, strat.resources)
            : requestedToCapacityRatioScore(fitReq, fitAlloc, strat.resources, strat.shape);
      if (useBalanced) {
        fillFromColumns(cols, slot, node, balPrepared, true, balReq, balAlloc);
        bal[i] = balancedAllocationScore(balReq, balAlloc);
      }
    }
  }
  // Explanations show the scores before NormalizeScore too, which rewrites these two in place.
  const rawTaint = keep ? taint.slice(0, n) : undefined;
  const rawAffinity = keep && useAffinity ? aff.slice(0, n) : undefined;
  defaultNormalizeScore(taint, true, undefined, n);
  if (useAffinity) defaultNormalizeScore(aff, false, undefined, n);
  for (let i = 0; i < n; i++) {
    let t = w.TaintToleration * (taint[i] as number) + w.NodeResourcesFit * (fit[i] as number);
    if (useAffinity) t += w.NodeAffinity * (aff[i] as number);
    if (useBalanced) t += w.NodeResourcesBalancedAllocation * (bal[i] as number);
    totals[i] = t;
  }
  if (!keep) return { totals };
  const weighted = (a: Float64Array, weight: number): number[] => Array.from(a.subarray(0, n), (x) => x * weight);
  const perPlugin: Record<string, number[]> = { TaintToleration: weighted(taint, w.TaintToleration) };
  if (useAffinity) perPlugin['NodeAffinity'] = weighted(aff, w.NodeAffinity);
  perPlugin['NodeResourcesFit'] = weighted(fit, w.NodeResourcesFit);
  if (useBalanced) perPlugin['NodeResourcesBalancedAllocation'] = weighted(bal, w.NodeResourcesBalancedAllocation);
  const pass = { count: n, rawTaint: rawTaint ?? taint, taint, rawAffinity, affinity: aff, fit, balanced: useBalanced, balance: bal };
  return { totals, perPlugin, breakdown: scoreBreakdown(pass, w) };
}

/** `fillAllocation` (plugins/resource-request.ts) for prepared resources, reading cpu, memory and GPU numbers from the columns (extended resources from the node). */
function fillFromColumns(
  cols: NodeColumns,
  slot: number,
  node: NodeInfo,
  prepared: readonly PreparedResource[],
  useRequested: boolean,
  requested: Float64Array,
  allocatable: Float64Array,
): void {
  for (let i = 0; i < prepared.length; i++) {
    const r = prepared[i] as PreparedResource;
    let alloc: number;
    let used: number;
    switch (r.dim) {
      case 0:
        alloc = cols.allocCpu[slot] as number;
        used = useRequested ? (cols.reqCpu[slot] as number) : (cols.nonZeroCpu[slot] as number);
        break;
      case 1:
        alloc = cols.allocMemory[slot] as number;
        used = useRequested ? (cols.reqMemory[slot] as number) : (cols.nonZeroMemory[slot] as number);
        break;
      case 2:
        alloc = cols.allocGpu[slot] as number;
        used = cols.reqGpu[slot] as number;
        break;
      default:
        alloc = node.allocatable.ext?.[r.name] ?? 0;
        used = node.requested.ext?.[r.name] ?? 0;
    }
    if (alloc === 0 || r.skip) {
      requested[i] = 0;
      allocatable[i] = 0;
      continue;
    }
    allocatable[i] = alloc;
    requested[i] = used + r.podRequest;
  }
}

/** The default profile: LeastAllocated over [cpu, memory] and BalancedAllocation over [cpu, memory], in that order. */
function isCpuMemory(type: string, fitRes: readonly ResourceSpec[], balRes: readonly ResourceSpec[]): boolean {
  return (
    type === 'LeastAllocated' &&
    fitRes.length === 2 &&
    (fitRes[0] as ResourceSpec).name === 'cpu' &&
    (fitRes[1] as ResourceSpec).name === 'memory' &&
    balRes.length === 2 &&
    (balRes[0] as ResourceSpec).name === 'cpu' &&
    (balRes[1] as ResourceSpec).name === 'memory'
  );
}

/**
 * `fillFromColumns` + `leastAllocatedScore` for [cpu, memory] over the slots, unrolled: the same
 * operations in the same order (cpu term first), so the same scores, into `out[0..count)`.
 */
function leastAllocatedCpuMemory(
  cols: NodeColumns,
  slots: Int32Array,
  count: number,
  prepared: readonly PreparedResource[],
  resources: readonly ResourceSpec[],
  out: Float64Array,
): void {
  const { allocCpu, allocMemory, nonZeroCpu, nonZeroMemory } = cols;
  const podCpu = (prepared[0] as PreparedResource).podRequest;
  const podMemory = (prepared[1] as PreparedResource).podRequest;
  const wCpu = (resources[0] as ResourceSpec).weight;
  const wMemory = (resources[1] as ResourceSpec).weight;
  for (let i = 0; i < count; i++) {
    const slot = slots[i] as number;
    let score = 0;
    let weightSum = 0;
    const capCpu = allocCpu[slot] as number;
    if (capCpu !== 0) {
      const req = (nonZeroCpu[slot] as number) + podCpu;
      score += (req > capCpu ? 0 : Math.floor(((capCpu - req) * MAX_NODE_SCORE) / capCpu)) * wCpu;
      weightSum += wCpu;
    }
    const capMemory = allocMemory[slot] as number;
    if (capMemory !== 0) {
      const req = (nonZeroMemory[slot] as number) + podMemory;
      score += (req > capMemory ? 0 : Math.floor(((capMemory - req) * MAX_NODE_SCORE) / capMemory)) * wMemory;
      weightSum += wMemory;
    }
    out[i] = weightSum === 0 ? 0 : Math.floor(score / weightSum);
  }
}

/** `fillFromColumns` + `balancedAllocationScore` for [cpu, memory] (two fractions: std = |f0 − f1| / 2), into `out[0..count)`. */
function balancedCpuMemory(cols: NodeColumns, slots: Int32Array, count: number, prepared: readonly PreparedResource[], out: Float64Array): void {
  const { allocCpu, allocMemory, reqCpu, reqMemory } = cols;
  const podCpu = (prepared[0] as PreparedResource).podRequest;
  const podMemory = (prepared[1] as PreparedResource).podRequest;
  for (let i = 0; i < count; i++) {
    const slot = slots[i] as number;
    let n = 0;
    let f0 = 0;
    let f1 = 0;
    const capCpu = allocCpu[slot] as number;
    if (capCpu !== 0) {
      f0 = Math.min(1, ((reqCpu[slot] as number) + podCpu) / capCpu);
      n = 1;
    }
    const capMemory = allocMemory[slot] as number;
    if (capMemory !== 0) {
      const f = Math.min(1, ((reqMemory[slot] as number) + podMemory) / capMemory);
      if (n === 0) f0 = f;
      else f1 = f;
      n++;
    }
    const std = n === 2 ? Math.abs((f0 - f1) / 2) : 0;
    out[i] = Math.trunc((1 - std) * MAX_NODE_SCORE);
  }
}
