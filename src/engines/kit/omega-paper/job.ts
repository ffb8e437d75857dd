import { type BatchTasks } from '../batch-tasks.js';
import { type SimTime } from '../../../sim/time.js';
import { type OmegaPaperOptions, type PaperThinkTime } from './options.js';

/**
 * A job as the simulator keeps it (`Job` of CoreClusterSimulation.scala; omega-simulator.md §4.1): a
 * count of tasks that all share one shape and one duration, how many are still unplaced, and its
 * attempt counters. `tasks` reads the job's tasks from its intent (kit BatchTasks): the models keep
 * counts, and a task is made only when the cluster is to run it, in index order.
 */
export interface PaperJob {
  readonly name: string;
  readonly workload: string;
  readonly tenant: string;
  readonly priority: number;
  readonly submitted: SimTime;
  readonly numTasks: number;
  readonly cpu: number;
  readonly memory: number;
  readonly tasks: BatchTasks;
  readonly think: PaperThinkTime;
  unscheduledTasks: number;
  /** Index of the next task the cluster is to run (Mesos claims tasks at the offer, runs them at the reply). */
  nextTask: number;
  /** `numSchedulingAttempts`: attempts finished (or, for Mesos, made within an offer). */
  attempts: number;
  /** Whether `job-considered` was sent (the first attempt's start, §4.6). */
  considered: boolean;
}

/** §4.2: think(job) = t_job + t_task × the job's tasks still unplaced (a retry pays only for those). */
export function thinkTime(job: PaperJob): number {
  return job.think.tJob + job.think.tTask * job.unscheduledTasks;
}

/**
 * §4.1: after an attempt that left tasks unplaced, the job is abandoned when it has had more than
 * `abandonAfterAttemptsWithoutProgress` attempts with none of its tasks placed, or more than
 * `abandonAfterAttempts` in all; otherwise it retries `retryAfter` later.
 */
export function shouldAbandon(job: PaperJob, options: OmegaPaperOptions): boolean {
  return (job.attempts > options.abandonAfterAttemptsWithoutProgress && job.unscheduledTasks === job.numTasks) || job.attempts > options.abandonAfterAttempts;
}
