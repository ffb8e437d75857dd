import { type SimDuration } from '../sim/time.js';
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
}

/** How an instance ended, as its own node sees it. */
export type TaskExit = 'finished' | 'failed' | 'stopped';

/** Callbacks into the node agent that launched an instance. They run on the node, never after a crash. */
export interface TaskListener {
  /** The process is up (after the start time of the latency model). */
  onRunning?(): void;
  /** The process ended: on its own, or stopped by the agent. */
  onExit?(exit: TaskExit): void;
}

/** The outcome of a launch request. Over-commit is not an outcome: it throws (a broken invariant). */
export type LaunchResult = { readonly kind: 'launched' } | { readonly kind: 'node-down' };
