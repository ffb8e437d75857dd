import { type SimDuration } from '../sim/time.js';
import { type ConfigVersionRef } from './app-behaviour.js';
import { type Resources } from './resources.js';

/**
 * What a node agent asks its node to run: one instance of a task. Engines build it from the
 * workload's intents; the cluster only runs it.
 */
export interface TaskLaunch {
  /** Instance id, unique within the trial (engines choose it; e.g. `web-7f3a`, `job-12#3.1`). */
  readonly id: string;
  /** Name of the workload (Service or BatchJob) the instance belongs to. */
  readonly workload: string;
  readonly tenant: string;
  /** Identity of a batch task (`<job>#<index>`), the same for every attempt; absent for service replicas. */
  readonly taskKey?: string;
  /** Version of a service's template the instance runs. */
  readonly version?: string;
  readonly priority: number;
  readonly resources: Resources;
  /** How long the process runs once started; absent means until it is stopped (a service). */
  readonly runFor?: SimDuration;
  /** How the process ends after `runFor`: exit 0 ('finished') or non-zero ('failed'). */
  readonly exitAs?: 'finished' | 'failed';
  /**
   * The config version the agent hands the container at start (env: what it reads; volume: the
   * file's first content; hashed: its template's). Absent for a service replica whose service runs
   * a config: the service's initial version (an engine that never propagated a change).
   */
  readonly config?: ConfigVersionRef;
  /**
   * The instance outlives its process (a pod with restartPolicy Always): when the process exits, the
   * instance keeps its resources and its id, its agent hears `onProcessExit`, and it stays until the
   * agent restarts it in place (`restart`) or removes it (`stop`). Absent: the instance ends with its
   * process (a Mesos task; a Marathon relaunch is a new instance).
   */
  readonly holdOnExit?: boolean;
}

/** How an instance ended, as its own node sees it. */
export type TaskExit = 'finished' | 'failed' | 'stopped';

/** Callbacks into the node agent that launched an instance. They run on the node, never after a crash. */
export interface TaskListener {
  /** The process is up (after the start time of the latency model). */
  onRunning?(): void;
  /** The instance ended (it is gone from the node): on its own, or stopped by the agent. */
  onExit?(exit: TaskExit): void;
  /**
   * Only for a `holdOnExit` instance: its process exited (the app crashed, or a run time ran out)
   * while the instance stays on the node, holding its resources, until the agent restarts or stops it.
   */
  onProcessExit?(exit: 'finished' | 'failed'): void;
  /**
   * The instance's app became ready or stopped being ready (services of the app catalog only): the
   * node agent's ideal probe, told the instant it changes. Only an engine that models a perfect
   * observer (the oracle) should act on it; one that models real probes asks `probeReady` on its own
   * period instead and ignores this. It runs inside the cluster's own bookkeeping (a readiness change
   * can cascade through dependents): schedule what it causes (`ctx.after(0, …)`), never act at once.
   */
  onReadiness?(ready: boolean): void;
}

/** What a node agent asks of an in-place restart (see NodeAgentApi.restart). */
export interface RestartOptions {
  /** The config version the new container starts with (only if newer); absent: the one it ran before. */
  readonly config?: ConfigVersionRef;
}

/** The outcome of a launch request. Over-commit is not an outcome: it throws (a broken invariant). */
export type LaunchResult = { readonly kind: 'launched' } | { readonly kind: 'node-down' };
