import { type ConfigUse, type MissingDependencyPolicy } from '../cluster/app-behaviour.js';
import { type PlacementConstraints } from '../cluster/constraints.js';
import { type PodRequests } from '../cluster/pod-requests.js';
import { type Resources } from '../cluster/resources.js';
import { type SimDuration, type SimTime } from '../sim/time.js';
import { type Fault } from './faults.js';
import { type Perturbation } from './perturbation.js';

/**
 * The desired state the harness hands an engine, as data. Every engine receives the same intents at
 * the same virtual times (they come from the scenario and the `workload` stream alone).
 */
export type Intent = ServiceDeclared | ServiceScaled | ServiceRollout | JobSubmitted | ConfigChanged | ServiceRestart | RunOncePerNode;

/** The intents of the application lifecycle: a config change and the two non-state operations. */
export type LifecycleIntent = ConfigChanged | ServiceRestart | RunOncePerNode;

/** The template of a long-running service's replicas. */
export interface ServiceTemplate {
  readonly name: string;
  readonly tenant: string;
  readonly replicas: number;
  /** The effective request of one replica's pod. */
  readonly resources: Resources;
  /**
   * The pod's containers with their own requests (a missing cpu or memory key kept apart from 0).
   * `resources` is their effective request (`podRequests`), which every engine places on; only
   * kube-scheduler's scoring reads the containers. Absent: one container requesting `resources`,
   * stating cpu and memory where they are non-zero (trace rows record no more than that).
   */
  readonly pod?: PodRequests;
  readonly priority: number;
  readonly constraints: PlacementConstraints;
  /** Version label of the template; a rollout changes it. */
  readonly version: string;
  /**
   * Whether the owner wants replicas on an unreachable node replaced at once (Marathon's
   * partition-aware default) — the Kubernetes engine ignores it: its behaviour comes from taints.
   */
  readonly maxSurge?: number | string;
  readonly maxUnavailable?: number | string;
  /**
   * The service takes requests (the scenario declares its traffic): the engine's service discovery
   * publishes each replica's endpoint once its control plane knows the replica runs, and reports it
   * with `endpoint` events (EngineEvent). Absent: nobody calls the service, and discovery stays idle.
   */
  readonly endpoints?: true;
  /**
   * How the replicas' app behaves and how the owner wants it watched. Absent: the service declares
   * none of it (its replicas are ready while they run). The cluster applies the behaviour by itself
   * (cluster/app-behaviour.ts); engines read this to map it onto their own means (probes, ordering,
   * config objects).
   */
  readonly lifecycle?: ServiceLifecycle;
}

/** What a service declares about its app's lifecycle, for the control plane. */
export interface ServiceLifecycle {
  /**
   * The readiness check the owner configures: probe every `period`; `failureThreshold` consecutive
   * failures mark a ready replica not ready (Kubernetes readinessProbe periodSeconds and
   * failureThreshold, defaults 10 s and 3; Marathon readiness check intervalSeconds). Absent: the
   * owner configured none (Kubernetes then counts a running container as ready).
   */
  readonly readiness?: ReadinessCheck;
  /** Services whose ready replicas this one needs (in the scenario's order; no cycle). */
  readonly dependsOn: readonly string[];
  readonly onMissingDependency: MissingDependencyPolicy;
  /** The config the replicas run, how they consume it, and its version at declaration time. */
  readonly config?: { readonly name: string; readonly use: ConfigUse; readonly version: number };
}

/** A readiness check's timing (see {@link ServiceLifecycle.readiness}). */
export interface ReadinessCheck {
  readonly period: SimDuration;
  readonly failureThreshold: number;
}

/** A service was declared: keep `replicas` instances of the template running. */
export interface ServiceDeclared {
  readonly kind: 'service-declared';
  readonly time: SimTime;
  readonly service: ServiceTemplate;
}

/** The desired replica count of a service changed. */
export interface ServiceScaled {
  readonly kind: 'service-scaled';
  readonly time: SimTime;
  readonly service: string;
  readonly replicas: number;
}

/** A new version of a service's template is rolled out (resources may change with it). */
export interface ServiceRollout {
  readonly kind: 'service-rollout';
  readonly time: SimTime;
  readonly service: string;
  readonly version: string;
  /** The new version's effective request; absent = unchanged. */
  readonly resources?: Resources;
  /** The new version's containers (see {@link ServiceTemplate.pod}); only with `resources`. */
  readonly pod?: PodRequests;
}

/** One task of a batch job, with its run time and exit drawn in advance from the workload stream. */
export interface BatchTask {
  readonly index: number;
  /** `<job name>#<index>`: the identity of the task across attempts. */
  readonly key: string;
  /** The effective request of the task's pod. */
  readonly resources: Resources;
  /**
   * The pod's containers with their own requests (a missing cpu or memory key kept apart from 0).
   * `resources` is their effective request (`podRequests`), which every engine places on; only
   * kube-scheduler's scoring reads the containers. Absent: one container requesting `resources`,
   * stating cpu and memory where they are non-zero (trace rows record no more than that).
   */
  readonly pod?: PodRequests;
  readonly runFor: SimDuration;
  /** How the first attempt ends (later attempts succeed): lets scenarios exercise retry and backoff. */
  readonly firstAttempt: 'finished' | 'failed';
}

/** What every task of a {@link UniformTasks} job has alike: its pod, run time and first attempt's exit. */
export interface TaskShape {
  /** The effective request of each task's pod. */
  readonly resources: Resources;
  /** Each pod's containers (see {@link BatchTask.pod}). */
  readonly pod?: PodRequests;
  readonly runFor: SimDuration;
  readonly firstAttempt: 'finished' | 'failed';
}

/**
 * `count` tasks that are all alike, given as their one {@link TaskShape} instead of a list (a trace
 * row: N instances of one shape and run time). Task `i` is exactly the {@link BatchTask}
 * `{ index: i, key: '<job name>#i', ...shape }` a list would hold at `i`; nothing distinguishes the two
 * forms but their cost, so an engine must never care which one it got.
 */
export interface UniformTasks {
  readonly count: number;
  readonly shape: TaskShape;
}

/**
 * The tasks of a batch job: a list (tasks may differ: durations and exits drawn per task), or a count
 * and one shape when every task is alike. The count form lets a 13 M-task trace exist as one object
 * per job until an engine places a task. Read it only through `taskCount`/`batchTaskAt`
 * (intents/job-tasks.ts) or the engine kit's `BatchTasks`, never as an array.
 */
export type JobTasks = readonly BatchTask[] | UniformTasks;

/** A batch job was submitted: run every task to completion. */
export interface JobSubmitted {
  readonly kind: 'job-submitted';
  readonly time: SimTime;
  readonly job: {
    /** Unique job name, `<workload>` or `<workload>-<n>` for generated arrivals. */
    readonly name: string;
    /** The BatchJob workload this job came from. */
    readonly workload: string;
    readonly tenant: string;
    readonly priority: number;
    readonly constraints: PlacementConstraints;
    /** Its tasks, as a list or as a count of alike tasks (see {@link JobTasks}). */
    readonly tasks: JobTasks;
    /** Most tasks run at once (Kubernetes Job parallelism); absent = all. */
    readonly parallelism?: number;
    /**
     * A synchronous request: the submitting client waits until it is told the job finished; the
     * engine emits `client-informed` when its own path would tell the client.
     */
    readonly sync: boolean;
  };
}

/**
 * A named config got a new version (a ConfigMap edited, an app definition's env changed). Every
 * service whose template names `config` is affected, each by its own `use`: volume replicas should get
 * the new file, env replicas read it only at their next container start, hashed ones need a rollout.
 */
export interface ConfigChanged {
  readonly kind: 'config-changed';
  readonly time: SimTime;
  /** Operation id, unique in the trial (`config-change-<event index>`): results name it. */
  readonly operation: string;
  readonly config: string;
  /** The new version: the previous one + 1 (versions start at 1). */
  readonly version: number;
  /** The services that use the config, with how (in scenario order). */
  readonly services: readonly { readonly service: string; readonly use: ConfigUse }[];
}

/**
 * Restart every replica of a service once (a credentials rotation, a leaking process): done when every
 * replica that existed at `time` has been replaced or restarted by a container started after `time`,
 * and the service is back to its desired replicas, all ready. How is the engine's: a template change
 * and a rollout (`kubectl rollout restart`), the framework's own restart call (Marathon), in place.
 */
export interface ServiceRestart {
  readonly kind: 'service-restart';
  readonly time: SimTime;
  /** Operation id, unique in the trial (`restart-<event index>`). */
  readonly operation: string;
  readonly service: string;
}

/**
 * Run one short task on every node that is live at `time` (collect a diagnostic, warm a cache): done
 * when each of those nodes has run it to completion (a node that dies first is excused). The task
 * of node i runs for `tasks[i].runFor`, the same under every engine; tasks name the node they belong
 * to and are listed for every node of the inventory (the engine cannot know which are live).
 */
export interface RunOncePerNode {
  readonly kind: 'run-once-per-node';
  readonly time: SimTime;
  /** Operation id, unique in the trial: the event's `name`. Task keys are `<operation>#<node>`. */
  readonly operation: string;
  readonly tenant: string;
  readonly priority: number;
  /** The effective request of each task's pod. */
  readonly resources: Resources;
  readonly pod?: PodRequests;
  readonly tasks: readonly { readonly node: string; readonly key: string; readonly runFor: SimDuration }[];
}

/** Everything a trial feeds an engine and the cluster, sorted by time then by scenario order. */
export interface ExpandedWorkload {
  readonly intents: readonly Intent[];
  readonly faults: readonly Fault[];
  readonly perturbations: readonly Perturbation[];
}
