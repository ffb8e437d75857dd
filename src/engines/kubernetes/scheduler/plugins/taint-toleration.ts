import { tolerates } from '../../../../cluster/constraints.js';
import { type FilterOutcome, FITS, type NodeInfo, type PodInfo } from '../types.js';

/** TaintToleration filter: every NoSchedule / NoExecute taint must be tolerated. */
export function taintTolerationFilter(pod: PodInfo, node: NodeInfo): FilterOutcome {
  for (const taint of node.taints) {
    if (taint.effect === 'PreferNoSchedule') continue;
    if (pod.tolerations.some((t) => tolerates(t, taint))) continue;
    return {
      ok: false,
      plugin: 'TaintToleration',
      reason: `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`,
      unresolvable: true,
    };
  }
  return FITS;
}

/**
 * TaintToleration score (before normalizing): the number of PreferNoSchedule taints the pod does
 * not tolerate, counting only tolerations with an empty or PreferNoSchedule effect. Normalized
 * in reverse, so fewer intolerable taints score higher.
 */
export function taintTolerationScore(pod: PodInfo, node: NodeInfo): number {
  let count = 0;
  for (const taint of node.taints) {
    if (taint.effect !== 'PreferNoSchedule') continue;
    const ok = pod.tolerations.some((t) => (t.effect === undefined || t.effect === 'PreferNoSchedule') && tolerates(t, taint));
    if (!ok) count++;
  }
  return count;
}
