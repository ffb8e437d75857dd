import { NO_CONSTRAINTS, type PlacementConstraints, type Toleration } from '../../../../src/cluster/constraints.js';
import { type Taint } from '../../../../src/cluster/node.js';
import { addResources, resources, type Resources } from '../../../../src/cluster/resources.js';
import { nonZeroRequests } from '../../../../src/engines/kubernetes/scheduler/non-zero-requests.js';
import { createNodeInfo, type NodeInfo, type PodInfo } from '../../../../src/engines/kubernetes/scheduler/types.js';

/**
 * A pod for plugin tests: cpu in millicores, memory in bytes; one container whose cpu or memory of 0
 * counts as left out (the non-zero defaults apply) unless `extra` gives the non-zero requests.
 */
export function pod(
  name: string,
  req: Partial<Resources> = {},
  extra: Omit<Partial<PodInfo>, 'constraints'> & { constraints?: Partial<PlacementConstraints>; tolerations?: readonly Toleration[] } = {},
): PodInfo {
  const requests = resources(req);
  const nonZero = nonZeroRequests(requests, undefined);
  return {
    key: `default/${name}`,
    name,
    uid: `uid-${name}`,
    priority: 0,
    preemptionPolicy: 'PreemptLowerPriority',
    requests,
    nonZeroCpu: nonZero.cpu,
    nonZeroMemory: nonZero.memory,
    tolerations: [],
    ...extra,
    constraints: { ...NO_CONSTRAINTS, ...(extra.constraints ?? {}) },
  };
}

/** A node with pods already on it. */
export function node(
  name: string,
  alloc: Partial<Resources>,
  opts: { labels?: Record<string, string>; taints?: Taint[]; pods?: PodInfo[]; maxPods?: number; unschedulable?: boolean } = {},
): NodeInfo {
  const n = createNodeInfo(name, resources(alloc), opts.maxPods ?? 110, opts.labels ?? {}, opts.taints ?? []);
  n.unschedulable = opts.unschedulable ?? false;
  for (const p of opts.pods ?? []) {
    n.pods.set(p.key, p);
    n.requested = addResources(n.requested, p.requests);
    n.nonZeroCpu += p.nonZeroCpu;
    n.nonZeroMemory += p.nonZeroMemory;
  }
  return n;
}

export const GI = 1024 ** 3;
