import { type Taint } from '../../../cluster/node.js';
import { type NodeObject } from '../objects.js';

/** What the filters read from a Node object: its taints (without the time stamps) and the cordon flag. */
export function nodeUnschedulableTaintFree(obj: NodeObject): { readonly taints: readonly Taint[]; readonly unschedulable: boolean } {
  return {
    taints: obj.spec.taints.map((t) => (t.value === undefined ? { key: t.key, effect: t.effect } : { key: t.key, value: t.value, effect: t.effect })),
    unschedulable: obj.spec.unschedulable,
  };
}
