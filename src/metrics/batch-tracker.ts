import { type SimTime } from '../sim/time.js';
import { type Accounting, type LatencyMetric } from './trial-metrics.js';

/** Per-task flags, one byte per task (see {@link JobRec.flags}). */
export const PLACED = 1;
export const RAN = 2;
export const FINISHED = 4;
/** Lost (its machine died) and not yet replaced or finished: counts against convergence. */
export const LOST = 8;
export const LOST_AND_REPLACED = 16;

/**
 * What the observer keeps of one batch job. Per-task state lives in typed arrays indexed by the
 * task's index (a task's key is `<job name>#<index>`, intents.ts), about 5 bytes per task instead of
 * a record and a map entry per task: a 13 M-task trace would otherwise hold ~1.3 GB until the end.
 */
export interface JobRec {
  /** Only what the metrics need of the job: keeping its spec would keep every task object of a trace alive. */
  readonly workload: string;
  readonly tasks: number;
  readonly submitted: SimTime;
  /** Tasks placed at least once (their first placement recorded a scheduling latency). */
  placed: number;
  started: number;
  finished: number;
  firstStart: number;
  /** Whether the engine has started deciding about the job (its first `job-considered`: `job-queue-wait`). */
  considered: boolean;
  abandoned: boolean;
  /** Whether a client waits synchronously to be told the job finished (its `sync-informed` latency). */
  readonly sync: boolean;
  /** Whether that client has been told (a sync job not told by the end is censored). */
  informed: boolean;
  /**
   * Bit set of {@link PLACED}, {@link RAN}, {@link FINISHED}, {@link LOST}, {@link LOST_AND_REPLACED} per
   * task; undefined (all zero) until the first event about one of its tasks ({@link taskFlags}), so a
   * job no engine ever placed a task of costs no per-task memory.
   */
  flags: Uint8Array | undefined;
  /** Instances of each task launched and not yet ended; made with {@link flags}. */
  live: Int32Array | undefined;
  /** The last pending reason given for each task's key, made at the first one (see PendingReasons). */
  reasons: (string | undefined)[] | undefined;
}

/**
 * A task key's resolution kept by its holder (an instance record): the job it named (undefined:
 * none yet), the task's index, the key and the tracker's {@link BatchTracker.generation} then.
 */
export interface TaskRef {
  job: JobRec | undefined;
  jobIndex: number;
  jobKey: string | undefined;
  jobGen: number;
}

/** A new job record with every task not yet placed (`sync`: a client waits to be told it finished). */
export function newJobRec(workload: string, tasks: number, submitted: SimTime, sync = false): JobRec {
  return {
    workload,
    tasks,
    submitted,
    placed: 0,
    started: 0,
    finished: 0,
    firstStart: -1,
    considered: false,
    abandoned: false,
    sync,
    informed: false,
    flags: undefined,
    live: undefined,
    reasons: undefined,
  };
}

/** The job's per-task flags, made (all zero, with {@link JobRec.live}) at the first event about one of its tasks. */
function taskFlags(job: JobRec): Uint8Array {
  if (job.flags === undefined) {
    job.flags = new Uint8Array(job.tasks);
    job.live = new Int32Array(job.tasks);
  }
  return job.flags;
}

/** The job's live-instance counts (see {@link taskFlags}). */
function liveCounts(job: JobRec): Int32Array {
  taskFlags(job);
  return job.live as Int32Array;
}

/** Where the batch tracker reports to: latency samples, and tasks becoming lost (+1) or no longer lost (−1). */
export interface BatchSink {
  record(metric: LatencyMetric, group: string, micros: number): void;
  lost(delta: number, now: SimTime): void;
  jobCompleted(): void;
}

/**
 * The batch jobs of a trial by name, with task lookup by key. A key that does not name a task of a
 * submitted job (`<job name>#<index>`, index below the job's task count) is unknown, as before.
 */
export class BatchTracker {
  readonly jobs = new Map<string, JobRec>();
  /**
   * Bumped when a job replaces a job of the same name: only then can a key that named a task of one
   * job come to name another's, so a resolution made under the same generation still holds.
   */
  generation = 0;
  private tasks = 0;
  /** The last key looked up and its job (a placement and its launch come one after the other). */
  private lastKey: string | undefined;
  private lastJob: JobRec | undefined;
  /** The job name a lookup found last and its job (the instances of one job come in runs). */
  private lastName: string | undefined;
  private lastNamed: JobRec | undefined;

  /** Registers a submitted job. */
  add(name: string, job: JobRec): void {
    this.lastKey = undefined;
    this.lastName = undefined;
    if (this.jobs.has(name)) this.generation++;
    this.jobs.set(name, job);
    this.tasks += job.tasks;
  }

  /** The synchronous client of job `name` was told it finished: marks the job and returns it (undefined for an unknown job). */
  markInformed(name: string): JobRec | undefined {
    const job = this.jobs.get(name);
    if (job) job.informed = true;
    return job;
  }

  /** Tasks submitted so far. */
  get size(): number {
    return this.tasks;
  }

  /** A placement of the task `key`: its job's submission time, or undefined for an unknown key. */
  placed(key: string, workload: string, now: SimTime, sink: BatchSink): SimTime | undefined {
    const job = this.jobOf(key);
    if (!job) return undefined;
    return this.placedTask(job, this.indexOf(key), workload, now, sink);
  }

  /** {@link placed} of task `i` of a job the key resolved to. */
  placedTask(job: JobRec, i: number, workload: string, now: SimTime, sink: BatchSink): SimTime {
    // The first placement of a task is its scheduling latency; later ones are retries.
    const flags = taskFlags(job);
    if (((flags[i] as number) & PLACED) === 0) {
      flags[i] = (flags[i] as number) | PLACED;
      job.placed++;
      sink.record('scheduling', workload, now - job.submitted);
    }
    return job.submitted;
  }

  /** An instance of the task `key` was launched. */
  launched(key: string): void {
    const job = this.jobOf(key);
    if (job) this.launchedTask(job, this.indexOf(key));
  }

  /** {@link launched} of task `i` of a job the key resolved to. */
  launchedTask(job: JobRec, i: number): void {
    (liveCounts(job)[i] as number)++;
  }

  /** An instance of the task `key` is running: startup and job wait on its first run; a lost task is replaced. */
  running(key: string, workload: string, now: SimTime, sink: BatchSink): void {
    const job = this.jobOf(key);
    if (job) this.runningTask(job, this.indexOf(key), workload, now, sink);
  }

  /** {@link running} of task `i` of a job the key resolved to. */
  runningTask(job: JobRec, i: number, workload: string, now: SimTime, sink: BatchSink): void {
    const all = taskFlags(job);
    const flags = all[i] as number;
    if ((flags & RAN) === 0) {
      all[i] = flags | RAN;
      sink.record('startup', workload, now - job.submitted);
      job.started++;
      if (job.firstStart < 0) {
        job.firstStart = now;
        sink.record('job-wait', workload, now - job.submitted);
      }
      if (job.started === job.tasks) sink.record('job-wait-all', workload, now - job.submitted);
    }
    if (((all[i] as number) & LOST) !== 0) {
      all[i] = ((all[i] as number) & ~LOST) | LOST_AND_REPLACED;
      sink.lost(-1, now);
    }
  }

  /** An instance of the task `key` ended: the task finishes on its first success, or is lost when no instance is left. */
  ended(key: string, workload: string, how: 'finished' | 'failed' | 'stopped' | 'lost', now: SimTime, sink: BatchSink): void {
    const job = this.jobOf(key);
    if (job) this.endedTask(job, this.indexOf(key), workload, how, now, sink);
  }

  /** {@link ended} of task `i` of a job the key resolved to. */
  endedTask(job: JobRec, i: number, workload: string, how: 'finished' | 'failed' | 'stopped' | 'lost', now: SimTime, sink: BatchSink): void {
    const live = --(liveCounts(job)[i] as number);
    const all = taskFlags(job);
    const flags = all[i] as number;
    if (how === 'finished' && (flags & FINISHED) === 0) {
      all[i] = (flags | FINISHED) & ~LOST;
      if ((flags & LOST) !== 0) sink.lost(-1, now);
      if (++job.finished === job.tasks) {
        sink.record('job-completion', workload, now - job.submitted);
        sink.jobCompleted();
      }
    } else if (how === 'lost' && (flags & (FINISHED | LOST)) === 0 && live === 0) {
      all[i] = flags | LOST;
      sink.lost(1, now);
    }
  }

  /**
   * {@link jobOf} through `ref`: its own resolution while it holds (same key, no job replaced since),
   * else the tracker's, which `ref` then keeps. On a job, `ref.jobIndex` is the task's index. (The
   * observer looks a key up once per instance instead of at its placement, launch, run and end.)
   */
  resolve(ref: TaskRef, key: string): JobRec | undefined {
    if (ref.job !== undefined && ref.jobKey === key && ref.jobGen === this.generation) return ref.job;
    const job = this.jobOf(key);
    if (job === undefined) return undefined;
    ref.job = job;
    ref.jobIndex = this.indexOf(key);
    ref.jobKey = key;
    ref.jobGen = this.generation;
    return job;
  }

  /** The job of a task key, or undefined when the key names no submitted task ({@link indexOf} gives the index). */
  jobOf(key: string): JobRec | undefined {
    if (key === this.lastKey) return this.lastJob;
    const job = this.lookUp(key);
    this.lastKey = key;
    this.lastJob = job;
    return job;
  }

  private lookUp(key: string): JobRec | undefined {
    const hash = key.lastIndexOf('#');
    if (hash < 0) return undefined;
    let job: JobRec | undefined;
    const last = this.lastName;
    // Same job name as the last lookup: no slice, no map lookup.
    if (last !== undefined && hash === last.length && key.startsWith(last)) job = this.lastNamed as JobRec;
    else {
      const name = key.slice(0, hash);
      job = this.jobs.get(name);
      if (!job) return undefined;
      this.lastName = name;
      this.lastNamed = job;
    }
    const index = indexIn(key, hash);
    return index >= 0 && index < job.tasks ? job : undefined;
  }

  /** The task index of a key that {@link jobOf} accepted. */
  indexOf(key: string): number {
    return indexIn(key, key.lastIndexOf('#'));
  }
}

/** The decimal index after `#` at `hash`, or -1 unless it is written as `${index}` would write it. */
function indexIn(key: string, hash: number): number {
  const digits = key.length - hash - 1;
  if (digits < 1 || digits > 15) return -1;
  let n = 0;
  for (let i = hash + 1; i < key.length; i++) {
    const c = key.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  // No leading zeros: "07" is not the key of task 7.
  return digits > 1 && key.charCodeAt(hash + 1) === 48 ? -1 : n;
}

/** What the accounting asks of the pending reasons (see PendingReasons). */
export interface PendingReasonLookup {
  /** The last reason given for task `i` of `job` under its own key, or undefined. */
  ofTask(job: JobRec, i: number): string | undefined;
  /** The last reason given under `key` (a workload's name), or undefined. */
  get(key: string): string | undefined;
}

/**
 * The batch half of a trial's accounting: every submitted task is finished, running (an instance
 * live), abandoned (its job given up), or pending with the last reason an engine gave for its key or
 * its workload. Tasks are visited in submission order, so the reasons come out in a fixed order. A
 * job with no task event and no reason of its own is counted whole: its tasks all wait alike.
 */
export function accountBatch(
  batch: BatchTracker,
  pendingReasons: PendingReasonLookup,
): Pick<Accounting, 'tasksSubmitted' | 'tasksFinished' | 'tasksRunning' | 'tasksPending' | 'tasksAbandoned' | 'tasksLostAndReplaced' | 'pendingReasons'> {
  let finished = 0;
  let running = 0;
  let pending = 0;
  let abandoned = 0;
  let replaced = 0;
  const reasons: Record<string, number> = {};
  const note = (why: string, count: number): void => {
    reasons[why] = (reasons[why] ?? 0) + count;
  };
  for (const job of batch.jobs.values()) {
    const flags = job.flags;
    if (flags === undefined && (job.abandoned || job.tasks === 0)) {
      abandoned += job.tasks;
      continue;
    }
    // Read once per job: the reasons do not change while they are counted.
    const ofWorkload = pendingReasons.get(job.workload);
    if (flags === undefined && job.reasons === undefined) {
      pending += job.tasks;
      note(ofWorkload ?? 'waiting for a placement', job.tasks);
      continue;
    }
    for (let i = 0; i < job.tasks; i++) {
      const f = flags === undefined ? 0 : (flags[i] as number);
      if ((f & LOST_AND_REPLACED) !== 0) replaced++;
      if ((f & FINISHED) !== 0) finished++;
      else if (job.live !== undefined && (job.live[i] as number) > 0) running++;
      else if (job.abandoned) abandoned++;
      else {
        pending++;
        note(pendingReasons.ofTask(job, i) ?? ofWorkload ?? ((f & LOST) !== 0 ? 'lost, not yet replaced' : 'waiting for a placement'), 1);
      }
    }
  }
  return {
    tasksSubmitted: batch.size,
    tasksFinished: finished,
    tasksRunning: running,
    tasksPending: pending,
    tasksAbandoned: abandoned,
    tasksLostAndReplaced: replaced,
    pendingReasons: reasons,
  };
}
