import { admits, type PlacementConstraints } from '../../cluster/constraints.js';
import { explainResources } from '../../cluster/explained-resources.js';
import { type TaskLaunch } from '../../cluster/task.js';
import { type ExplainLevel, type NodeAgentApi } from '../engine.js';
import { leftoverScore } from '../kit/index.js';

/** How many nodes a placement record lists at level `top` (the chosen one first); level `full` lists every node with room. */
const LISTED = 3;

/** One node the best fit considered: its leftover score (lower fits tighter). */
interface FitCandidate {
  readonly node: string;
  readonly leftover: number;
}

/**
 * The explain.jsonl record of one oracle placement (docs/explain.md), built before the task is
 * launched: the rule, the chosen node's leftover score (the sum over cpu, memory and gpus of the
 * fraction of the node's allocatable still free after placing, as {@link bestFitNode} computes
 * it), how many up nodes admit the task and have room, and the chosen node followed by the
 * other nodes by that score (ties in scenario order): the next two, or at level `full` all of them. The scan is a second, plain pass over every
 * node, made only with `--explain`, so the record is evidence of its own: had the engine's fast
 * paths (the fit index, the same-node shortcut) ever strayed from the rule, a listed other node
 * would show a lower score than the chosen one.
 */
export function placementRecord(
  task: TaskLaunch,
  chosen: NodeAgentApi,
  agents: readonly NodeAgentApi[],
  isUp: (node: string) => boolean,
  constraints: PlacementConstraints,
  level: ExplainLevel = 'top',
): Record<string, unknown> {
  const demand = task.resources;
  const ranked: FitCandidate[] = [];
  let chosenLeftover = Number.NaN;
  for (const agent of agents) {
    const spec = agent.node;
    if (!isUp(spec.name) || !admits(spec, constraints) || !agent.fits(task)) continue;
    const leftover = leftoverScore(agent.free(), spec.allocatable, demand);
    if (agent === chosen) chosenLeftover = leftover;
    ranked.push({ node: spec.name, leftover });
  }
  // Stable sort: equal scores keep scenario order, the rule's tie-break.
  ranked.sort((a, b) => a.leftover - b.leftover);
  const others = ranked.filter((c) => c.node !== chosen.node.name).slice(0, level === 'full' ? undefined : LISTED - 1);
  return {
    type: 'placement',
    task: task.id,
    workload: task.workload,
    requests: explainResources(demand),
    node: chosen.node.name,
    rule: 'best-fit',
    why: "the up node that admits the task and has room with the lowest leftover score (free fraction of the node's allocatable left after placing, summed over cpu, memory and gpus); ties to the earlier node in scenario order",
    leftover: chosenLeftover,
    nodesWithRoom: ranked.length,
    candidates: [{ node: chosen.node.name, leftover: chosenLeftover }, ...others],
  };
}
