import { type TaskExit, type TaskLaunch, type TaskListener } from '../../cluster/task.js';
import { type BatchTask } from '../../intents/index.js';
import { type NodeListEntry } from '../kit/index.js';

/** What an instance tells the oracle: that it ended, and (a service's) that it runs. */
export interface InstanceOwner {
  exited(inst: Instance, how: TaskExit): void;
  queueReconcile(): void;
  /** A service instance runs (the oracle's service discovery publishes it at once). */
  serviceRunning(inst: Instance): void;
  /** A service instance's app became ready or not (the ideal probe: TaskListener.onReadiness). */
  readinessChanged(inst: Instance, ready: boolean): void;
}

/**
 * A placed instance; it is also the listener of its launch (one object per instance instead of a
 * listener and a closure), so a batch instance's listener has no `onRunning`, as before.
 */
export class Instance implements TaskListener, NodeListEntry<Instance> {
  prev: Instance | undefined = undefined;
  next: Instance | undefined = undefined;
  linked = false;

  constructor(
    protected readonly engine: InstanceOwner,
    readonly task: TaskLaunch,
    readonly node: string,
    /** The node's scenario index. */
    readonly nodeIndex: number,
    /** Service name, or undefined for a batch task. */
    readonly service: string | undefined,
    readonly job: string | undefined,
    /** The batch task it runs (to put it back in the queue). */
    readonly batch: BatchTask | undefined,
  ) {}

  onExit(how: TaskExit): void {
    this.engine.exited(this, how);
  }
}

/** A service instance: a rollout waits for new instances to run before it stops more old ones. */
export class ServiceInstance extends Instance {
  onRunning(): void {
    this.engine.serviceRunning(this);
    this.engine.queueReconcile();
  }

  onReadiness(ready: boolean): void {
    this.engine.readinessChanged(this, ready);
  }
}
