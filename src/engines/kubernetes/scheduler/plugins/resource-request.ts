import { dimension, GPU_RESOURCE_NAME } from '../../../../cluster/resources.js';
import { type NodeInfo, type PodInfo } from '../types.js';

/**
 * The pod's request of one resource for scoring (`calculatePodResourceRequest`): with
 * `useRequested` false (NodeResourcesFit), cpu and memory with the non-zero defaults per container
 * (a missing key counts 100 m / 200 MiB); with `useRequested` true (BalancedAllocation) the
 * effective request without defaults. Other resources never get a default.
 */
export function podRequest(pod: PodInfo, resource: string, useRequested: boolean): number {
  if (!useRequested) {
    if (resource === 'cpu') return pod.nonZeroCpu;
    if (resource === 'memory') return pod.nonZeroMemory;
  }
  return dimension(pod.requests, resource);
}

/** The node's requested amount of a resource: non-zero sums for cpu/memory unless `useRequested`. */
export function nodeRequested(node: NodeInfo, resource: string, useRequested: boolean): number {
  if (!useRequested) {
    if (resource === 'cpu') return node.nonZeroCpu;
    if (resource === 'memory') return node.nonZeroMemory;
  }
  return dimension(node.requested, resource);
}

/** Scalar (extended) resources: everything but cpu and memory (GPUs are `nvidia.com/gpu`). */
export function isScalar(resource: string): boolean {
  return resource !== 'cpu' && resource !== 'memory';
}

/**
 * Fills `requested` and `allocatable` per configured resource, as `resourceAllocationScorer.score`
 * does: a resource the node has none of, or a scalar the pod requests none of, is left at 0 and
 * thus skipped by the scorers.
 */
export function fillAllocation(
  pod: PodInfo,
  node: NodeInfo,
  resources: readonly { readonly name: string }[],
  useRequested: boolean,
  requested: { [i: number]: number },
  allocatable: { [i: number]: number },
): void {
  for (let i = 0; i < resources.length; i++) {
    const name = (resources[i] as { name: string }).name;
    const alloc = dimension(node.allocatable, name);
    const req = podRequest(pod, name, useRequested);
    if (alloc === 0 || (req === 0 && isScalar(name))) {
      requested[i] = 0;
      allocatable[i] = 0;
      continue;
    }
    allocatable[i] = alloc;
    requested[i] = nodeRequested(node, name, useRequested) + req;
  }
}

/** One configured resource resolved for one pod, so the per-node loop only reads numbers. */
export interface PreparedResource {
  /** 0 cpu, 1 memory, 2 gpu, 3 extended. */
  readonly dim: 0 | 1 | 2 | 3;
  readonly name: string;
  readonly podRequest: number;
  /** A scalar the pod requests none of: skipped. */
  readonly skip: boolean;
}

/** Resolves the configured resources for a pod once per cycle (scoring reads them per node; same results as {@link fillAllocation}). */
export function prepareResources(pod: PodInfo, resources: readonly { readonly name: string }[], useRequested: boolean): PreparedResource[] {
  return resources.map(({ name }) => {
    const req = podRequest(pod, name, useRequested);
    const dim = name === 'cpu' ? 0 : name === 'memory' ? 1 : name === 'gpu' || name === GPU_RESOURCE_NAME ? 2 : 3;
    return { dim, name, podRequest: req, skip: req === 0 && isScalar(name) };
  });
}
