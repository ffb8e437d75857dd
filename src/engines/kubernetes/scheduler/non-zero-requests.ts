import { type PodRequests, podRequests } from '../../../cluster/pod-requests.js';
import { type Resources } from '../../../cluster/resources.js';
import { DEFAULT_MEMORY_REQUEST, DEFAULT_MILLI_CPU_REQUEST } from './types.js';

/** The defaults kube-scheduler counts for a container that leaves cpu or memory out (`schedutil`). */
const SCORING_DEFAULTS = { cpu: DEFAULT_MILLI_CPU_REQUEST, memory: DEFAULT_MEMORY_REQUEST } as const;

/** A pod's requests with its non-zero defaults: cpu in millicores, memory in bytes. */
export interface NonZeroRequests {
  readonly cpu: number;
  readonly memory: number;
}

/** One result per containers object: a Deployment's or a Job's pods all share their template's. */
const byPod = new WeakMap<PodRequests, NonZeroRequests>();

/**
 * The cpu and memory a pod counts for NodeResourcesFit scoring and `NodeInfo.NonZeroRequested`
 * (`resource_allocation.go` calculatePodResourceRequest with useRequested false, and NodeInfo's
 * calculateResource): `PodRequests` with `NonMissingContainerRequests` = 100m cpu, 200Mi memory,
 * so each container (app or init) that leaves a key out counts the default for it, an explicit 0
 * stays 0, and a pod without containers counts nothing. Without `pod` the request is one container
 * whose zero cpu or memory counts as left out (a trace row cannot tell the two apart).
 */
export function nonZeroRequests(requests: Resources, pod: PodRequests | undefined): NonZeroRequests {
  if (pod === undefined) {
    return { cpu: requests.cpu > 0 ? requests.cpu : DEFAULT_MILLI_CPU_REQUEST, memory: requests.memory > 0 ? requests.memory : DEFAULT_MEMORY_REQUEST };
  }
  let r = byPod.get(pod);
  if (r === undefined) {
    const withDefaults = podRequests(pod, SCORING_DEFAULTS);
    r = { cpu: withDefaults.cpu, memory: withDefaults.memory };
    byPod.set(pod, r);
  }
  return r;
}
