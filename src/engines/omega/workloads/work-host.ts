import { type TaskLaunch } from '../../../cluster/task.js';
import { type EngineEvent } from '../../../metrics/events.js';
import { type SimTime } from '../../../sim/time.js';
import { type ClaimOwner } from '../cell/cell-state.js';
import { type WorkItem } from '../scheduler/work-item.js';
import { type BatchJob, type WaitingTask } from './batch-job.js';
import { type Service } from './service.js';

/** What a batch task's claim points back to. */
export interface BatchClaim {
  readonly job: BatchJob;
  readonly task: WaitingTask;
}

/** The owner of a claim in the Omega engine's cell state. */
export type OmegaClaimOwner = ClaimOwner<BatchClaim, Service>;

/** What jobs and services do through the engine. */
export interface WorkHost {
  /** A fresh number for an instance id. */
  nextId(): number;
  /** Records a committed claim for `task` on `machine` and sends the launch to the machine's agent. */
  launch(machine: number, task: TaskLaunch, owner: OmegaClaimOwner): void;
  /** Sends a kill for a claimed instance (its claim is freed when the agent reports the end). */
  stop(id: string): void;
  /** Hands the item to its scheduler's queue. */
  enqueue(item: WorkItem<unknown>): void;
  now(): SimTime;
  emit(event: EngineEvent): void;
  /** Tells the submitting client of a synchronous job that it finished. */
  informClient(job: string): void;
}
