import { keyOf, type Pod } from '../objects.js';
import { nonZeroRequests } from './non-zero-requests.js';
import { type PodInfo } from './types.js';

/** The scheduling view of a pod object; `key` is its `keyOf` when the caller has it already. */
export function podInfoOf(pod: Pod, key: string = keyOf(pod)): PodInfo {
  const nonZero = nonZeroRequests(pod.spec.requests, pod.spec.pod);
  // Optional fields assigned in place, in the order the spread of them used to add them: one object per call.
  const info: { -readonly [P in keyof PodInfo]: PodInfo[P] } = {
    key,
    name: pod.meta.name,
    uid: pod.meta.uid,
    priority: pod.spec.priority,
    preemptionPolicy: pod.spec.preemptionPolicy,
    requests: pod.spec.requests,
    nonZeroCpu: nonZero.cpu,
    nonZeroMemory: nonZero.memory,
    constraints: pod.spec.constraints,
    tolerations: pod.spec.tolerations,
  };
  if (pod.meta.deletionTimestamp !== undefined) info.terminating = true;
  if (pod.status.nominatedNodeName !== undefined) info.nominatedNodeName = pod.status.nominatedNodeName;
  if (pod.status.startTime !== undefined) info.startTime = pod.status.startTime;
  return info;
}
