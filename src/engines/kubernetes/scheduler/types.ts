import { type PlacementConstraints, type Toleration } from '../../../cluster/constraints.js';
import { type Taint } from '../../../cluster/node.js';
import { type Resources } from '../../../cluster/resources.js';
import { type SimTime } from '../../../sim/time.js';

/** `schedutil.DefaultMilliCPURequest`: 100 m for a container with no cpu request (scoring only). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
/** `schedutil.DefaultMemoryRequest`: 200 MiB for a container with no memory request (scoring only). */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;
/** `framework.MaxNodeScore`. */
export const MAX_NODE_SCORE = 100;

/** What the scheduling plugins know about a pod. */
export interface PodInfo {
  readonly key: string;
  readonly name: string;
  readonly uid: string;
  readonly priority: number;
  readonly preemptionPolicy: 'PreemptLowerPriority' | 'Never';
  /** The effective request, no defaults (the Fit filter, BalancedAllocation, the node's `Requested`). */
  readonly requests: Resources;
  /**
   * The pod's cpu (millicores) and memory (bytes) request with the non-zero defaults applied per
   * container to a missing key (`NonMissingContainerRequests`): what NodeResourcesFit scores and the
   * node's `NonZeroRequested` sums (non-zero-requests.ts).
   */
  readonly nonZeroCpu: number;
  readonly nonZeroMemory: number;
  readonly constraints: PlacementConstraints;
  readonly tolerations: readonly Toleration[];
  readonly nominatedNodeName?: string;
  /** Being deleted (graceful deletion in progress): still holds its room on the node. */
  readonly terminating?: boolean;
  /** When the pod started running (preemption's tie-break); undefined if not yet. */
  readonly startTime?: SimTime;
}

/** The scheduler cache's view of one node: the Node object plus the pods assigned or assumed to it. */
export interface NodeInfo {
  readonly name: string;
  labels: Readonly<Record<string, string>>;
  taints: readonly Taint[];
  unschedulable: boolean;
  allocatable: Resources;
  maxPods: number;
  /** Σ raw requests of the node's pods. */
  requested: Resources;
  /** Σ non-zero cpu / memory requests (`NodeInfo.NonZeroRequested`). */
  nonZeroCpu: number;
  nonZeroMemory: number;
  readonly pods: Map<string, PodInfo>;
}

/** The outcome of one Filter plugin on one node. */
export type FilterOutcome =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly plugin: string;
      readonly reason: string;
      /** UnschedulableAndUnresolvable: preemption on this node cannot help. */
      readonly unresolvable: boolean;
    };

export const FITS: FilterOutcome = Object.freeze({ ok: true });

/** A configured resource with its weight (`config.ResourceSpec`). */
export interface ResourceSpec {
  readonly name: string;
  readonly weight: number;
}

/** A point of the RequestedToCapacityRatio shape (utilization 0..100, score 0..10). */
export interface ShapePoint {
  readonly utilization: number;
  readonly score: number;
}

/** Builds an empty NodeInfo. */
export function createNodeInfo(
  name: string,
  allocatable: Resources,
  maxPods: number,
  labels: Readonly<Record<string, string>> = {},
  taints: readonly Taint[] = [],
): NodeInfo {
  return {
    name,
    labels,
    taints,
    unschedulable: false,
    allocatable,
    maxPods,
    requested: { cpu: 0, memory: 0, gpu: 0 },
    nonZeroCpu: 0,
    nonZeroMemory: 0,
    pods: new Map(),
  };
}
