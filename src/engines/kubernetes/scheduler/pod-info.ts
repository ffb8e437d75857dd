import { keyOf, type Pod } from '../objects.js';
import { type PodInfo } from './types.js';

/** The scheduling view of a pod object. */
export function podInfoOf(pod: Pod): PodInfo {
  // Optional fields assigned in place, in the order the spread of them used to add them: one object per call.
  const info: { -readonly [P in keyof PodInfo]: PodInfo[P] } = {
    key: keyOf(pod),
    name: pod.meta.name,
    uid: pod.meta.uid,
    priority: pod.spec.priority,
    preemptionPolicy: pod.spec.preemptionPolicy,
    requests: pod.spec.requests,
    declared: { cpu: pod.spec.requests.cpu > 0, memory: pod.spec.requests.memory > 0 },
    constraints: pod.spec.constraints,
    tolerations: pod.spec.tolerations,
  };
  if (pod.meta.deletionTimestamp !== undefined) info.terminating = true;
  if (pod.status.nominatedNodeName !== undefined) info.nominatedNodeName = pod.status.nominatedNodeName;
  if (pod.status.startTime !== undefined) info.startTime = pod.status.startTime;
  return info;
}
