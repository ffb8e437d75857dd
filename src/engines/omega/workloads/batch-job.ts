import { batchLaunch, BatchTasks } from '../../kit/index.js';
import { type BatchTask, type JobSubmitted } from '../../../intents/index.js';
import { type SimTime } from '../../../sim/time.js';
import { type InstanceEnd } from '../agents/machine-agent.js';
import { type PlannedClaim } from '../cell/transaction.js';
import { type TaskToPlace } from '../scheduler/private-copy.js';
import { freshWorkState, type WorkItem, type WorkState } from '../scheduler/work-item.js';
import { type WorkHost } from './work-host.js';

/** A task of the job waiting to be placed, and how its next run ends. */
export interface WaitingTask {
  readonly task: BatchTask;
  readonly exitAs: 'finished' | 'failed';
  /** The last reason sent to the observer for it. */
  noted?: string;
}

/**
 * A submitted batch job as its scheduler sees it: the tasks still to place (at most `parallelism`
 * running at once), the ones running, and what is left to finish. A task that fails runs again (its
 * later attempts succeed); one lost with its machine runs again as it would have.
 */
export class BatchJob implements WorkItem<WaitingTask> {
  readonly isJob = true;
  readonly state: WorkState = freshWorkState();
  private readonly waiting = new Set<WaitingTask>();
  private running = 0;
  private remaining: number;
  private abandoned = false;

  constructor(
    readonly spec: JobSubmitted['job'],
    readonly submitted: SimTime,
    private readonly host: WorkHost,
  ) {
    const tasks = new BatchTasks(spec);
    this.remaining = tasks.count;
    for (const task of tasks) this.wait({ task, exitAs: task.firstAttempt }, 'waiting for its scheduler');
  }

  get name(): string {
    return this.spec.name;
  }

  get tenant(): string {
    return this.spec.tenant;
  }

  wanted(): readonly TaskToPlace<WaitingTask>[] {
    const room = Math.min(this.waiting.size, (this.spec.parallelism ?? Number.POSITIVE_INFINITY) - this.running);
    const out: TaskToPlace<WaitingTask>[] = [];
    for (const w of this.waiting) {
      if (out.length >= room) break;
      out.push({ demand: w.task.resources, constraints: this.spec.constraints, item: w });
    }
    return out;
  }

  placed(claim: PlannedClaim<WaitingTask>): void {
    const w = claim.item;
    if (!this.waiting.delete(w)) return;
    this.running++;
    const task = batchLaunch(`${w.task.key}.${this.host.nextId()}`, this.spec, w.task, w.exitAs);
    this.host.launch(claim.machine, task, { kind: 'batch', of: { job: this, task: w } });
  }

  unplaced(items: readonly WaitingTask[], why: string): void {
    for (const w of items) if (this.waiting.has(w)) this.note(w, why);
  }

  abandon(reason: string): void {
    this.abandoned = true;
    this.waiting.clear();
    this.host.emit({ kind: 'job-abandoned', time: this.host.now(), job: this.spec.name, reason });
  }

  /** A task's instance ended on its machine. */
  ended(w: WaitingTask, how: InstanceEnd): void {
    this.running--;
    if (how === 'finished') {
      if (--this.remaining === 0 && this.spec.sync) this.host.informClient(this.spec.name);
    } else
      this.again({ task: w.task, exitAs: how === 'failed' ? 'finished' : w.exitAs }, how === 'failed' ? 'its last attempt failed' : 'its instance ended early');
    if (this.wanted().length > 0) this.host.enqueue(this);
  }

  /** A task's instance is gone with its machine (or its launch never arrived): it runs again. */
  lost(w: WaitingTask, why: string): void {
    this.running--;
    this.again({ task: w.task, exitAs: w.exitAs }, why);
    if (this.wanted().length > 0) this.host.enqueue(this);
  }

  private again(w: WaitingTask, why: string): void {
    if (!this.abandoned) this.wait(w, why);
  }

  private wait(w: WaitingTask, why: string): void {
    this.waiting.add(w);
    this.note(w, why);
  }

  private note(w: WaitingTask, why: string): void {
    if (w.noted === why) return;
    w.noted = why;
    this.host.emit({ kind: 'task-pending', time: this.host.now(), workload: this.spec.workload, taskKey: w.task.key, reason: why });
  }
}
