import { type TaskLaunch } from '../../cluster/task.js';
import { type BatchTask } from '../../intents/index.js';

/** What a launch takes from the task's job: the job's workload, tenant and priority. */
export interface BatchLaunchJob {
  readonly workload: string;
  readonly tenant: string;
  readonly priority: number;
}

/**
 * The launch of one attempt of a batch task: the instance `id` the engine chose, the job's workload,
 * tenant and priority, the task's key, request and run time, and how this attempt ends (`exitAs`:
 * the task's `firstAttempt` on the first attempt; engines that retry decide for later ones). Every
 * engine launches batch tasks with this one record, so the node agents see the same fields from all.
 */
export function batchLaunch(id: string, job: BatchLaunchJob, task: BatchTask, exitAs: 'finished' | 'failed'): TaskLaunch {
  return {
    id,
    workload: job.workload,
    tenant: job.tenant,
    taskKey: task.key,
    priority: job.priority,
    resources: task.resources,
    runFor: task.runFor,
    exitAs,
  };
}
