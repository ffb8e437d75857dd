import { isActive, JOB_TRACKING_FINALIZER, type JobTask, type Pod } from '../objects.js';
import { type Informer } from '../store/informer.js';

/** A pod counts as failed when it is Failed, or terminating without having succeeded. */
export function isFailed(p: Pod): boolean {
  return p.status.phase === 'Failed' || (p.meta.deletionTimestamp !== undefined && p.status.phase !== 'Succeeded');
}

/** When a failed pod failed: its finish, else its deletion, else 0 (as the Job controller reads it). */
export function failedAt(p: Pod): number {
  return p.status.finishedAt ?? p.meta.deletionTimestamp ?? 0;
}

/** True when the pod still carries the Job controller's tracking finalizer (its end is not yet counted for good). */
export function hasTrackingFinalizer(p: Pod): boolean {
  return p.meta.finalizers?.includes(JOB_TRACKING_FINALIZER) === true;
}

/** What one pod adds to its Job's counts (kept so an update or delete can take it back exactly). */
interface Contribution {
  readonly uid: string;
  readonly failed: boolean;
  readonly failedAt: number;
  readonly succeeded: boolean;
  readonly finishedAt: number;
  readonly active: boolean;
  readonly index: number;
  /** Carries the tracking finalizer. */
  readonly tracked: boolean;
}

/**
 * The tasks of one Job that have neither a succeeded nor an active pod ("uncovered"), kept
 * incrementally: every position at or after `frontier` is uncovered, and `released` holds exactly
 * the uncovered positions before it. Built from the Job's tasks on first use.
 */
interface Missing {
  readonly tasks: readonly JobTask[];
  readonly positions: Map<number, number[]>;
  frontier: number;
  readonly released: Set<number>;
  /** Indexes whose coverage may have changed since the last query. */
  readonly changed: Set<number>;
}

/** The per-Job state: current pods' contributions and running counts. */
export interface JobPods {
  /** The owning Job's uid. */
  readonly uid: string;
  readonly pods: Map<string, Contribution>;
  /** Pods per completion index that are Succeeded, and that are active. */
  readonly succeededAt: Map<number, number>;
  readonly activeAt: Map<number, number>;
  active: number;
  /** Current failed pods (by key). */
  readonly failed: Map<string, Contribution>;
  /** Current failed pods not yet handed out by {@link JobPodIndex.takeNewFailures}. */
  readonly fresh: Map<string, string>;
  /** Indexes of tracked succeeded pods not yet in the Job's completed indexes ({@link JobPodIndex.takeNewSucceeded}). */
  readonly freshSucceeded: Set<number>;
  /** Tracked pods that ended (succeeded, failed or terminating), by key: their uid. Their finalizer can go once counted. */
  readonly finalizable: Map<string, string>;
  /** Max `finishedAt` of Succeeded pods and max {@link failedAt} of failed pods; undefined = recompute. */
  lastSuccess: number | undefined;
  lastFailure: number | undefined;
  missing: Missing | undefined;
}

/**
 * An index of Job-owned pods by owner uid over the pod informer, with the counts the Job
 * controller needs on every sync (succeeded indexes, active pods per index, failed pods, the
 * latest success and failure) maintained per event, and the uncovered tasks kept incrementally,
 * so that a sync of a Job with thousands of pods costs O(changes) instead of O(pods + tasks).
 * Every answer equals what a full scan of the Job's current pods and tasks would give.
 */
export class JobPodIndex {
  private readonly byJob = new Map<string, JobPods>();
  private readonly counted: (jobUid: string) => { has(podUid: string): boolean };
  private readonly completed: (jobUid: string, index: number) => boolean;

  /**
   * `counted(jobUid)`: the uids of failed pods the controller has already recorded; `completed`: the
   * Job's completed indexes (its status), which cover an index after its succeeded pod is deleted.
   * Only pods with the tracking finalizer can be new: a pod without it was counted before it lost it.
   */
  constructor(
    pods: Informer<'Pod'>,
    counted: (jobUid: string) => { has(podUid: string): boolean },
    completed: (jobUid: string, index: number) => boolean = () => false,
    /** False when the controller does not put the finalizer on its pods: every pod then counts as tracked. */
    private readonly finalizersRequired = true,
  ) {
    this.counted = counted;
    this.completed = completed;
    pods.addHandlers({
      onAdd: (p, key) => this.put(p, key),
      onUpdate: (_o, p, key) => this.put(p, key),
      onDelete: (p, key) => this.remove(p, key),
    });
  }

  /** The state of Job `uid` (an empty one if it has no pods). */
  of(uid: string): JobPods {
    let j = this.byJob.get(uid);
    if (!j) {
      j = {
        uid,
        freshSucceeded: new Set(),
        finalizable: new Map(),
        pods: new Map(),
        succeededAt: new Map(),
        activeAt: new Map(),
        active: 0,
        failed: new Map(),
        fresh: new Map(),
        lastSuccess: 0,
        lastFailure: 0,
        missing: undefined,
      };
      this.byJob.set(uid, j);
    }
    return j;
  }

  /** Uids of current failed pods that have not been counted yet; clears them. */
  takeNewFailures(j: JobPods): string[] {
    const out = [...j.fresh.values()];
    j.fresh.clear();
    return out;
  }

  /** Indexes of tracked succeeded pods that are not yet completed; clears them. */
  takeNewSucceeded(j: JobPods): number[] {
    const out = [...j.freshSucceeded];
    j.freshSucceeded.clear();
    return out;
  }

  lastSuccess(j: JobPods): number {
    if (j.lastSuccess === undefined) {
      let m = 0;
      for (const c of j.pods.values()) if (c.succeeded) m = Math.max(m, c.finishedAt);
      j.lastSuccess = m;
    }
    return j.lastSuccess;
  }

  lastFailure(j: JobPods): number {
    if (j.lastFailure === undefined) {
      let m = 0;
      for (const c of j.failed.values()) m = Math.max(m, c.failedAt);
      j.lastFailure = m;
    }
    return j.lastFailure;
  }

  /** Failed pods that failed at or after `since`. */
  failuresSince(j: JobPods, since: number): number {
    let n = 0;
    for (const c of j.failed.values()) if (c.failedAt >= since) n++;
    return n;
  }

  /**
   * The first `want` tasks (in `tasks` order) whose index has neither a succeeded nor an active
   * pod: the same list as `tasks.filter(uncovered).slice(0, want)`.
   */
  missingTasks(j: JobPods, tasks: readonly JobTask[], want: number): JobTask[] {
    const m = this.tracker(j, tasks);
    for (const index of m.changed) {
      const covered = this.covered(j, index);
      for (const pos of m.positions.get(index) ?? []) {
        if (pos >= m.frontier) {
          if (!covered) continue;
          for (let q = m.frontier; q < pos; q++) m.released.add(q);
          m.frontier = pos + 1;
        } else if (covered) m.released.delete(pos);
        else m.released.add(pos);
      }
    }
    m.changed.clear();
    const out: JobTask[] = [];
    if (want <= 0) return out;
    if (m.released.size > 0) {
      for (const pos of [...m.released].sort((a, b) => a - b)) {
        out.push(tasks[pos] as JobTask);
        if (out.length >= want) return out;
      }
    }
    for (let pos = m.frontier; pos < tasks.length && out.length < want; pos++) out.push(tasks[pos] as JobTask);
    return out;
  }

  private tracker(j: JobPods, tasks: readonly JobTask[]): Missing {
    if (j.missing && j.missing.tasks === tasks) return j.missing;
    const positions = new Map<number, number[]>();
    let frontier = 0;
    for (let pos = 0; pos < tasks.length; pos++) {
      const index = (tasks[pos] as JobTask).index;
      const list = positions.get(index);
      if (list) list.push(pos);
      else positions.set(index, [pos]);
      if (this.covered(j, index)) frontier = pos + 1;
    }
    const released = new Set<number>();
    for (let pos = 0; pos < frontier; pos++) if (!this.covered(j, (tasks[pos] as JobTask).index)) released.add(pos);
    j.missing = { tasks, positions, frontier, released, changed: new Set() };
    return j.missing;
  }

  private covered(j: JobPods, index: number): boolean {
    return (j.succeededAt.get(index) ?? 0) > 0 || (j.activeAt.get(index) ?? 0) > 0 || this.completed(j.uid, index);
  }

  private put(p: Pod, key: string): void {
    if (p.meta.owner?.kind !== 'Job') return;
    const j = this.of(p.meta.owner.uid);
    const prev = j.pods.get(key);
    if (prev) this.unapply(j, key, prev);
    const c: Contribution = {
      uid: p.meta.uid,
      failed: isFailed(p),
      failedAt: failedAt(p),
      succeeded: p.status.phase === 'Succeeded',
      finishedAt: p.status.finishedAt ?? 0,
      active: isActive(p),
      index: p.spec.index as number,
      tracked: hasTrackingFinalizer(p) || !this.finalizersRequired,
    };
    j.pods.set(key, c);
    this.apply(j, key, c, p.meta.owner.uid);
  }

  private remove(p: Pod, key: string): void {
    if (p.meta.owner?.kind !== 'Job') return;
    const uid = p.meta.owner.uid;
    const j = this.byJob.get(uid);
    const prev = j?.pods.get(key);
    if (!j || !prev) return;
    this.unapply(j, key, prev);
    j.pods.delete(key);
    if (j.pods.size === 0) this.byJob.delete(uid);
  }

  private apply(j: JobPods, key: string, c: Contribution, jobUid: string): void {
    if (c.tracked && (c.failed || c.succeeded)) j.finalizable.set(key, c.uid);
    if (c.succeeded && c.tracked && !this.completed(jobUid, c.index)) j.freshSucceeded.add(c.index);
    if (c.failed) {
      j.failed.set(key, c);
      if (c.tracked && !this.counted(jobUid).has(c.uid)) j.fresh.set(key, c.uid);
      if (j.lastFailure !== undefined) j.lastFailure = Math.max(j.lastFailure, c.failedAt);
    }
    if (c.succeeded) {
      bump(j.succeededAt, c.index, 1);
      if (j.lastSuccess !== undefined) j.lastSuccess = Math.max(j.lastSuccess, c.finishedAt);
    }
    if (c.active) {
      j.active++;
      bump(j.activeAt, c.index, 1);
    }
    if (c.succeeded || c.active) j.missing?.changed.add(c.index);
  }

  private unapply(j: JobPods, key: string, c: Contribution): void {
    j.finalizable.delete(key);
    if (c.failed) {
      j.failed.delete(key);
      j.fresh.delete(key);
      if (j.lastFailure !== undefined && c.failedAt >= j.lastFailure) j.lastFailure = undefined;
    }
    if (c.succeeded) {
      bump(j.succeededAt, c.index, -1);
      if (j.lastSuccess !== undefined && c.finishedAt >= j.lastSuccess) j.lastSuccess = undefined;
    }
    if (c.active) {
      j.active--;
      bump(j.activeAt, c.index, -1);
    }
    if (c.succeeded || c.active) j.missing?.changed.add(c.index);
  }
}

function bump(m: Map<number, number>, index: number, by: 1 | -1): void {
  const n = (m.get(index) ?? 0) + by;
  if (n === 0) m.delete(index);
  else m.set(index, n);
}
