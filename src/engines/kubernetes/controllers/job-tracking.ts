import { CompletedIndexes } from '../completed-indexes.js';
import { type Job, JOB_TRACKING_FINALIZER, type KObject, type ObjectMeta } from '../objects.js';
import { type WriteOp } from '../store/api-server.js';

/**
 * What the Job controller has counted of one Job, the values its status carries (pod tracking with
 * finalizers, `trackJobStatusAndRemoveFinalizers` in `job_controller.go`): the completed indexes,
 * the failed pods counted for good, the failed pods recorded in `uncountedTerminatedPods` whose
 * finalizer is not yet removed, and the removals sent but not yet seen (`finalizerExpectations`).
 * Started from the Job's status, so the counts survive the deletion of the Job's pods.
 */
export interface JobTracking {
  completed: CompletedIndexes;
  /** `status.failed`: failed pods whose finalizer is gone. */
  failed: number;
  /** `status.uncountedTerminatedPods.failed`. */
  readonly uncounted: Set<string>;
  /** Pods whose finalizer removal was sent and not yet observed. */
  readonly removing: Set<string>;
  /** Without tracking finalizers: every failed pod counted so far (nothing else tells a counted one apart). */
  readonly countedWithoutFinalizer: Set<string>;
}

/** The per-Job tracking states of the controller, by Job uid. */
export class JobTrackings {
  private readonly byJob = new Map<string, JobTracking>();

  /** The state of `job`, started from its status the first time. */
  of(job: Job): JobTracking {
    let t = this.byJob.get(job.meta.uid);
    if (t === undefined) {
      const s = job.status;
      t = {
        completed: s.completedIndexes ?? CompletedIndexes.EMPTY,
        failed: s.failed,
        uncounted: new Set(s.uncountedFailed),
        removing: new Set(),
        countedWithoutFinalizer: new Set(),
      };
      this.byJob.set(job.meta.uid, t);
    }
    return t;
  }

  /** The state of Job `uid`, if the controller has one. */
  get(uid: string): JobTracking | undefined {
    return this.byJob.get(uid);
  }

  /** Forgets a finished Job. */
  delete(uid: string): void {
    this.byJob.delete(uid);
  }
}

/** A failed pod is recorded: in `uncountedTerminatedPods`, or its finalizer is on its way out. */
export function recordedFailure(t: JobTracking | undefined): { has(podUid: string): boolean } {
  return { has: (uid) => t !== undefined && (t.uncounted.has(uid) || t.removing.has(uid) || t.countedWithoutFinalizer.has(uid)) };
}

/** The counted fields of a Job's status for `t` (`failed` without the uncounted ones, as upstream). */
export function trackedStatus(t: JobTracking, active: number): Pick<Job['status'], 'active' | 'succeeded' | 'failed' | 'completedIndexes' | 'uncountedFailed'> {
  return { active, succeeded: t.completed.total, failed: t.failed, completedIndexes: t.completed, uncountedFailed: [...t.uncounted] };
}

/** True when the Job's stored status already says what `t` holds (no write needed). */
export function statusMatches(status: Job['status'], t: JobTracking, active: number): boolean {
  if (status.active !== active || status.succeeded !== t.completed.total || status.failed !== t.failed) return false;
  if ((status.completedIndexes ?? CompletedIndexes.EMPTY) !== t.completed && status.completedIndexes?.toString() !== t.completed.toString()) return false;
  const uncounted = status.uncountedFailed ?? [];
  return uncounted.length === t.uncounted.size && uncounted.every((u) => t.uncounted.has(u));
}

/**
 * The patch that takes the tracking finalizer off pod `key` of incarnation `uid`
 * (`removeTrackingFinalizerPatch`); another incarnation, or a pod without it, is left as it is.
 */
export function removeTrackingFinalizer(key: string, uid: string): WriteOp {
  return {
    verb: 'patch',
    kind: 'Pod',
    key,
    mutate: (cur: KObject) => {
      const finalizers = cur.meta.finalizers;
      if (cur.kind !== 'Pod' || cur.meta.uid !== uid || finalizers?.includes(JOB_TRACKING_FINALIZER) !== true) return cur;
      const rest = finalizers.filter((f) => f !== JOB_TRACKING_FINALIZER);
      const { finalizers: _dropped, ...others } = cur.meta;
      const meta: ObjectMeta = rest.length > 0 ? { ...others, finalizers: rest } : others;
      return { ...cur, meta };
    },
  };
}
