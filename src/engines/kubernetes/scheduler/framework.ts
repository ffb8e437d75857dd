import { addResources } from '../../../cluster/resources.js';
import { type Rng } from '../../../sim/rng.js';
import { balancedAllocationScore, balancedAllocationSkips } from './plugins/balanced-allocation.js';
import { leastAllocatedScore } from './plugins/least-allocated.js';
import { mostAllocatedScore } from './plugins/most-allocated.js';
import { nodeAffinityFilter, nodeAffinityScore, nodeAffinityScoreSkips } from './plugins/node-affinity.js';
import { nodeNameFilter } from './plugins/node-name.js';
import { nodeResourcesFitFilter } from './plugins/node-resources-fit.js';
import { nodeUnschedulableFilter } from './plugins/node-unschedulable.js';
import { defaultNormalizeScore } from './plugins/normalize.js';
import { requestedToCapacityRatioScore } from './plugins/requested-to-capacity-ratio.js';
import { fillPrepared, prepareResources } from './plugins/resource-request.js';
import { taintTolerationFilter, taintTolerationScore } from './plugins/taint-toleration.js';
import { numFeasibleNodesToFind } from './num-feasible.js';
import { type FilterOutcome, FITS, type NodeInfo, type PodInfo, type ResourceSpec, type ShapePoint } from './types.js';

/** The profile: which scoring strategy, its resources, and the plugin weights. */
export interface Profile {
  readonly percentageOfNodesToScore: number;
  readonly scoringStrategy: { readonly type: 'LeastAllocated' | 'MostAllocated' | 'RequestedToCapacityRatio'; readonly resources: readonly ResourceSpec[]; readonly shape: readonly ShapePoint[] };
  readonly balancedAllocationResources: readonly ResourceSpec[];
  readonly weights: { readonly TaintToleration: number; readonly NodeAffinity: number; readonly NodeResourcesFit: number; readonly NodeResourcesBalancedAllocation: number };
}

/** The Filter plugins of the default profile, in MultiPoint order. */
export const FILTERS: readonly ((pod: PodInfo, node: NodeInfo) => FilterOutcome)[] = [
  nodeUnschedulableFilter,
  nodeNameFilter,
  taintTolerationFilter,
  nodeAffinityFilter,
  nodeResourcesFitFilter,
];

/** Runs the filters on one node; the first rejection wins. */
export function runFilters(pod: PodInfo, node: NodeInfo): FilterOutcome {
  for (let i = 0; i < FILTERS.length; i++) {
    const r = (FILTERS[i] as (p: PodInfo, n: NodeInfo) => FilterOutcome)(pod, node);
    if (!r.ok) return r;
  }
  return FITS;
}

/**
 * `RunFilterPluginsWithNominatedPods`: if pods of equal or higher priority are nominated to the node
 * (they preempted room there and wait to bind), the pod must fit with them counted as well as without.
 */
export function runFiltersWithNominated(pod: PodInfo, node: NodeInfo, nominated: ReadonlyMap<string, readonly PodInfo[]> | undefined): FilterOutcome {
  const first = runFilters(pod, node);
  if (!first.ok || !nominated || nominated.size === 0) return first;
  const others = nominated.get(node.name)?.filter((p) => p.key !== pod.key && p.priority >= pod.priority);
  if (!others || others.length === 0) return first;
  const pods = new Map(node.pods);
  let requested = node.requested;
  for (const p of others) {
    pods.set(p.key, p);
    requested = addResources(requested, p.requests);
  }
  return runFilters(pod, { ...node, pods, requested });
}

/** One node's scores: per plugin (weighted) and the total. */
export interface NodeScore {
  readonly node: string;
  readonly total: number;
  readonly plugins: Readonly<Record<string, number>>;
}

/** The result of one scheduling cycle. */
export type CycleResult =
  | { readonly kind: 'placed'; readonly node: string; readonly evaluated: number; readonly feasible: number; readonly top: readonly NodeScore[] }
  | {
      readonly kind: 'unschedulable';
      /** `0/N nodes are available: 3 Insufficient cpu, 2 node(s) had untolerated taint {…}.` */
      readonly reason: string;
      readonly evaluated: number;
      /** Rejection per node name (all nodes were evaluated). */
      readonly rejections: ReadonlyMap<string, FilterOutcome & { ok: false }>;
    };

/** Mutable state carried between cycles: the round-robin start index of the filter walk. */
export interface CycleState {
  nextStartNodeIndex: number;
}

/**
 * One scheduling cycle for one pod (`schedulePod`): the nominated node first if it still fits;
 * else filter from the round-robin start until `numFeasibleNodesToFind` feasible nodes are found,
 * walking the ring deterministically (upstream's 16 workers make the found set racy); score the
 * feasible nodes with every score plugin times its weight; pick uniformly among the top totals
 * using `rng`. `topN` scores are kept for explanations; `nominated` lists, per node, the pods that
 * preempted room there and wait to bind.
 */
export function scheduleCycle(
  pod: PodInfo,
  nodes: readonly NodeInfo[],
  profile: Profile,
  state: CycleState,
  rng: Rng,
  topN = 0,
  nominated?: ReadonlyMap<string, readonly PodInfo[]>,
): CycleResult {
  const n = nodes.length;
  if (pod.nominatedNodeName !== undefined) {
    const nominatedNode = nodes.find((x) => x.name === pod.nominatedNodeName);
    if (nominatedNode && runFiltersWithNominated(pod, nominatedNode, nominated).ok) return { kind: 'placed', node: nominatedNode.name, evaluated: 1, feasible: 1, top: [] };
  }
  const want = numFeasibleNodesToFind(n, profile.percentageOfNodesToScore);
  const feasible: NodeInfo[] = [];
  let rejections: Map<string, FilterOutcome & { ok: false }> | undefined;
  let processed = 0;
  for (let i = 0; i < n && feasible.length < want; i++) {
    const node = nodes[(state.nextStartNodeIndex + i) % n] as NodeInfo;
    processed++;
    const r = runFiltersWithNominated(pod, node, nominated);
    if (r.ok) feasible.push(node);
    else (rejections ??= new Map()).set(node.name, r);
  }
  state.nextStartNodeIndex = n === 0 ? 0 : (state.nextStartNodeIndex + processed) % n;
  if (feasible.length === 0) return { kind: 'unschedulable', reason: diagnose(n, rejections), evaluated: processed, rejections: rejections ?? new Map() };
  if (feasible.length === 1) return { kind: 'placed', node: (feasible[0] as NodeInfo).name, evaluated: processed, feasible: 1, top: [] };
  const scores = scoreNodes(pod, feasible, profile, topN > 0);
  let best = -1;
  let bestIndex = 0;
  let ties = 0;
  for (let i = 0; i < feasible.length; i++) {
    const t = scores.totals[i] as number;
    if (t > best) {
      best = t;
      bestIndex = i;
      ties = 1;
    } else if (t === best) {
      ties++;
      if (rng.int(0, ties - 1) === 0) bestIndex = i;
    }
  }
  const top = topN > 0 ? topScores(feasible, scores, topN) : [];
  return { kind: 'placed', node: (feasible[bestIndex] as NodeInfo).name, evaluated: processed, feasible: feasible.length, top };
}

interface Scores {
  readonly totals: number[];
  readonly perPlugin?: Record<string, number[]>;
}

/** Runs every score plugin (with its NormalizeScore) over the feasible nodes and sums weight × score. */
export function scoreNodes(pod: PodInfo, feasible: readonly NodeInfo[], profile: Profile, keep: boolean): Scores {
  const w = profile.weights;
  const n = feasible.length;
  const strat = profile.scoringStrategy;
  const balRes = profile.balancedAllocationResources;
  const useAffinity = !nodeAffinityScoreSkips(pod);
  const useBalanced = !balancedAllocationSkips(pod);
  const taint = new Array<number>(n);
  const aff = useAffinity ? new Array<number>(n) : undefined;
  const fit = new Array<number>(n);
  const bal = useBalanced ? new Array<number>(n) : undefined;
  const fitReq = new Float64Array(strat.resources.length);
  const fitAlloc = new Float64Array(strat.resources.length);
  const balReq = new Float64Array(balRes.length);
  const balAlloc = new Float64Array(balRes.length);
  const fitPrepared = prepareResources(pod, strat.resources, false);
  const balPrepared = prepareResources(pod, balRes, true);
  for (let i = 0; i < n; i++) {
    const node = feasible[i] as NodeInfo;
    taint[i] = taintTolerationScore(pod, node);
    if (aff) aff[i] = nodeAffinityScore(pod, node);
    fillPrepared(node, fitPrepared, false, fitReq, fitAlloc);
    fit[i] =
      strat.type === 'LeastAllocated'
        ? leastAllocatedScore(fitReq, fitAlloc, strat.resources)
        : strat.type === 'MostAllocated'
          ? mostAllocatedScore(fitReq, fitAlloc, strat.resources)
          : requestedToCapacityRatioScore(fitReq, fitAlloc, strat.resources, strat.shape);
    if (bal) {
      fillPrepared(node, balPrepared, true, balReq, balAlloc);
      bal[i] = balancedAllocationScore(balReq, balAlloc);
    }
  }
  defaultNormalizeScore(taint, true);
  if (aff) defaultNormalizeScore(aff, false);
  const totals = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let t = w.TaintToleration * (taint[i] as number) + w.NodeResourcesFit * (fit[i] as number);
    if (aff) t += w.NodeAffinity * (aff[i] as number);
    if (bal) t += w.NodeResourcesBalancedAllocation * (bal[i] as number);
    totals[i] = t;
  }
  if (!keep) return { totals };
  const perPlugin: Record<string, number[]> = { TaintToleration: taint.map((x) => x * w.TaintToleration) };
  if (aff) perPlugin['NodeAffinity'] = aff.map((x) => x * w.NodeAffinity);
  perPlugin['NodeResourcesFit'] = fit.map((x) => x * w.NodeResourcesFit);
  if (bal) perPlugin['NodeResourcesBalancedAllocation'] = bal.map((x) => x * w.NodeResourcesBalancedAllocation);
  return { totals, perPlugin };
}

function topScores(feasible: readonly NodeInfo[], scores: Scores, topN: number): NodeScore[] {
  const idx = feasible.map((_, i) => i).sort((a, b) => (scores.totals[b] as number) - (scores.totals[a] as number) || a - b);
  return idx.slice(0, topN).map((i) => {
    const plugins: Record<string, number> = {};
    for (const [name, s] of Object.entries(scores.perPlugin ?? {})) plugins[name] = s[i] as number;
    return { node: (feasible[i] as NodeInfo).name, total: scores.totals[i] as number, plugins };
  });
}

/** The FitError message: `0/N nodes are available: <count> <reason>, ….` sorted by reason. */
export function diagnose(numNodes: number, rejections: ReadonlyMap<string, FilterOutcome & { ok: false }> | undefined): string {
  const counts = new Map<string, number>();
  for (const r of rejections?.values() ?? []) counts.set(r.reason, (counts.get(r.reason) ?? 0) + 1);
  const parts = [...counts].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([reason, c]) => `${c} ${reason}`);
  return `0/${numNodes} nodes are available${parts.length > 0 ? ': ' + parts.join(', ') : ''}.`;
}
