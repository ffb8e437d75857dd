import { type Pod } from '../objects.js';

/** A namespace's ResourceQuota `hard` limits (cpu in millicores, memory in bytes); absent = unlimited. */
export interface QuotaHard {
  readonly cpu?: number;
  readonly memory?: number;
  readonly gpu?: number;
  readonly pods?: number;
}

/**
 * The ResourceQuota admission plugin: a new pod is refused when its requests, added to those of
 * the namespace's unfinished pods (`used`), exceed a hard limit. Returns the refusal message, as
 * the API server words it, or undefined when the pod is admitted.
 */
export function quotaRefusal(pod: Pod, used: readonly Pod[], hard: QuotaHard, quotaName: string): string | undefined {
  let cpu = pod.spec.requests.cpu;
  let memory = pod.spec.requests.memory;
  let gpu = pod.spec.requests.gpu;
  let count = 1;
  for (const p of used) {
    if (p.status.phase === 'Succeeded' || p.status.phase === 'Failed') continue;
    cpu += p.spec.requests.cpu;
    memory += p.spec.requests.memory;
    gpu += p.spec.requests.gpu;
    count++;
  }
  const over: string[] = [];
  if (hard.cpu !== undefined && cpu > hard.cpu) over.push(`requests.cpu=${hard.cpu}m`);
  if (hard.memory !== undefined && memory > hard.memory) over.push(`requests.memory=${hard.memory}`);
  if (hard.gpu !== undefined && gpu > hard.gpu) over.push(`requests.nvidia.com/gpu=${hard.gpu}`);
  if (hard.pods !== undefined && count > hard.pods) over.push(`pods=${hard.pods}`);
  return over.length === 0 ? undefined : `exceeded quota: ${quotaName}, limited: ${over.join(',')}`;
}
