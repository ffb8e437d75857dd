import { type SimTime } from '../sim/time.js';
import { type Resources } from './resources.js';
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
      /** Whether it had reached running before it ended. */
      readonly wasRunning: boolean;
    }
  | { readonly kind: 'node-crashed'; readonly time: SimTime; readonly node: string }
  | { readonly kind: 'node-recovered'; readonly time: SimTime; readonly node: string }
  | { readonly kind: 'node-partitioned'; readonly time: SimTime; readonly node: string }
  | { readonly kind: 'node-healed'; readonly time: SimTime; readonly node: string }
  | { readonly kind: 'message'; readonly time: SimTime; readonly channel: MessageClass; readonly label: string; readonly delivered: boolean };

/** Classes of control-plane messages, each with its own latency in the scenario's model. */
export type MessageClass = 'rpc' | 'storeWrite' | 'watchDelivery' | 'heartbeat';

export const MESSAGE_CLASSES: readonly MessageClass[] = ['rpc', 'storeWrite', 'watchDelivery', 'heartbeat'];

/** Anything that wants the cluster's truth as it happens. */
export type ClusterEventSink = (event: ClusterEvent) => void;

/** Re-exported for convenience of observers. */
export type { Resources };
