import { admits, type PlacementConstraints } from '../../../cluster/constraints.js';
import { type Resources } from '../../../cluster/resources.js';
import { type NodeAgentApi } from '../../engine.js';

/**
 * The best-fit score of placing `demand` on a node with `free` of `cap` left: the sum over cpu,
 * memory and gpus of the fraction of the node's allocatable still free afterwards (lower fits
 * tighter; a resource the node has none of counts 0).
 */
export function leftoverScore(free: Resources, cap: Resources, demand: Resources): number {
  return (
    (cap.cpu > 0 ? (free.cpu - demand.cpu) / cap.cpu : 0) +
    (cap.memory > 0 ? (free.memory - demand.memory) / cap.memory : 0) +
    (cap.gpu > 0 ? (free.gpu - demand.gpu) / cap.gpu : 0)
  );
}

/**
 * Best fit: among the nodes that are up, admit the constraints and have room, the one whose free
 * capacity left after placing is smallest (sum over cpu and memory of the leftover fraction of the
 * node's allocatable, then gpus). Ties go to the earlier node in scenario order, so the choice is a
 * pure function of the cluster's truth.
 */
export function bestFitNode(
  agents: readonly NodeAgentApi[],
  isUp: (node: string) => boolean,
  demand: Resources,
  constraints: PlacementConstraints,
  fits: (agent: NodeAgentApi) => boolean,
): NodeAgentApi | undefined {
  let best: NodeAgentApi | undefined;
  let bestLeft = Number.POSITIVE_INFINITY;
  for (const agent of agents) {
    const spec = agent.node;
    if (!isUp(spec.name) || !admits(spec, constraints) || !fits(agent)) continue;
    const left = leftoverScore(agent.free(), spec.allocatable, demand);
    if (left < bestLeft) {
      bestLeft = left;
      best = agent;
    }
  }
  return best;
}
