import { type ConfigUse } from '../../cluster/app-behaviour.js';
import { type PlacementConstraints, type Toleration } from '../../cluster/constraints.js';
import { type Taint } from '../../cluster/node.js';
import { type PodRequests } from '../../cluster/pod-requests.js';
import { type Resources } from '../../cluster/resources.js';
import { type SimDuration, type SimTime } from '../../sim/time.js';
import { type CompletedIndexes } from './completed-indexes.js';

/**
 * The API objects of the model, as plain immutable data. Writers build a new object and the store
 * stamps it with a new resourceVersion; nobody mutates an object in place.
 */
export interface ObjectMeta {
  readonly name: string;
  /** Empty for cluster-scoped kinds (Node, Namespace). */
  readonly namespace: string;
  readonly uid: string;
  /** The store's revision at the last write (0 before the first write). */
  readonly resourceVersion: number;
  readonly creationTimestamp: SimTime;
  /** Set by a graceful delete: the object is terminating. */
  readonly deletionTimestamp?: SimTime;
  /**
   * 0 once a delete with grace period 0 (a force delete, or the kubelet's confirmation) found
   * finalizers on the object: the store deletes it when its last finalizer is removed.
   */
  readonly deletionGracePeriodSeconds?: number;
  /** Keys that hold the object in the store after a delete until their owners remove them. */
  readonly finalizers?: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly owner?: { readonly kind: 'ReplicaSet' | 'Deployment' | 'Job'; readonly name: string; readonly uid: string };
}

/**
 * What a pod's container does about the application lifecycle (issue: service dependencies, config
 * management). Absent: a plain container that counts as Ready while it runs, exactly as before.
 */
export interface PodLifecycle {
  /** The readinessProbe: periodSeconds and failureThreshold (successThreshold 1, its default, initialDelaySeconds 0). */
  readonly readinessProbe?: { readonly period: SimDuration; readonly failureThreshold: number };
  /** An init container that waits until each of these Services has a ready endpoint (the wait-for idiom). */
  readonly initWaitFor?: readonly string[];
  /** The ConfigMap the container reads, and how (`volume` mount, `env` reference; `hashed`: env plus a template checksum). */
  readonly configMap?: { readonly name: string; readonly use: ConfigUse };
}

/**
 * What a pod runs. `requests` is the pod's effective request (what the Fit filter, the kubelet and
 * quota count); `pod` its containers, from which the scheduler's scoring takes the non-zero
 * defaults per container (absent: one container, see `ServiceTemplate.pod` in intents/).
 */
export interface PodSpec {
  readonly nodeName?: string;
  readonly priority: number;
  readonly preemptionPolicy: 'PreemptLowerPriority' | 'Never';
  readonly requests: Resources;
  readonly pod?: PodRequests | undefined;
  readonly constraints: PlacementConstraints;
  /** Constraints' tolerations plus the admission defaults (DefaultTolerationSeconds). */
  readonly tolerations: readonly Toleration[];
  readonly restartPolicy: 'Always' | 'Never';
  /** Workload fields that ride on the pod so the kubelet can build its TaskLaunch. */
  readonly workload: string;
  readonly tenant: string;
  readonly version?: string;
  readonly taskKey?: string;
  readonly runFor?: SimDuration;
  readonly exitAs?: 'finished' | 'failed';
  /** Job completion index (Indexed Jobs). */
  readonly index?: number;
  /** Readiness probe, init container and ConfigMap use (absent: none of them). */
  readonly lifecycle?: PodLifecycle;
}

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

export interface PodStatus {
  readonly phase: PodPhase;
  readonly ready: boolean;
  readonly startTime?: SimTime;
  readonly readySince?: SimTime;
  readonly finishedAt?: SimTime;
  readonly restartCount: number;
  readonly nominatedNodeName?: string;
  /** PodScheduled=False message from the scheduler. */
  readonly unschedulableMessage?: string;
  readonly reason?: string;
}

export interface Pod {
  readonly kind: 'Pod';
  readonly meta: ObjectMeta;
  readonly spec: PodSpec;
  readonly status: PodStatus;
}

export interface NodeObject {
  readonly kind: 'Node';
  readonly meta: ObjectMeta;
  readonly spec: { readonly taints: readonly (Taint & { readonly timeAdded?: SimTime })[]; readonly unschedulable: boolean };
  readonly status: {
    readonly allocatable: Resources;
    readonly maxPods: number;
    readonly ready: 'True' | 'False' | 'Unknown';
    readonly readyTransition: SimTime;
  };
}

export interface Lease {
  readonly kind: 'Lease';
  readonly meta: ObjectMeta;
  readonly spec: { readonly holder: string; readonly renewTime: SimTime; readonly durationSeconds: number };
}

/** The pod template of ReplicaSets and Deployments. */
export interface PodTemplate {
  readonly version: string;
  readonly requests: Resources;
  readonly pod?: PodRequests | undefined;
  readonly priority: number;
  readonly constraints: PlacementConstraints;
  /** The pods' lifecycle (absent: none). */
  readonly lifecycle?: PodLifecycle;
  /**
   * Template annotations: `kubectl.kubernetes.io/restartedAt` (`kubectl rollout restart`) and
   * `checksum/config` (the config-hash idiom). Part of the template hash, so changing one is a rollout.
   */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** A ConfigMap: its data is reduced to the version of the named config it holds. */
export interface ConfigMap {
  readonly kind: 'ConfigMap';
  readonly meta: ObjectMeta;
  readonly data: { readonly version: number };
}

export interface ReplicaSet {
  readonly kind: 'ReplicaSet';
  readonly meta: ObjectMeta;
  readonly spec: {
    readonly replicas: number;
    readonly template: PodTemplate;
    readonly workload: string;
    readonly tenant: string;
    readonly revision: number;
    /** Seconds a pod must be Ready to count as available (absent: 0). */
    readonly minReadySeconds?: number;
  };
  readonly status: { readonly replicas: number; readonly readyReplicas: number; readonly availableReplicas: number };
}

export interface Deployment {
  readonly kind: 'Deployment';
  readonly meta: ObjectMeta;
  readonly spec: {
    readonly replicas: number;
    readonly template: PodTemplate;
    readonly maxSurge: number | string;
    readonly maxUnavailable: number | string;
    readonly revisionHistoryLimit: number;
    /** Seconds a pod must be Ready to count as available (absent: 0). */
    readonly minReadySeconds?: number;
  };
  readonly status: { readonly replicas: number; readonly updatedReplicas: number; readonly availableReplicas: number };
}

/** One index of an Indexed Job (tasks may differ in resources and run time). */
export interface JobTask {
  readonly index: number;
  readonly key: string;
  readonly requests: Resources;
  readonly pod?: PodRequests | undefined;
  readonly runFor: SimDuration;
  readonly firstAttempt: 'finished' | 'failed';
}

export interface Job {
  readonly kind: 'Job';
  readonly meta: ObjectMeta;
  readonly spec: {
    readonly workload: string;
    readonly tenant: string;
    readonly parallelism: number;
    readonly completions: number;
    readonly backoffLimit: number;
    readonly priority: number;
    readonly constraints: PlacementConstraints;
    readonly tasks: readonly JobTask[];
    readonly sync: boolean;
  };
  readonly status: {
    readonly active: number;
    readonly succeeded: number;
    readonly failed: number;
    /**
     * `status.completedIndexes`: the indexes with a counted succeeded pod. With `succeeded` and
     * `failed` it is what survives the deletion of the Job's pods (pod tracking with finalizers).
     */
    readonly completedIndexes?: CompletedIndexes;
    /**
     * `status.uncountedTerminatedPods.failed`: uids of failed pods the controller has recorded but
     * whose tracking finalizer it has not yet removed (not yet in `failed`).
     */
    readonly uncountedFailed?: readonly string[];
    readonly condition?: 'Complete' | 'Failed';
    readonly completionTime?: SimTime;
    /** Control-plane hops from the last task's end to this status write (for `client-informed`). */
    readonly hops?: number;
  };
}

export interface Namespace {
  readonly kind: 'Namespace';
  readonly meta: ObjectMeta;
}

/** Every kind the store holds. */
export type KObject = Pod | NodeObject | Lease | ReplicaSet | Deployment | Job | Namespace | ConfigMap;
export type Kind = KObject['kind'];
export type ObjectOf<K extends Kind> = Extract<KObject, { kind: K }>;

/** The store key of an object: `namespace/name`, or `name` for cluster-scoped kinds. */
export function keyOf(obj: { readonly meta: { readonly namespace: string; readonly name: string } }): string {
  return obj.meta.namespace === '' ? obj.meta.name : `${obj.meta.namespace}/${obj.meta.name}`;
}

/**
 * `{ ...meta, resourceVersion }`, built member by member: the store stamps every write, and a
 * spread with an override costs several times a plain literal on that path. Same members with the
 * same values (a member present but undefined is left out; nothing tells the two apart).
 */
export function withResourceVersion(m: ObjectMeta, resourceVersion: number): ObjectMeta {
  const out: { -readonly [P in keyof ObjectMeta]: ObjectMeta[P] } = {
    name: m.name,
    namespace: m.namespace,
    uid: m.uid,
    resourceVersion,
    creationTimestamp: m.creationTimestamp,
    labels: m.labels,
  };
  if (m.annotations !== undefined) out.annotations = m.annotations;
  if (m.owner !== undefined) out.owner = m.owner;
  if (m.deletionTimestamp !== undefined) out.deletionTimestamp = m.deletionTimestamp;
  if (m.deletionGracePeriodSeconds !== undefined) out.deletionGracePeriodSeconds = m.deletionGracePeriodSeconds;
  if (m.finalizers !== undefined) out.finalizers = m.finalizers;
  return out;
}

/** True when the pod has finished for good (Succeeded or Failed). */
export function isTerminal(pod: Pod): boolean {
  return pod.status.phase === 'Succeeded' || pod.status.phase === 'Failed';
}

/** `FilterActivePods`: neither terminal nor terminating. */
export function isActive(pod: Pod): boolean {
  return !isTerminal(pod) && pod.meta.deletionTimestamp === undefined;
}

/**
 * The finalizer the Job controller puts on its pods (`batch.kubernetes.io/job-tracking`,
 * JobTrackingWithFinalizers, GA in v1.26) and removes once the pod's end is in the Job's status.
 */
export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';

/** True when the object still carries finalizers (a delete only marks it). */
export function hasFinalizers(obj: { readonly meta: ObjectMeta }): boolean {
  return obj.meta.finalizers !== undefined && obj.meta.finalizers.length > 0;
}

/** Taint keys the node lifecycle controller uses (well-known `node.kubernetes.io/*`). */
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
