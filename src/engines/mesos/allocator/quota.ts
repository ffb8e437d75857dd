import { type Resources } from '../../../cluster/resources.js';

/** Every negative dimension raised to 0. */
export function clampNonNegative(r: Resources): Resources {
  if (r.cpu >= 0 && r.memory >= 0 && r.gpu >= 0 && !r.ext) return r;
  const out = { cpu: Math.max(0, r.cpu), memory: Math.max(0, r.memory), gpu: Math.max(0, r.gpu) };
  if (!r.ext) return out;
  const ext: Record<string, number> = {};
  for (const [k, v] of Object.entries(r.ext)) ext[k] = Math.max(0, v);
  return { ...out, ext };
}

/**
 * What a role's guarantee still lacks: guarantee − consumed, per dimension, never negative.
 * Consumed = offered or allocated to the role (Mesos docs/quota.md; no reservations are modelled).
 */
export function unsatisfied(guarantee: Resources, consumed: Resources): Resources {
  return clampNonNegative({ cpu: guarantee.cpu - consumed.cpu, memory: guarantee.memory - consumed.memory, gpu: guarantee.gpu - consumed.gpu });
}

/**
 * Room under a role's limit: limit − consumed per dimension, never negative. A dimension the
 * scenario's limit does not name is 0, so a limit of cpu and memory also means "no GPUs".
 */
export function quotaRoom(limit: Resources, consumed: Resources): Resources {
  return clampNonNegative({ cpu: limit.cpu - consumed.cpu, memory: limit.memory - consumed.memory, gpu: limit.gpu - consumed.gpu });
}
