import { addResources, NO_RESOURCES, type Resources } from '../../../cluster/resources.js';
import { type TaskLaunch } from '../../../cluster/task.js';
import { type SimDuration } from '../../../sim/time.js';
import { batchLaunch, BatchTasks } from '../../kit/index.js';
import { type BatchTask, type JobSubmitted } from '../../../intents/index.js';
import { type BatchFrameworkOptions } from '../options.js';
import { type Offer, type TaskStatus } from '../types.js';
import { abandonsJob } from './abandonment.js';
import { OfferPool } from './offer-pool.js';
import { type Decision, FrameworkScheduler, type SchedulerDeps } from './scheduler.js';

type Phase = 'pending' | 'launching' | 'staging' | 'running' | 'done' | 'abandoned';

interface JobTask {
  readonly spec: BatchTask;
  /** Position in the job's task list (first-fit order). */
  readonly index: number;
  phase: Phase;
  /** Whether the task sits in its job's `queue` (possibly as a stale entry). */
  queued: boolean;
  attempt: number;
  failures: number;
  instanceId: string | undefined;
  pendingReason: string;
}

interface Job {
  readonly spec: JobSubmitted['job'];
  readonly tasks: JobTask[];
  /** Offer batches the job was tried against: the attempts of the optional Omega simulator rule (`abandonsJob`). */
  attempts: number;
  placedEver: number;
  done: number;
  over: boolean;
  /** Tasks in phase pending (kept by `setPhase`). */
  pendingCount: number;
  /** Tasks launching, staging or running (kept by `setPhase`). */
  busy: number;
  /**
   * Pending tasks in task order, plus stale entries (tasks that left pending since) that the next
   * walk drops; `unsorted` when a retried task was appended out of order. Keeps decide, hasWork
   * and demand from scanning every task of every job per offer batch.
   */
  queue: JobTask[];
  unsorted: boolean;
  /** Counted in `workable` (active, room left, something pending). */
  workable: boolean;
}

function isBusy(p: Phase): boolean {
  return p === 'launching' || p === 'staging' || p === 'running';
}

function sameResources(a: Resources, b: Resources): boolean {
  return a === b || (a.cpu === b.cpu && a.memory === b.memory && a.gpu === b.gpu && a.ext === undefined && b.ext === undefined);
}

/** Hops from a task's end to the framework: agent → master → framework (the client is called back directly). */
const CLIENT_HOPS = 2;

/**
 * A Spark/Chronos-like batch framework: runs each job's tasks as offers allow (first-fit, jobs in
 * FIFO order, at most `parallelism` at once), retries failed tasks up to spark.task.maxFailures,
 * re-runs lost ones, declines with the default 5 s filter, suppresses when idle and revives when
 * work appears (a new job, a retry, or a job held back by its parallelism getting room again). A
 * job nothing of the offers fits waits for the next ones, however many that takes, as in Spark and
 * Chronos; the Omega simulator's attempt limits apply only when set (`abandonsJob`). Each offer batch costs
 * t_job + t_task × the tasks launched, per job that launches some (`batch.thinkTaskCount: placed`),
 * or t_job + t_task × the pending tasks of every job considered (`pending`, the Omega simulator's rule).
 */
export class BatchFramework extends FrameworkScheduler {
  private readonly active: Job[] = [];
  private readonly byInstance = new Map<string, { job: Job; task: JobTask }>();
  private readonly batch: BatchFrameworkOptions;
  /** Active jobs with room and a pending task: `hasWork` is this count being positive. */
  private workable = 0;

  constructor(deps: SchedulerDeps, batch: BatchFrameworkOptions) {
    super(deps);
    this.batch = batch;
  }

  /** A job was submitted. */
  submit(spec: JobSubmitted['job']): void {
    // Every task gets its framework state now (phase, attempts), so the count form is made here.
    const tasks = new BatchTasks(spec);
    const job: Job = {
      spec,
      tasks: Array.from(tasks, (t, index) => ({
        spec: t,
        index,
        phase: 'pending',
        queued: true,
        attempt: 0,
        failures: 0,
        instanceId: undefined,
        pendingReason: '',
      })),
      attempts: 0,
      placedEver: 0,
      done: 0,
      over: tasks.count === 0,
      pendingCount: tasks.count,
      busy: 0,
      queue: [],
      unsorted: false,
      workable: false,
    };
    // No table of all jobs: a job is reachable while it is active or has tasks out, and is freed
    // when it ends (a 3-day trace submits 140 k jobs and 13 M tasks).
    if (job.over) return;
    job.queue = job.tasks.slice();
    this.active.push(job);
    this.refresh(job);
    for (const t of job.tasks) this.pending(job, t, 'waiting for offers');
    this.needOffers();
  }

  protected hasWork(): boolean {
    return this.workable > 0;
  }

  protected override demand(): Resources | undefined {
    let d = NO_RESOURCES;
    for (const j of this.active) {
      let room = this.room(j);
      if (room <= 0 || j.pendingCount === 0) continue;
      for (const t of this.pendingTasks(j)) {
        if (room <= 0) break;
        d = addResources(d, t.spec.resources);
        room--;
      }
    }
    return d;
  }

  protected decide(offers: readonly Offer[]): Decision {
    const pool = new OfferPool(offers);
    let think = 0;
    for (const job of [...this.active]) {
      if (!pool.hasFree()) break; // the rest of the queue waits for the next offers
      let room = this.room(job);
      if (job.pendingCount === 0 || room <= 0) continue;
      // Counted for the optional Omega simulator's rule only (`abandonsJob`).
      job.attempts++;
      // The framework's first look at the job within an offer: the end of its queue wait.
      if (job.attempts === 1) this.ctx.emit({ kind: 'job-considered', time: this.ctx.now(), job: job.spec.name });
      // The Omega simulator's rule charges the job's whole backlog before placing anything.
      if (this.batch.thinkTaskCount === 'pending') think += this.thinkFor(job.pendingCount);
      let placed = 0;
      // The last miss: a task asking for the same resources misses the same way until something is
      // placed (placements only take room away, but may change why the next one misses).
      let missed: Resources | undefined;
      let missWhy = '';
      for (const t of this.pendingTasks(job)) {
        if (room <= 0) break;
        if (missed !== undefined && sameResources(missed, t.spec.resources)) {
          this.pending(job, t, missWhy);
          continue;
        }
        const r = pool.place(t.spec.resources, job.spec.constraints, () => this.build(job, t));
        if (r.kind === 'unplaced') {
          missed = t.spec.resources;
          missWhy = r.why === 'constraints' ? 'no offer matches constraints' : r.why === 'no-offers' ? 'waiting for offers' : 'no offer fits';
          this.pending(job, t, missWhy);
          continue;
        }
        missed = undefined;
        placed++;
        room--;
      }
      // Otherwise the tasks this offer batch holds: t_job + t_task × launched, and nothing for a job
      // none of whose tasks fits (a look at an offer, not a decision).
      if (this.batch.thinkTaskCount === 'placed' && placed > 0) think += this.thinkFor(placed);
      job.placedEver += placed;
      if (abandonsJob(this.batch, job.attempts, job.placedEver)) {
        this.endJob(job, `abandoned after ${job.attempts} scheduling attempts (${job.placedEver} tasks placed)`, false);
      }
    }
    return { launches: pool.launches(), think: think as SimDuration };
  }

  protected onTaskStatus(s: TaskStatus): void {
    const entry = this.byInstance.get(s.taskId);
    if (entry === undefined || entry.task.instanceId !== s.taskId) {
      // A stale attempt came back after its agent re-registered: it was already re-run elsewhere.
      if (s.state === 'TASK_RUNNING' || s.state === 'TASK_STAGING') this.killTask(s.taskId);
      return;
    }
    const { job, task } = entry;
    if (task.phase === 'done' || task.phase === 'abandoned') return;
    switch (s.state) {
      case 'TASK_STAGING':
        this.setPhase(job, task, 'staging');
        return;
      case 'TASK_RUNNING':
        this.setPhase(job, task, 'running');
        return;
      case 'TASK_FINISHED': {
        const heldBack = !job.workable;
        this.setPhase(job, task, 'done');
        this.byInstance.delete(s.taskId);
        job.done++;
        if (job.done === job.tasks.length) this.complete(job);
        // A job held back by its parallelism has room again: ask for offers, as after a suppress
        // nothing else would (Spark revives offers when a task ends and more may launch).
        else if (heldBack && job.workable) this.needOffers();
        return;
      }
      case 'TASK_FAILED':
        task.failures++;
        this.byInstance.delete(s.taskId);
        if (task.failures >= this.batch.maxTaskFailures) {
          task.instanceId = undefined; // this attempt has ended: nothing of it to kill
          this.endJob(job, `task ${task.spec.key} failed ${task.failures} times`, true);
          return;
        }
        this.retry(job, task, 'retrying after failure');
        return;
      default:
        this.byInstance.delete(s.taskId);
        this.retry(job, task, `re-running after ${s.state}`);
    }
  }

  protected onReconciled(live: readonly TaskStatus[]): void {
    const known = new Set(live.filter((s) => s.state === 'TASK_RUNNING' || s.state === 'TASK_STAGING').map((s) => s.taskId));
    for (const job of this.active) {
      for (const t of job.tasks) {
        if ((t.phase === 'launching' || t.phase === 'staging' || t.phase === 'running') && (t.instanceId === undefined || !known.has(t.instanceId))) {
          if (t.instanceId !== undefined) this.byInstance.delete(t.instanceId);
          this.retry(job, t, 're-running after scheduler failover');
        }
      }
    }
  }

  private retry(job: Job, task: JobTask, reason: string): void {
    this.setPhase(job, task, 'pending');
    task.instanceId = undefined;
    this.pending(job, task, reason);
    this.needOffers();
  }

  private build(job: Job, task: JobTask): TaskLaunch {
    task.attempt++;
    const id = `${task.spec.key}.${task.attempt}`;
    task.instanceId = id;
    this.setPhase(job, task, 'launching');
    task.pendingReason = '';
    this.byInstance.set(id, { job, task });
    this.ctx.after(this.batch.launchTimeout, () => {
      if (!this.up || task.instanceId !== id || (task.phase !== 'launching' && task.phase !== 'staging')) return;
      this.byInstance.delete(id);
      this.killTask(id);
      this.retry(job, task, 're-running after launch timeout');
    });
    return batchLaunch(id, job.spec, task.spec, task.attempt === 1 ? task.spec.firstAttempt : 'finished');
  }

  private complete(job: Job): void {
    job.over = true;
    this.drop(job);
    if (job.spec.sync) this.ctx.emit({ kind: 'client-informed', time: this.ctx.now(), job: job.spec.name, hops: CLIENT_HOPS });
  }

  /** Gives up on a job: its unfinished tasks are reported; with `kill`, running attempts are killed. */
  private endJob(job: Job, reason: string, kill: boolean): void {
    job.over = true;
    this.drop(job);
    this.ctx.emit({ kind: 'job-abandoned', time: this.ctx.now(), job: job.spec.name, reason });
    for (const t of job.tasks) {
      if (t.phase === 'done') continue;
      if (kill && t.instanceId !== undefined) this.killTask(t.instanceId);
      if (t.phase === 'pending')
        this.ctx.emit({ kind: 'task-pending', time: this.ctx.now(), workload: job.spec.workload, taskKey: t.spec.key, reason: 'abandoned' });
      this.setPhase(job, t, 'abandoned');
    }
  }

  private drop(job: Job): void {
    const i = this.active.indexOf(job);
    if (i >= 0) this.active.splice(i, 1);
    this.refresh(job);
  }

  /** How many more tasks of the job may run now (parallelism; all when absent). */
  private room(job: Job): number {
    return (job.spec.parallelism ?? job.tasks.length) - job.busy;
  }

  /** Moves a task to a phase, keeping the job's counters, its pending queue and `workable`. */
  private setPhase(job: Job, task: JobTask, phase: Phase): void {
    const from = task.phase;
    if (from === phase) return;
    task.phase = phase;
    if (from === 'pending') job.pendingCount--;
    else if (isBusy(from)) job.busy--;
    if (phase === 'pending') {
      job.pendingCount++;
      if (!task.queued) {
        task.queued = true;
        const last = job.queue[job.queue.length - 1];
        if (last !== undefined && last.index > task.index) job.unsorted = true;
        job.queue.push(task);
      }
    } else if (isBusy(phase)) {
      job.busy++;
    }
    this.refresh(job);
  }

  /** Keeps the count of workable jobs (see `hasWork`). */
  private refresh(job: Job): void {
    const w = !job.over && job.pendingCount > 0 && this.room(job) > 0;
    if (w === job.workable) return;
    job.workable = w;
    this.workable += w ? 1 : -1;
  }

  /**
   * The job's pending tasks in task order: its queue after dropping stale entries (what
   * `job.tasks.filter(pending)` gives, without visiting tasks that left pending long ago). The
   * array is the queue itself: walking it while tasks leave pending is fine (they stay as stale
   * entries); nothing is appended during a decision, as retries come from later events.
   */
  private pendingTasks(job: Job): JobTask[] {
    const q = job.queue;
    if (job.unsorted) {
      q.sort((a, b) => a.index - b.index);
      job.unsorted = false;
    }
    let w = 0;
    for (let r = 0; r < q.length; r++) {
      const t = q[r] as JobTask;
      if (t.phase === 'pending') q[w++] = t;
      else t.queued = false;
    }
    // Setting `length` is a runtime call even when it does not change: only when something left.
    if (w !== q.length) q.length = w;
    return q;
  }

  private pending(job: Job, task: JobTask, reason: string): void {
    if (task.pendingReason === reason) return;
    task.pendingReason = reason;
    this.ctx.emit({ kind: 'task-pending', time: this.ctx.now(), workload: job.spec.workload, taskKey: task.spec.key, reason });
  }
}
