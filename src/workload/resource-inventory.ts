import { type PodRequests } from '../cluster/pod-requests.js';
import { canonicalResourceName, type Resources, resourceNamesOf } from '../cluster/resources.js';
import { type ScenarioDoc } from './schema.js';

/** Resources every node has and every engine models, whatever the scenario says: cpu and memory. */
const ALWAYS = ['cpu', 'memory'];

/**
 * The resources some node or some pod of the scenario can have, by canonical name
 * (`nvidia.com/gpu` for GPUs; cluster/resources.ts): cpu and memory, and every other resource a
 * node group, an explicit node, a workload's pod (containers, init containers, overhead) or a
 * rollout asks for in a positive amount. Trace rows carry only cpu and memory. Sorted, for stable
 * messages. Engine options that name a resource outside this set refer to nothing (the runner says
 * so, with a "did you mean" from these names).
 */
export function scenarioResourceNames(doc: ScenarioDoc): string[] {
  const names = new Set<string>(ALWAYS);
  const add = (r: Resources | undefined): void => {
    if (r) for (const n of resourceNamesOf(r)) names.add(n);
  };
  const addPod = (pod: PodRequests): void => {
    for (const c of [...pod.containers, ...pod.initContainers]) add(c.requests);
    add(pod.overhead);
  };
  for (const g of doc.spec.cluster.nodeGroups) add(g.resources);
  for (const n of doc.spec.cluster.nodes) add(n.resources);
  for (const w of doc.spec.workloads) {
    if (w.kind === 'Trace') continue;
    add(w.resources);
    addPod(w.pod);
  }
  for (const e of doc.spec.events) if (e.kind === 'rollout') add(e.resources);
  return [...names].sort();
}

/** Whether `name` (either spelling of GPUs) is one of `inventory` ({@link scenarioResourceNames}). */
export function inInventory(name: string, inventory: readonly string[]): boolean {
  return inventory.includes(canonicalResourceName(name));
}
