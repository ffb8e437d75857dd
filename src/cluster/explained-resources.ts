import { type Resources } from './resources.js';

/**
 * A resource vector as explain.jsonl writes it: cpu in cores, memory in GiB (2^30 bytes), whole
 * GPUs, extended scalars as counted. The simulator keeps millicores and bytes; the explanations are
 * read by people, so every record uses these units and these field names (docs/explain.md).
 */
export interface ExplainedResources {
  readonly cpuCores: number;
  readonly memoryGiB: number;
  readonly gpus: number;
  readonly ext?: Readonly<Record<string, number>>;
}

const BYTES_PER_GIB = 2 ** 30;

/** {@link ExplainedResources} of a vector (only called when explanations are on). */
export function explainResources(r: Resources): ExplainedResources {
  const out = { cpuCores: r.cpu / 1000, memoryGiB: r.memory / BYTES_PER_GIB, gpus: r.gpu };
  return r.ext !== undefined ? { ...out, ext: r.ext } : out;
}
