import { keyOf, type Pod } from '../objects.js';
import { type PodInfo } from './types.js';

/** The scheduling view of a pod object. */
export function podInfoOf(pod: Pod): PodInfo {
  const info: PodInfo = {
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
  const extra: { nominatedNodeName?: string; startTime?: typeof pod.status.startTime; terminating?: boolean } = {};
  if (pod.meta.deletionTimestamp !== undefined) extra.terminating = true;
  if (pod.status.nominatedNodeName !== undefined) extra.nominatedNodeName = pod.status.nominatedNodeName;
  if (pod.status.startTime !== undefined) extra.startTime = pod.status.startTime;
  return { ...info, ...extra };
}
