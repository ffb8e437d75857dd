import { tolerates } from '../../../../cluster/constraints.js';
import { TAINT_UNSCHEDULABLE } from '../../objects.js';
import { type FilterOutcome, FITS, type NodeInfo, type PodInfo } from '../types.js';

const REASON = 'node(s) were unschedulable';

/** NodeUnschedulable: a cordoned node (`spec.unschedulable`) only takes pods tolerating `node.kubernetes.io/unschedulable:NoSchedule`. */
export function nodeUnschedulableFilter(pod: PodInfo, node: NodeInfo): FilterOutcome {
  if (!node.unschedulable) return FITS;
  const taint = { key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' as const };
  if (pod.tolerations.some((t) => tolerates(t, taint))) return FITS;
  return { ok: false, plugin: 'NodeUnschedulable', reason: REASON, unresolvable: true };
}
