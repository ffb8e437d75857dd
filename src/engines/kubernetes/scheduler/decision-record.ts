import { type ExplainLevel } from '../../engine.js';
import { type SimDuration, toSeconds } from '../../../sim/time.js';
import { type CycleResult } from './framework.js';
import { type FilterOutcome, type PodInfo } from './types.js';

/** How many scored nodes a `top` explanation lists, the chosen one first (selectHost's `numberOfHighestScoredNodesToReport`). */
export const LISTED_CANDIDATES = 3;

/** The `topN` to give `scheduleCycle` for an explain level (0: no explanations). */
export function candidatesToList(explain: boolean, level: ExplainLevel): number {
  return !explain ? 0 : level === 'full' ? Number.POSITIVE_INFINITY : LISTED_CANDIDATES;
}

/** Why a placed pod's cycle did not score, in the words of `schedulePod`. */
const SCORING_SKIPPED = {
  'only-feasible-node': 'only one node passed the filters: schedulePod binds it without running the score plugins',
  'nominated-node': "the pod's nominated node passed the filters, so it is the only feasible node: schedulePod binds it without running the score plugins",
} as const;

/** DefaultPreemption's outcome of an unschedulable cycle: the node nominated and the pods evicted from it. */
export interface PreemptionVictims {
  readonly node: string;
  readonly pods: readonly PodInfo[];
}

/** Per filter plugin and reason, how many nodes it rejected (first seen first). */
function summarize(rejections: ReadonlyMap<string, FilterOutcome & { ok: false }>): { plugin: string; reason: string; nodes: number }[] {
  const counts = new Map<string, { plugin: string; reason: string; nodes: number }>();
  for (const r of rejections.values()) {
    const key = `${r.plugin}\0${r.reason}`;
    const c = counts.get(key);
    if (c) c.nodes++;
    else counts.set(key, { plugin: r.plugin, reason: r.reason, nodes: 1 });
  }
  return [...counts.values()];
}

/** At level `full`, every rejected node with the filter plugin that rejected it and why (in walk order). */
function rejectedNodes(rejections: ReadonlyMap<string, FilterOutcome & { ok: false }>, level: ExplainLevel): Record<string, unknown> {
  if (level !== 'full' || rejections.size === 0) return {};
  return { rejectedNodes: [...rejections].map(([node, r]) => ({ node, plugin: r.plugin, reason: r.reason })) };
}

/**
 * The explain.jsonl record of one scheduling cycle (docs/explain.md): where the pod went and how the
 * node was chosen — scoring skipped with one feasible node, or the scored candidates (the chosen one
 * always among them) with each plugin's raw, normalized and weighted score and the plugins that
 * skipped — or why no node fits and whom preemption picked. The filter rejections are summarized
 * per plugin and reason; at level `full` every evaluated node is listed, scored or rejected.
 */
export function decisionRecord(
  pod: string,
  result: CycleResult,
  victims: PreemptionVictims | undefined,
  think: SimDuration,
  level: ExplainLevel,
): Record<string, unknown> {
  const base = { type: 'scheduling-decision', pod, nodesEvaluated: result.evaluated, thinkSeconds: toSeconds(think) };
  if (result.kind === 'unschedulable') {
    const record: Record<string, unknown> = {
      ...base,
      reason: result.reason,
      rejections: summarize(result.rejections),
      ...rejectedNodes(result.rejections, level),
    };
    if (victims) record.preemption = { node: victims.node, victims: victims.pods.map((v) => v.name) };
    return record;
  }
  const record: Record<string, unknown> = { ...base, node: result.node, feasibleNodes: result.feasible, selectedBy: result.selectedBy };
  if (result.selectedBy === 'highest-score') {
    record.bestScore = result.candidates[0]?.total;
    record.tiedAtBest = result.tiedAtBest;
    if (result.tiedAtBest > 1)
      record.tieBreak = `uniformly at random among the ${result.tiedAtBest} nodes with the best score (selectHost's reservoir sampling)`;
    record.listed = level === 'full' ? 'every-feasible-node' : `top-${LISTED_CANDIDATES}`;
    record.candidates = result.candidates;
    if (result.skippedPlugins.length > 0) record.skippedPlugins = result.skippedPlugins;
  } else {
    record.scoringSkipped = SCORING_SKIPPED[result.selectedBy];
  }
  if (result.rejections.size > 0) record.rejections = summarize(result.rejections);
  return { ...record, ...rejectedNodes(result.rejections, level) };
}
