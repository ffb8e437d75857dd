import { keyOf, type Pod } from '../objects.js';
import { type PodInfo } from './types.js';

/** The four `declared` values, shared (a PodInfo is made on every event of a pod; they are never changed). */
const DECLARED = [
  [
    { cpu: false, memory: false },
    { cpu: false, memory: true },
  ],
  [
    { cpu: true, memory: false },
    { cpu: true, memory: true },
  ],
] as const;

/** The scheduling view of a pod object; `key` is its `keyOf` when the caller has it already. */
export function podInfoOf(pod: Pod, key: string = keyOf(pod)): PodInfo {
  // Optional fields assigned in place, in the order the spread of them used to add them: one object per call.
  const info: { -readonly [P in keyof PodInfo]: PodInfo[P] } = {
    key,
    name: pod.meta.name,
    uid: pod.meta.uid,
    priority: pod.spec.priority,
    preemptionPolicy: pod.spec.preemptionPolicy,
    requests: pod.spec.requests,
    declared: DECLARED[pod.spec.requests.cpu > 0 ? 1 : 0][pod.spec.requests.memory > 0 ? 1 : 0],
    constraints: pod.spec.constraints,
    tolerations: pod.spec.tolerations,
  };
  if (pod.meta.deletionTimestamp !== undefined) info.terminating = true;
  if (pod.status.nominatedNodeName !== undefined) info.nominatedNodeName = pod.status.nominatedNodeName;
  if (pod.status.startTime !== undefined) info.startTime = pod.status.startTime;
  return info;
}
