import { type FilterOutcome, FITS, type NodeInfo, type PodInfo } from '../types.js';

/** NodeName: a pod naming a node (`spec.nodeName` before binding) fits only there. */
export function nodeNameFilter(pod: PodInfo, node: NodeInfo): FilterOutcome {
  const wanted = pod.constraints.nodeName;
  if (wanted === undefined || wanted === node.name) return FITS;
  return { ok: false, plugin: 'NodeName', reason: "node(s) didn't match the requested node name", unresolvable: true };
}
