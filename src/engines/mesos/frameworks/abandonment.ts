import { type BatchFrameworkOptions } from '../options.js';

/**
 * Whether the batch framework gives up on a queued job: only under the Omega simulator's rule, and
 * only when a scenario sets its limits (`batch.abandonAfterAttemptsWithoutProgress`, more than that
 * many attempts with no task of the job ever placed; `batch.abandonAfterAttempts`, more than that
 * many in all; MesosSimulation.scala). An attempt there is every offer batch the job is tried
 * against, including one that fits none of its tasks: the simulator offers the whole cell, so a
 * miss means the cell is full. Both unset (the default) the job waits for offers that fit, as in
 * the real frameworks, which decline such offers and keep the job queued with no count of them:
 * - Spark (TaskSetManager, TaskSchedulerImpl): a task set is aborted only after
 *   spark.task.maxFailures failures of one task, or when a task is excluded from every executor
 *   after failures; a job nothing fits is only logged ("Initial job has not accepted any
 *   resources", the starvation timer, every 15 s);
 * - Chronos (MesosJobFramework.generateLaunchableTasks): a task no offer satisfies is put back in the
 *   queue ("Insufficient resources or constraints not met ..., will append to queue");
 * - Metronome (JobRunExecutorActor): a run still waiting is aborted only by its optional
 *   startingDeadline, a time limit, not a count of offers.
 * A job that can never fit any agent is reported when the scenario is loaded (workload/unfittable-work.ts).
 */
export function abandonsJob(
  batch: Pick<BatchFrameworkOptions, 'abandonAfterAttempts' | 'abandonAfterAttemptsWithoutProgress'>,
  attempts: number,
  placedEver: number,
): boolean {
  const withoutProgress = batch.abandonAfterAttemptsWithoutProgress;
  const inAll = batch.abandonAfterAttempts;
  return (withoutProgress !== undefined && placedEver === 0 && attempts > withoutProgress) || (inAll !== undefined && attempts > inAll);
}
