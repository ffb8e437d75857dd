import { admits, type PlacementConstraints } from '../../../cluster/constraints.js';
import { type Resources } from '../../../cluster/resources.js';
import { type NodeAgentApi } from '../../engine.js';

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
    const free = agent.free();
    const cap = spec.allocatable;
    const left =
      (cap.cpu > 0 ? (free.cpu - demand.cpu) / cap.cpu : 0) +
      (cap.memory > 0 ? (free.memory - demand.memory) / cap.memory : 0) +
      (cap.gpu > 0 ? (free.gpu - demand.gpu) / cap.gpu : 0);
    if (left < bestLeft) {
      bestLeft = left;
      best = agent;
    }
  }
  return best;
}
