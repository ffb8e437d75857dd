import { addResources } from '../../../cluster/resources.js';
import { type Rng } from '../../../sim/rng.js';
import { NodeColumns, PLAIN_FILTERS, fitOnColumns } from './node-columns.js';
import { nodeAffinityFilter } from './plugins/node-affinity.js';
import { nodeNameFilter } from './plugins/node-name.js';
import { nodeResourcesFitFilter } from './plugins/node-resources-fit.js';
import { nodeUnschedulableFilter } from './plugins/node-unschedulable.js';
import { taintTolerationFilter } from './plugins/taint-toleration.js';
import { numFeasibleNodesToFind } from './num-feasible.js';
import { type SkippedPlugin } from './score-breakdown.js';
import { type Scores, ScoreScratch, scoreSlots } from './score-nodes.js';
import { type FilterOutcome, FITS, type NodeInfo, type PodInfo, type ResourceSpec, type ShapePoint } from './types.js';

/** The profile: which scoring strategy, its resources, and the plugin weights. */
export interface Profile {
  readonly percentageOfNodesToScore: number;
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

/** One score plugin's part in one node's total: `weighted` = `weight` × `normalized`. */
export interface PluginScore {
  /** `Score`, before `NormalizeScore`. */
  readonly raw: number;
  /** After `NormalizeScore` (0…100); equal to `raw` for a plugin without one. */
  readonly normalized: number;
  readonly weight: number;
  readonly weighted: number;
}

/** One node's scores: per plugin that ran, and the total (the sum of the weighted scores). */
export interface NodeScore {
  readonly node: string;
  readonly total: number;
  readonly plugins: Readonly<Record<string, PluginScore>>;
}

/**
 * How the node of a placed pod was chosen: the pod's nominated node still fits (no filtering of
 * other nodes, no scoring); only one node passed the filters (upstream skips scoring then); or the
 * highest total score, a tie broken uniformly at random (`selectHost`).
 */
export type SelectedBy = 'nominated-node' | 'only-feasible-node' | 'highest-score';

/** The result of one scheduling cycle. */
export type CycleResult =
  | {
      readonly kind: 'placed';
      readonly node: string;
      readonly evaluated: number;
      readonly feasible: number;
      readonly selectedBy: SelectedBy;
      /** Feasible nodes whose total equals the best (1 when scoring was skipped). */
      readonly tiedAtBest: number;
      /**
       * With `topN` > 0 and `highest-score`: the chosen node first, then the other best-scored
       * feasible nodes by total (descending, then walk order), `topN` in all; empty otherwise.
       */
      readonly candidates: readonly NodeScore[];
      /** With `topN` > 0 and `highest-score`: the score plugins whose PreScore returned Skip; empty otherwise. */
      readonly skippedPlugins: readonly SkippedPlugin[];
      /** Rejection per node name of the nodes the walk filtered out before it found enough feasible ones. */
      readonly rejections: ReadonlyMap<string, FilterOutcome & { ok: false }>;
    }
  | {
      readonly kind: 'unschedulable';
      /** `0/N nodes are available: 3 Insufficient cpu, 2 node(s) had untolerated taint {…}.` */
      readonly reason: string;
      readonly evaluated: number;
      /** Rejection per node name (all nodes were evaluated). */
      readonly rejections: ReadonlyMap<string, FilterOutcome & { ok: false }>;
    };

/**
 * Mutable state carried between cycles: the round-robin start index of the filter walk, and
 * reusable buffers (made on first use).
 */
export interface CycleState {
  nextStartNodeIndex: number;
  feasibleSlots?: Int32Array;
  scratch?: ScoreScratch;
}

/**
 * One scheduling cycle for one pod (`schedulePod`): the nominated node first if it still fits;
 * else filter from the round-robin start until `numFeasibleNodesToFind` feasible nodes are found,
 * walking the ring deterministically (upstream's 16 workers make the found set racy); score the
 * feasible nodes with every score plugin times its weight; pick uniformly among the top totals
 * using `rng` (reservoir sampling over the tied nodes in walk order, as upstream's `selectHost`). `topN`
 * candidates are kept for explanations, the chosen node always among them; `nominated` lists, per node, the pods that
 * preempted room there and wait to bind. `columns` are the nodes' numbers in the same order as
 * `nodes` (the cache keeps them; made here when absent).
 */
export function scheduleCycle(
  pod: PodInfo,
  nodes: readonly NodeInfo[],
  profile: Profile,
  state: CycleState,
  rng: Rng,
  topN = 0,
  nominated?: ReadonlyMap<string, readonly PodInfo[]>,
  columns?: NodeColumns,
): CycleResult {
  const n = nodes.length;
  if (pod.nominatedNodeName !== undefined) {
    const nominatedNode = nodes.find((x) => x.name === pod.nominatedNodeName);
    if (nominatedNode && runFiltersWithNominated(pod, nominatedNode, nominated).ok)
      return placedUnscored(nominatedNode.name, 1, 'nominated-node', NO_REJECTIONS);
  }
  const cols = columns ?? NodeColumns.of(nodes);
  const want = numFeasibleNodesToFind(n, profile.percentageOfNodesToScore);
  let slots = state.feasibleSlots;
  if (!slots || slots.length < want) slots = state.feasibleSlots = new Int32Array(Math.max(want, 1));
  let found = 0;
  let rejections: Map<string, FilterOutcome & { ok: false }> | undefined;
  // A plain pod on a plain node without nominated pods: only NodeResourcesFit can reject, so it is
  // checked on the columns directly (same checks in the same order as the plugin).
  const plain = plainPod(pod);
  const withNominated = nominated !== undefined && nominated.size > 0 ? nominated : undefined;
  const flags = cols.flags;
  const start = state.nextStartNodeIndex;
  let processed = 0;
  for (let i = 0; i < n && found < want; i++) {
    let slot = start + i;
    if (slot >= n) slot %= n;
    processed++;
    const r =
      plain && ((flags[slot] as number) & PLAIN_FILTERS) !== 0 && (withNominated === undefined || !withNominated.has((nodes[slot] as NodeInfo).name))
        ? fitOnColumns(pod, cols, slot)
        : runFiltersWithNominated(pod, nodes[slot] as NodeInfo, nominated);
    if (r.ok) slots[found++] = slot;
    else (rejections ??= new Map()).set((nodes[slot] as NodeInfo).name, r);
  }
  state.nextStartNodeIndex = n === 0 ? 0 : (state.nextStartNodeIndex + processed) % n;
  if (found === 0) return { kind: 'unschedulable', reason: diagnose(n, rejections), evaluated: processed, rejections: rejections ?? new Map() };
  if (found === 1) return placedUnscored((nodes[slots[0] as number] as NodeInfo).name, processed, 'only-feasible-node', rejections ?? NO_REJECTIONS);
  const scores = scoreSlots(pod, nodes, cols, slots, found, profile, topN > 0, (state.scratch ??= new ScoreScratch()));
  const totals = scores.totals;
  let best = -1;
  let bestIndex = 0;
  let ties = 0;
  for (let i = 0; i < found; i++) {
    const t = totals[i] as number;
    if (t > best) {
      best = t;
      bestIndex = i;
      ties = 1;
    } else if (t === best) {
      ties++;
      if (rng.int(0, ties - 1) === 0) bestIndex = i;
    }
  }
  const candidates = topN > 0 ? candidateScores(nodes, slots, found, scores, topN, bestIndex) : [];
  return {
    kind: 'placed',
    node: (nodes[slots[bestIndex] as number] as NodeInfo).name,
    evaluated: processed,
    feasible: found,
    selectedBy: 'highest-score',
    tiedAtBest: ties,
    candidates,
    skippedPlugins: topN > 0 ? (scores.breakdown?.skipped ?? []) : [],
    rejections: rejections ?? NO_REJECTIONS,
  };
}

const NO_REJECTIONS: ReadonlyMap<string, FilterOutcome & { ok: false }> = new Map();

/** A placement made without scoring: one feasible node (`schedulePod` binds it as it is). */
function placedUnscored(
  node: string,
  evaluated: number,
  selectedBy: Exclude<SelectedBy, 'highest-score'>,
  rejections: ReadonlyMap<string, FilterOutcome & { ok: false }>,
): CycleResult {
  return { kind: 'placed', node, evaluated, feasible: 1, selectedBy, tiedAtBest: 1, candidates: [], skippedPlugins: [], rejections };
}

/**
 * A pod for which NodeUnschedulable, NodeName, TaintToleration and NodeAffinity pass on every
 * plain node (not cordoned, no NoSchedule/NoExecute taint), and whose Fit check reads only cpu,
 * memory and GPUs: no node name, no node selector, no required terms, no extended request.
 */
function plainPod(pod: PodInfo): boolean {
  const c = pod.constraints;
  if (c.nodeName !== undefined || c.requiredTerms.length > 0) return false;
  for (const _ in c.nodeSelector) return false;
  if (pod.requests.ext) for (const _ in pod.requests.ext) return false;
  return true;
}

/**
 * The `topN` feasible nodes an explanation lists (every one when `topN` is at least their count): the
 * chosen one (index `chosen`, a best total) first, then the others by total, descending, ties in walk
 * order. Listing the first `topN` by score alone would leave out the chosen node whenever more than
 * `topN` nodes tie at the best total.
 */
function candidateScores(nodes: readonly NodeInfo[], slots: Int32Array, count: number, scores: Scores, topN: number, chosen: number): NodeScore[] {
  const totals = scores.totals;
  const others = Array.from({ length: count }, (_, i) => i).filter((i) => i !== chosen);
  others.sort((a, b) => (totals[b] as number) - (totals[a] as number) || a - b);
  return [chosen, ...others.slice(0, topN - 1)].map((i) => {
    const plugins: Record<string, PluginScore> = {};
    for (const [name, p] of Object.entries(scores.breakdown?.plugins ?? {})) {
      const normalized = p.normalized[i] as number;
      plugins[name] = { raw: p.raw[i] as number, normalized, weight: p.weight, weighted: normalized * p.weight };
    }
    return { node: (nodes[slots[i] as number] as NodeInfo).name, total: totals[i] as number, plugins };
  });
}

/** The FitError message: `0/N nodes are available: <count> <reason>, ….` sorted by reason. */
export function diagnose(numNodes: number, rejections: ReadonlyMap<string, FilterOutcome & { ok: false }> | undefined): string {
  const counts = new Map<string, number>();
  for (const r of rejections?.values() ?? []) counts.set(r.reason, (counts.get(r.reason) ?? 0) + 1);
  const parts = [...counts].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([reason, c]) => `${c} ${reason}`);
  return `0/${numNodes} nodes are available${parts.length > 0 ? ': ' + parts.join(', ') : ''}.`;
}
