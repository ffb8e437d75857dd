import { type NodeSpec } from './node.js';
import { addResources, NO_RESOURCES, type Resources, subtractResources } from './resources.js';

/*
 * The bookkeeping of one node of the cluster's truth (cluster-state.ts): whether it is up or cut off,
 * what its instances hold, and the instances themselves (typed by the cluster, which owns them).
 */

/**
 * One node's truth. What its instances hold is kept as three numbers changed in place (the same
 * sums and differences addResources / subtractResources compute, without a new vector per launch
 * and end); the vector `used` is made from them when asked, and kept until the next change. Once
 * an extended resource shows up the node keeps the vector instead (`usedExt`), through the vector
 * operations, so that the ext entries come out exactly as before.
 */
export interface NodeTruth<I = unknown> {
  readonly spec: NodeSpec;
  up: boolean;
  partitioned: boolean;
  usedCpu: number;
  usedMemory: number;
  usedGpu: number;
  /** The used vector while it has (or had) extended resources: then it is the truth. */
  usedExt: Resources | undefined;
  /** The used vector made from the numbers, until they change. */
  usedCache: Resources | undefined;
  readonly instances: Map<string, I>;
}

/** The resources held by the node's instances. */
export function usedOf(n: NodeTruth): Resources {
  if (n.usedExt !== undefined) return n.usedExt;
  return (n.usedCache ??= { cpu: n.usedCpu, memory: n.usedMemory, gpu: n.usedGpu });
}

/** Adds (sign 1) or removes (sign −1) an instance's resources. */
export function changeUsed(n: NodeTruth, r: Resources, sign: 1 | -1): void {
  if (n.usedExt === undefined && r.ext === undefined) {
    if (sign === 1) {
      n.usedCpu += r.cpu;
      n.usedMemory += r.memory;
      n.usedGpu += r.gpu;
    } else {
      n.usedCpu -= r.cpu;
      n.usedMemory -= r.memory;
      n.usedGpu -= r.gpu;
    }
    n.usedCache = undefined;
    return;
  }
  const next = sign === 1 ? addResources(usedOf(n), r) : subtractResources(usedOf(n), r);
  n.usedExt = next;
  n.usedCpu = next.cpu;
  n.usedMemory = next.memory;
  n.usedGpu = next.gpu;
}

/** Back to nothing used (a crash), as the vector NO_RESOURCES. */
export function clearUsed(n: NodeTruth): void {
  n.usedCpu = 0;
  n.usedMemory = 0;
  n.usedGpu = 0;
  n.usedExt = undefined;
  n.usedCache = NO_RESOURCES;
}
