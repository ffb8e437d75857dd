import { type BatchTask, type JobTasks, type TaskShape, type UniformTasks } from './intents.js';

/** Whether a job's tasks come as a count and one shape (see {@link UniformTasks}). */
export function isUniform(tasks: JobTasks): tasks is UniformTasks {
  return 'shape' in tasks;
}

/** How many tasks a job has, in either form. */
export function taskCount(tasks: JobTasks): number {
  return isUniform(tasks) ? tasks.count : tasks.length;
}

/** The key of task `index` of job `jobName`: `<job name>#<index>`, the task's identity across attempts. */
export function batchTaskKey(jobName: string, index: number): string {
  return `${jobName}#${index}`;
}

/**
 * Task `index` (0 ≤ index < {@link taskCount}) of job `jobName`. A list gives its own object; the
 * count form makes a fresh one, equal to what a list would hold (same key, shape objects shared).
 */
export function batchTaskAt(jobName: string, tasks: JobTasks, index: number): BatchTask {
  if (!isUniform(tasks)) {
    const task = tasks[index];
    if (task === undefined) throw new RangeError(`job ${jobName} has no task ${index} (it has ${tasks.length})`);
    return task;
  }
  if (!(index >= 0 && index < tasks.count && Number.isInteger(index))) throw new RangeError(`job ${jobName} has no task ${index} (it has ${tasks.count})`);
  return uniformTask(batchTaskKey(jobName, index), index, tasks.shape);
}

/** The one shape of every task of a job when they are alike: the count form's shape; undefined for a list. */
export function uniformShape(tasks: JobTasks): TaskShape | undefined {
  return isUniform(tasks) ? tasks.shape : undefined;
}

/** Task `index` of the shape, under `key` (a pod only when the shape has one, as a list's tasks are written). */
function uniformTask(key: string, index: number, shape: TaskShape): BatchTask {
  const { resources, pod, runFor, firstAttempt } = shape;
  return pod === undefined ? { index, key, resources, runFor, firstAttempt } : { index, key, resources, pod, runFor, firstAttempt };
}
