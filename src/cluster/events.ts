import { type SimTime } from '../sim/time.js';
import { type Resources } from './resources.js';
import { type ConfigVersionRef } from './app-behaviour.js';
import { type TaskLaunch } from './task.js';

/**
 * What physically happened on the cluster. The cluster emits these; the metrics observer folds them
 * (they are part of the MetricEvent union). Engines never receive them.
 */
export type ClusterEvent =
  | { readonly kind: 'task-launched'; readonly time: SimTime; readonly node: string; readonly task: TaskLaunch }
  | { readonly kind: 'task-running'; readonly time: SimTime; readonly node: string; readonly task: TaskLaunch }
  | {
      readonly kind: 'task-ended';
      readonly time: SimTime;
      readonly node: string;
      readonly task: TaskLaunch;
      /** finished/failed: the process exited; stopped: the agent killed it; lost: the node crashed under it. */
      readonly how: 'finished' | 'failed' | 'stopped' | 'lost';
      /** Why a service replica's app exited on its own (`failed` by the app lifecycle); absent otherwise. */
      readonly reason?: ProcessExitReason;
      /** Whether it had reached running before it ended. */
      readonly wasRunning: boolean;
    }
  | {
      /**
       * The app of a service replica became ready (its startup is over and every service it depends on
       * has a ready replica) or stopped being ready (a dependency lost its last ready replica, under
       * `wait`). Only for services in the app catalog; an instance that ends or whose process exits
       * while ready gets a `ready: false` first. Truth: what a perfect probe would see at this instant.
       */
      readonly kind: 'task-readiness';
      readonly time: SimTime;
      readonly node: string;
      readonly task: TaskLaunch;
      readonly ready: boolean;
    }
  | {
      /**
       * The process of a `holdOnExit` instance exited and the instance stays on its node holding its
       * resources (a pod whose container died: restart pending). `reason` says why the app exited.
       */
      readonly kind: 'process-exited';
      readonly time: SimTime;
      readonly node: string;
      readonly task: TaskLaunch;
      readonly how: 'finished' | 'failed';
      readonly reason: ProcessExitReason;
    }
  | {
      /**
       * The node agent restarted an instance in place (same id, same resources): its old process, if
       * any, was killed now, and a new container starts after the latency model's task start time.
       * `restarts` counts the in-place restarts of this instance so far (this one included).
       */
      readonly kind: 'task-restarted';
      readonly time: SimTime;
      readonly node: string;
      readonly task: TaskLaunch;
      readonly restarts: number;
      /** Whether the old process was still running (killed) or had exited (a crash-loop restart). */
      readonly killedRunning: boolean;
    }
  | {
      /**
       * The new container of an instance restarted in place is up (`task-running` is only for an
       * instance's first container). `restarts` is the instance's in-place restarts so far.
       */
      readonly kind: 'process-started';
      readonly time: SimTime;
      readonly node: string;
      readonly task: TaskLaunch;
      readonly restarts: number;
    }
  | {
      /** A replica now runs this config version: at container start, or delivered into a running one (volume). */
      readonly kind: 'config-applied';
      readonly time: SimTime;
      readonly node: string;
      readonly task: TaskLaunch;
      readonly config: ConfigVersionRef;
      readonly how: 'container-start' | 'delivered';
    }
  | { readonly kind: 'node-crashed'; readonly time: SimTime; readonly node: string }
  | { readonly kind: 'node-recovered'; readonly time: SimTime; readonly node: string }
  | { readonly kind: 'node-partitioned'; readonly time: SimTime; readonly node: string }
  | { readonly kind: 'node-healed'; readonly time: SimTime; readonly node: string }
  | { readonly kind: 'message'; readonly time: SimTime; readonly channel: MessageClass; readonly label: string; readonly delivered: boolean };

/**
 * Why an app's process exited on its own: `run-out` (its run time was over), `dependency-missing` (a
 * `crash` app found a dependency without a ready replica at its startup check), `dependency-lost`
 * (a dependency of a running `crash` app lost its last ready replica).
 */
export type ProcessExitReason = 'run-out' | 'dependency-missing' | 'dependency-lost';

/** Classes of control-plane messages, each with its own latency in the scenario's model. */
export type MessageClass = 'rpc' | 'storeWrite' | 'watchDelivery' | 'heartbeat';

export const MESSAGE_CLASSES: readonly MessageClass[] = ['rpc', 'storeWrite', 'watchDelivery', 'heartbeat'];

/** Anything that wants the cluster's truth as it happens. */
export type ClusterEventSink = (event: ClusterEvent) => void;

/** Re-exported for convenience of observers. */
export type { Resources };
