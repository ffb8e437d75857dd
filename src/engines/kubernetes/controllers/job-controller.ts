import { type EngineContext } from '../../engine.js';
import { type SimDuration } from '../../../sim/time.js';
import { isActive, type Job, JOB_TRACKING_FINALIZER, type JobTask, keyOf, type Pod } from '../objects.js';
import { type ApiClient } from '../store/api-client.js';
import { type Informer } from '../store/informer.js';
import { Expectations } from './expectations.js';
import { InFlight } from './in-flight.js';
import { hasTrackingFinalizer, type JobPods, JobPodIndex } from './job-pod-index.js';
import { type JobTracking, JobTrackings, recordedFailure, removeTrackingFinalizer, statusMatches, trackedStatus } from './job-tracking.js';
import { type OwnerIndex } from './owner-index.js';
import { slowStartBatch } from './slow-start.js';
import { type RateLimit, WorkQueue } from './workqueue.js';

export interface JobConfig {
  readonly podFailureBackoff: SimDuration;
  readonly maxPodFailureBackoff: SimDuration;
  readonly expectationsTimeout: SimDuration;
  readonly slowStartInitialBatchSize: number;
  /** `syncJobBatchPeriod`: how long pod events and status-only Job updates wait before a sync. */
  readonly syncBatchPeriod: SimDuration;
  /** The Job queue's per-item back-off (`DefaultJobApiBackOff` … `MaxJobApiBackOff`). */
  readonly rateLimit: RateLimit;
  /** Pods carry the `batch.kubernetes.io/job-tracking` finalizer until their end is in the Job's status. */
  readonly trackingFinalizers: boolean;
}

/**
 * `MaxPodCreateDeletePerSync` 500 (`job_controller.go`): `manageJob` creates at most this many pods
 * in one sync, in slow-start batches 1, 2, 4, … (`SlowStartInitialBatchSize`), each batch only
 * after the previous one succeeded.
 */
export const MAX_POD_CREATE_DELETE_PER_SYNC = 500;

/** The pod-failure back-off after `n` consecutive failures: `base × 2^(n−1)`, capped (`job_controller.go`). */
export function jobBackoff(config: Pick<JobConfig, 'podFailureBackoff' | 'maxPodFailureBackoff'>, failures: number): SimDuration {
  if (failures <= 0) return 0 as SimDuration;
  return Math.min(config.podFailureBackoff * 2 ** Math.min(failures - 1, 40), config.maxPodFailureBackoff) as SimDuration;
}

/**
 * The Job controller for Indexed Jobs: one pod per unfinished index, at most `parallelism` at a
 * time; failed pods are counted once (as the tracking finalizers do) and the Job fails when they
 * exceed `backoffLimit`; new pods wait out the doubling pod-failure back-off after consecutive
 * failures; the Job completes when every index has succeeded.
 *
 * As `job_controller.go` does, pod events (add, update, delete) and the Job's own status updates
 * enqueue it with `AddAfter(syncBatchPeriod)` (`enqueueSyncJobBatched`), so the pod updates of one
 * Job within a second are one sync; only the Job's creation or a spec change syncs at once
 * (`enqueueSyncJobImmediately`). A sync writes the status only when a counted field changed
 * (`needsStatusUpdate` in `syncJob`), so a Job's status is written about once per batch period in
 * which its pods changed, not once per pod transition. Not modelled: `--concurrent-job-syncs`
 * (5 workers, each blocked on its API calls) — a sync here takes no virtual time and its writes go
 * out asynchronously, limited by the controller's client-side QPS instead.
 */
export class JobController {
  private readonly queue: WorkQueue;
  private readonly expectations: Expectations;
  private readonly tracking = new JobTrackings();
  /** Orphan pods whose finalizer removal was sent and not yet observed. */
  private readonly orphanRemovals = new Set<string>();
  /** The tracking finalizer, one array shared by every pod (objects are never changed in place). */
  private readonly finalizers: readonly string[] = [JOB_TRACKING_FINALIZER];
  private readonly attempts = new Map<string, Map<number, number>>();
  private readonly statusWrites = new InFlight((key) => this.queue.add(key));
  private readonly index: JobPodIndex;
  private readonly labelsByIndex = new Map<number, Readonly<Record<string, string>>>();
  private lastOwner: NonNullable<Pod['meta']['owner']> | undefined;

  constructor(
    private readonly ctx: EngineContext,
    private readonly client: ApiClient,
    private readonly jobs: Informer<'Job'>,
    pods: Informer<'Pod'>,
    private readonly owners: OwnerIndex,
    private readonly config: JobConfig,
  ) {
    this.queue = new WorkQueue(ctx, (key) => this.sync(key), config.rateLimit);
    this.expectations = new Expectations(config.expectationsTimeout);
    this.index = new JobPodIndex(
      pods,
      (uid) => recordedFailure(this.tracking.get(uid)),
      (uid, index) => this.tracking.get(uid)?.completed.has(index) === true,
      config.trackingFinalizers,
    );
    const batched = (key: string): void => this.queue.addAfter(key, config.syncBatchPeriod);
    jobs.addHandlers({
      onAdd: (j) => this.queue.add(keyOf(j)),
      // `updateJob`: the same generation (a status write) is batched; a spec change syncs at once.
      onUpdate: (o, j) => (o.spec === j.spec ? batched(keyOf(j)) : this.queue.add(keyOf(j))),
    });
    // The owning Job's key, made once per Job (by its uid) rather than per pod event.
    const ownerKeys = new Map<string, string>();
    const owner = (p: Pod): string | undefined => {
      const o = p.meta.owner;
      if (o?.kind !== 'Job') return undefined;
      let key = ownerKeys.get(o.uid);
      if (key === undefined) {
        key = `${p.meta.namespace}/${o.name}`;
        ownerKeys.set(o.uid, key);
      }
      return key;
    };
    pods.addHandlers({
      onAdd: (p) => {
        const j = owner(p);
        if (j === undefined) return;
        this.expectations.creationObserved(j);
        this.releaseIfOrphan(p, j);
        batched(j);
      },
      onUpdate: (_o, p) => {
        const j = owner(p);
        if (j === undefined) return;
        this.finalizerObserved(p);
        this.releaseIfOrphan(p, j);
        batched(j);
      },
      onDelete: (p) => {
        const j = owner(p);
        if (j === undefined) return;
        this.finalizerObserved(p, true);
        batched(j);
      },
    });
  }

  private sync(key: string): 'done' | 'retry' {
    const job = this.jobs.get(key);
    if (!job) return 'done';
    if (job.status.condition !== undefined) {
      // A finished Job creates no more pods: its per-index state goes (memory stays bounded by the live Jobs).
      this.tracking.delete(job.meta.uid);
      this.attempts.delete(job.meta.uid);
      return 'done';
    }
    const now = this.ctx.now();
    // The counts below come from the incremental index and the Job's tracked status; each equals
    // what `job_controller.go` computes from a full scan of the Job's pods and its status.
    const pods = this.index.of(job.meta.uid);
    const t = this.tracking.of(job);
    for (const uid of this.index.takeNewFailures(pods)) this.recordFailure(t, uid);
    t.completed = t.completed.with(this.index.takeNewSucceeded(pods));
    const lastFailure = this.index.lastFailure(pods);
    const succeeded = t.completed.total;
    const lastSuccess = this.index.lastSuccess(pods);
    const active = pods.active;
    const failed = t.failed + t.uncounted.size;
    if (failed > job.spec.backoffLimit) return this.finish(job, t, 'Failed', failed);
    if (succeeded >= job.spec.completions) return this.finish(job, t, 'Complete', failed);
    if (this.expectations.satisfied(key, now)) {
      const consecutive = pods.failed.size === 0 ? 0 : this.index.failuresSince(pods, lastSuccess);
      const wait = lastFailure + jobBackoff(this.config, consecutive) - now;
      // `enqueueSyncJobWithDelay`: the back-off wait, but never less than the batch period.
      if (consecutive > 0 && wait > 0) this.queue.addAfter(key, Math.max(wait, this.config.syncBatchPeriod) as SimDuration);
      else this.createMissing(key, job, pods, active, succeeded);
    }
    this.updateStatus(job, t, active, pods);
    return 'done';
  }

  private createMissing(key: string, job: Job, pods: JobPods, active: number, succeeded: number): void {
    const want = Math.min(Math.min(job.spec.parallelism, job.spec.completions - succeeded) - active, MAX_POD_CREATE_DELETE_PER_SYNC);
    if (want <= 0) return;
    const missing = this.index.missingTasks(pods, job.spec.tasks, want);
    if (missing.length === 0) return;
    this.expectations.expect(key, this.ctx.now(), missing.length, []);
    let i = 0;
    slowStartBatch(
      missing.length,
      this.config.slowStartInitialBatchSize,
      (done) => this.createPod(job, missing[i++] as JobTask, done),
      (successes) => {
        // Creates that failed or were skipped will never be observed (`slowStartBatch` error path).
        for (let s = successes; s < missing.length; s++) this.expectations.creationObserved(key);
        if (successes < missing.length) this.queue.addRateLimited(key);
      },
    );
  }

  /**
   * The completion-index label set of index `i`, one object per index shared by every pod with it
   * (objects are never changed in place): pods are kept for the whole run, so this is memory.
   */
  private indexLabels(i: number): Readonly<Record<string, string>> {
    let labels = this.labelsByIndex.get(i);
    if (labels === undefined) {
      labels = { 'batch.kubernetes.io/job-completion-index': String(i) };
      this.labelsByIndex.set(i, labels);
    }
    return labels;
  }

  /** The owner reference of a Job's pods, one per Job (the last one made, re-made for another Job). */
  private ownerRef(job: Job): NonNullable<Pod['meta']['owner']> {
    const last = this.lastOwner;
    if (last !== undefined && last.uid === job.meta.uid && last.name === job.meta.name) return last;
    const owner = { kind: 'Job' as const, name: job.meta.name, uid: job.meta.uid };
    this.lastOwner = owner;
    return owner;
  }

  private createPod(job: Job, task: JobTask, done: (ok: boolean) => void): void {
    const perJob = this.attempts.get(job.meta.uid) ?? new Map<number, number>();
    this.attempts.set(job.meta.uid, perJob);
    const attempt = perJob.get(task.index) ?? 0;
    perJob.set(task.index, attempt + 1);
    const pod: Pod = {
      kind: 'Pod',
      meta: {
        name: `${job.meta.name}-${task.index}-${attempt}`,
        namespace: job.meta.namespace,
        uid: '',
        resourceVersion: 0,
        creationTimestamp: this.ctx.now(),
        labels: this.indexLabels(task.index),
        owner: this.ownerRef(job),
        ...(this.config.trackingFinalizers ? { finalizers: this.finalizers } : {}),
      },
      spec: {
        priority: job.spec.priority,
        preemptionPolicy: 'PreemptLowerPriority',
        requests: task.requests,
        pod: task.pod,
        constraints: job.spec.constraints,
        tolerations: job.spec.constraints.tolerations,
        restartPolicy: 'Never',
        workload: job.spec.workload,
        tenant: job.spec.tenant,
        taskKey: task.key,
        runFor: task.runFor,
        exitAs: attempt === 0 ? task.firstAttempt : 'finished',
        index: task.index,
      },
      status: { phase: 'Pending', ready: false, restartCount: 0 },
    };
    this.client.request('pod-create', { verb: 'create', obj: pod }, (r) => {
      if (r.kind === 'rejected') {
        perJob.set(task.index, attempt);
        this.ctx.emit({ kind: 'task-pending', time: this.ctx.now(), workload: job.spec.workload, taskKey: task.key, reason: r.reason });
      }
      done(r.kind === 'ok');
    });
  }

  /**
   * The Job has finished: its active pods are deleted and every tracking finalizer of its pods
   * removed (`deleteJobPods`, and `canRemoveFinalizer` once the Job is finished); the status gets
   * the condition with the final counts. Upstream writes the condition only after the removals
   * (`enactJobFinished` waits for an empty `uncountedTerminatedPods`); here it goes at once, so
   * a Job's completion time does not depend on its pods' finalizers.
   */
  private finish(job: Job, t: JobTracking, condition: 'Complete' | 'Failed', failed: number): 'done' {
    const all = this.owners.podsOf(job.meta.uid);
    for (const p of all) if (hasTrackingFinalizer(p)) this.release(t, keyOf(p), p.meta.uid);
    for (const p of all.filter(isActive)) this.client.request('pod-delete', { verb: 'delete', kind: 'Pod', key: keyOf(p), uid: p.meta.uid });
    const key = keyOf(job);
    const succeeded = t.completed.total;
    let tries = 0;
    const write = (base: Job): void => {
      tries++;
      const status = {
        active: 0,
        succeeded,
        failed,
        completedIndexes: t.completed,
        uncountedFailed: [],
        condition,
        completionTime: this.ctx.now(),
        hops: 2 + tries,
      };
      this.client.request(
        'job-status',
        { verb: 'update', obj: { ...base, status } },
        (r) => {
          if (r.kind === 'conflict' && r.current.kind === 'Job' && r.current.status.condition === undefined) write(r.current);
        },
        (r) => {
          if (r.kind === 'ok' && condition === 'Failed')
            this.ctx.emit({
              kind: 'job-abandoned',
              time: this.ctx.now(),
              job: job.meta.name,
              reason: `BackoffLimitExceeded: ${failed} failed pods > backoffLimit ${job.spec.backoffLimit}`,
            });
        },
      );
    };
    write(job);
    this.queue.forget(key);
    return 'done';
  }

  /**
   * Writes the Job's counted status when it differs from the stored one, then removes the tracking
   * finalizers of the pods it counts (`flushUncountedAndRemoveFinalizers`: status first, so a pod's
   * end is never lost, then the finalizers).
   */
  private updateStatus(job: Job, t: JobTracking, active: number, pods: JobPods): void {
    const release = [...pods.finalizable];
    if (statusMatches(job.status, t, active)) {
      for (const [podKey, uid] of release) this.release(t, podKey, uid);
      return;
    }
    const key = keyOf(job);
    const status = { ...job.status, ...trackedStatus(t, active) };
    this.statusWrites.run(key, (done) =>
      this.client.request('job-status', { verb: 'update', obj: { ...job, status } }, (r) => {
        done();
        if (r.kind === 'conflict') this.queue.addRateLimited(key);
        if (r.kind === 'ok') for (const [podKey, uid] of release) this.release(t, podKey, uid);
      }),
    );
  }

  /**
   * Sends the removal of pod `podKey`'s tracking finalizer, once per pod. When it is answered the
   * pod's failure, if it was uncounted, moves to `failed` (`cleanUncountedPodsWithoutFinalizers`);
   * the pod's next event syncs the Job, which writes that.
   */
  private release(t: JobTracking, podKey: string, uid: string): void {
    if (!this.config.trackingFinalizers || t.removing.has(uid)) return;
    t.removing.add(uid);
    this.client.request('pod-finalizer-remove', removeTrackingFinalizer(podKey, uid), (r) => {
      if (r.kind === 'rejected' || r.kind === 'conflict') {
        t.removing.delete(uid);
        return;
      }
      if (t.uncounted.delete(uid)) t.failed++;
    });
  }

  /**
   * A failed pod's end is recorded: in `uncountedTerminatedPods` until its finalizer is gone, or,
   * without tracking finalizers, counted at once (the counts then survive a pod's deletion only
   * if the Job synced between its end and its deletion, as before finalizers).
   */
  private recordFailure(t: JobTracking, uid: string): void {
    if (this.config.trackingFinalizers) {
      t.uncounted.add(uid);
      return;
    }
    t.countedWithoutFinalizer.add(uid);
    t.failed++;
  }

  /**
   * A pod with the tracking finalizer whose Job is finished or gone loses it (`syncOrphanPod`):
   * a pod created while its Job finished would otherwise stay in the store for good.
   */
  private releaseIfOrphan(p: Pod, jobKey: string): void {
    if (!hasTrackingFinalizer(p)) return;
    const job = this.jobs.get(jobKey);
    if (job !== undefined && job.status.condition === undefined) return;
    if (this.orphanRemovals.has(p.meta.uid)) return;
    this.orphanRemovals.add(p.meta.uid);
    this.client.request('pod-finalizer-remove', removeTrackingFinalizer(keyOf(p), p.meta.uid));
  }

  /** A pod of a Job was seen without its tracking finalizer (or deleted): the removal is no longer expected. */
  private finalizerObserved(p: Pod, deleted = false): void {
    if (!deleted && hasTrackingFinalizer(p)) return;
    this.orphanRemovals.delete(p.meta.uid);
    this.tracking.get((p.meta.owner as NonNullable<Pod['meta']['owner']>).uid)?.removing.delete(p.meta.uid);
  }
}
