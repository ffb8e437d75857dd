import { type Resources } from '../../cluster/resources.js';
import { batchTaskAt, batchTaskKey, type BatchTask, type JobSubmitted, type JobTasks, type TaskShape, taskCount, uniformShape } from '../../intents/index.js';
import { type SimDuration } from '../../sim/time.js';

/**
 * The one way engines read a batch job's tasks (intents.ts `JobTasks`): a list or a count of alike
 * tasks look the same through it. `at(i)` materialises task i (a fresh object for the count form, so
 * call it when the task is placed, not when the job arrives); `key`, `resources`, `runFor` and
 * `firstAttempt` read one field of task i without making the task; `shape` is the one shape of a
 * count-form job, so an engine that keeps counts (the Omega paper's models) never makes a task at all.
 */
export class BatchTasks implements Iterable<BatchTask> {
  /** How many tasks the job has. */
  readonly count: number;
  private readonly name: string;
  private readonly tasks: JobTasks;
  private readonly alike: TaskShape | undefined;

  /** The tasks of a submitted job. */
  constructor(job: Pick<JobSubmitted['job'], 'name' | 'tasks'>) {
    this.name = job.name;
    this.tasks = job.tasks;
    this.count = taskCount(job.tasks);
    this.alike = uniformShape(job.tasks);
  }

  /** Some tasks of job `name` as a list of their own (a task put back in a queue: index 0 is `tasks[0]`). */
  static list(name: string, tasks: readonly BatchTask[]): BatchTasks {
    return new BatchTasks({ name, tasks });
  }

  /** Task `i` (0 ≤ i < count), as its intent's list holds it or as the count form makes it. */
  at(i: number): BatchTask {
    return batchTaskAt(this.name, this.tasks, i);
  }

  /** The key of task `i` (`<job name>#<i>`), without making the task. */
  key(i: number): string {
    return this.alike !== undefined ? batchTaskKey(this.name, i) : this.at(i).key;
  }

  /** The request of task `i`, without making the task. */
  resources(i: number): Resources {
    return this.alike?.resources ?? this.at(i).resources;
  }

  /** The run time of task `i`, without making the task. */
  runFor(i: number): SimDuration {
    return this.alike !== undefined ? this.alike.runFor : this.at(i).runFor;
  }

  /** How task `i`'s first attempt ends, without making the task. */
  firstAttempt(i: number): BatchTask['firstAttempt'] {
    return this.alike !== undefined ? this.alike.firstAttempt : this.at(i).firstAttempt;
  }

  /** The one shape of every task when the job came in the count form; undefined for a list (whose tasks may differ). */
  get shape(): TaskShape | undefined {
    return this.alike;
  }

  /** The tasks from `from` (inclusive) to `to` (exclusive), each made as it is reached. */
  *range(from = 0, to = this.count): Generator<BatchTask> {
    for (let i = from; i < to; i++) yield this.at(i);
  }

  [Symbol.iterator](): Iterator<BatchTask> {
    return this.range();
  }
}
