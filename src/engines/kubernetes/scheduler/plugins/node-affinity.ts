import { matchesTerm } from '../../../../cluster/constraints.js';
import { type FilterOutcome, FITS, type NodeInfo, type PodInfo } from '../types.js';

/** NodeAffinity filter: nodeSelector labels match exactly and some required term matches (OR of ANDs). */
export function nodeAffinityFilter(pod: PodInfo, node: NodeInfo): FilterOutcome {
  const c = pod.constraints;
  for (const key in c.nodeSelector) {
    if (node.labels[key] !== c.nodeSelector[key]) return fail();
  }
  if (c.requiredTerms.length > 0 && !c.requiredTerms.some((t) => matchesTerm(node.labels, t))) return fail();
  return FITS;
}

function fail(): FilterOutcome {
  return { ok: false, plugin: 'NodeAffinity', reason: "node(s) didn't match Pod's node affinity/selector", unresolvable: true };
}

/** NodeAffinity score (before normalizing): the sum of the weights of the preferred terms the node matches. */
export function nodeAffinityScore(pod: PodInfo, node: NodeInfo): number {
  let sum = 0;
  for (const p of pod.constraints.preferredTerms) if (p.weight !== 0 && matchesTerm(node.labels, p.term)) sum += p.weight;
  return sum;
}

/** PreScore returns Skip when the pod has no preferred terms. */
export function nodeAffinityScoreSkips(pod: PodInfo): boolean {
  return pod.constraints.preferredTerms.length === 0;
}
