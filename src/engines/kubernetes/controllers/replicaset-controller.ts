import { type EngineContext } from '../../engine.js';
import { type SimDuration } from '../../../sim/time.js';
import { isActive, keyOf, type Pod, type ReplicaSet } from '../objects.js';
import { type ApiClient } from '../store/api-client.js';
import { type Informer } from '../store/informer.js';
import { Expectations } from './expectations.js';
import { InFlight } from './in-flight.js';
import { type OwnerIndex } from './owner-index.js';
import { slowStartBatch } from './slow-start.js';
import { podsToDelete } from './victim-order.js';
import { type RateLimit, WorkQueue } from './workqueue.js';

export interface ReplicaSetConfig {
  readonly burstReplicas: number;
  readonly slowStartInitialBatchSize: number;
  readonly expectationsTimeout: SimDuration;
  readonly rateLimit: RateLimit;
}

/**
 * The ReplicaSet controller: keeps `spec.replicas` active pods per ReplicaSet. Creates go in
 * slow-start batches, at most `burstReplicas` per sync; deletes follow the victim order; after
 * acting it waits for its informer to observe its own writes (expectations). Unlike the Job
 * controller, pod events enqueue the ReplicaSet at once, with no batch period (`replica_set.go`
 * `enqueueRS`; only `minReadySeconds` uses `AddAfter`), and the status is written only when it
 * changed (`updateReplicaSetStatus`).
 */
export class ReplicaSetController {
  private readonly queue: WorkQueue;
  private readonly expectations: Expectations;
  private podSeq = 0;
  private readonly statusWrites = new InFlight((key) => this.queue.add(key));

  constructor(
    private readonly ctx: EngineContext,
    private readonly client: ApiClient,
    private readonly replicaSets: Informer<'ReplicaSet'>,
    pods: Informer<'Pod'>,
    private readonly owners: OwnerIndex,
    private readonly config: ReplicaSetConfig,
  ) {
    this.queue = new WorkQueue(ctx, (key) => this.sync(key), config.rateLimit);
    this.expectations = new Expectations(config.expectationsTimeout);
    replicaSets.addHandlers({
      onAdd: (rs) => this.queue.add(keyOf(rs)),
      onUpdate: (_o, rs) => this.queue.add(keyOf(rs)),
      onDelete: (rs) => this.queue.add(keyOf(rs)),
    });
    pods.addHandlers({
      onAdd: (p) => {
        const rs = this.ownerKey(p);
        if (rs === undefined) return;
        this.expectations.creationObserved(rs);
        this.queue.add(rs);
      },
      onUpdate: (old, p) => {
        const rs = this.ownerKey(p);
        if (rs === undefined) return;
        if (old.meta.deletionTimestamp === undefined && p.meta.deletionTimestamp !== undefined) this.expectations.deletionObserved(rs, p.meta.uid);
        this.queue.add(rs);
      },
      onDelete: (p) => {
        const rs = this.ownerKey(p);
        if (rs === undefined) return;
        this.expectations.deletionObserved(rs, p.meta.uid);
        this.queue.add(rs);
      },
    });
  }

  private ownerKey(p: Pod): string | undefined {
    return p.meta.owner?.kind === 'ReplicaSet' ? `${p.meta.namespace}/${p.meta.owner.name}` : undefined;
  }

  private sync(key: string): 'done' | 'retry' {
    const rs = this.replicaSets.get(key);
    if (!rs) {
      this.expectations.forget(key);
      return 'done';
    }
    const now = this.ctx.now();
    const counts = this.owners.counts(rs.meta.uid);
    if (this.expectations.satisfied(key, now) && rs.meta.deletionTimestamp === undefined) this.manageReplicas(key, rs, counts.active);
    this.updateStatus(rs, counts.active, counts.ready);
    return 'done';
  }

  private manageReplicas(key: string, rs: ReplicaSet, activeCount: number): void {
    const diff = activeCount - rs.spec.replicas;
    if (diff < 0) {
      const n = Math.min(-diff, this.config.burstReplicas);
      this.expectations.expect(key, this.ctx.now(), n, []);
      slowStartBatch(
        n,
        this.config.slowStartInitialBatchSize,
        (done) => this.createPod(rs, done),
        (successes) => {
          // Creates that failed or were skipped will never be observed (`slowStartBatch` error path).
          for (let i = successes; i < n; i++) this.expectations.creationObserved(key);
          if (successes < n) this.queue.addRateLimited(key);
        },
      );
    } else if (diff > 0) {
      const n = Math.min(diff, this.config.burstReplicas);
      const active = this.owners.podsOf(rs.meta.uid).filter(isActive);
      const victims = podsToDelete(active, active, n, this.ctx.now());
      this.expectations.expect(
        key,
        this.ctx.now(),
        0,
        victims.map((v) => v.meta.uid),
      );
      for (const v of victims) {
        this.client.request('pod-delete', { verb: 'delete', kind: 'Pod', key: keyOf(v), uid: v.meta.uid }, (r) => {
          if (r.kind !== 'ok') this.expectations.deletionObserved(key, v.meta.uid);
        });
      }
    }
  }

  private createPod(rs: ReplicaSet, done: (ok: boolean) => void): void {
    const t = rs.spec.template;
    const pod: Pod = {
      kind: 'Pod',
      meta: {
        name: `${rs.meta.name}-${(++this.podSeq).toString(36)}`,
        namespace: rs.meta.namespace,
        uid: '',
        resourceVersion: 0,
        creationTimestamp: this.ctx.now(),
        labels: { 'pod-template-hash': rs.meta.labels['pod-template-hash'] ?? '' },
        owner: { kind: 'ReplicaSet', name: rs.meta.name, uid: rs.meta.uid },
      },
      spec: {
        priority: t.priority,
        preemptionPolicy: 'PreemptLowerPriority',
        requests: t.requests,
        pod: t.pod,
        constraints: t.constraints,
        tolerations: t.constraints.tolerations,
        restartPolicy: 'Always',
        workload: rs.spec.workload,
        tenant: rs.spec.tenant,
        version: t.version,
        ...(t.lifecycle ? { lifecycle: t.lifecycle } : {}),
      },
      status: { phase: 'Pending', ready: false, restartCount: 0 },
    };
    this.client.request('pod-create', { verb: 'create', obj: pod }, (r) => {
      if (r.kind === 'rejected') this.ctx.emit({ kind: 'task-pending', time: this.ctx.now(), workload: rs.spec.workload, reason: r.reason });
      done(r.kind === 'ok');
    });
  }

  private updateStatus(rs: ReplicaSet, active: number, ready: number): void {
    const minReady = rs.spec.minReadySeconds ?? 0;
    const available = minReady > 0 ? this.availableAfterMinReady(rs, minReady) : ready;
    const status = { replicas: active, readyReplicas: ready, availableReplicas: available };
    const s = rs.status;
    if (s.replicas === status.replicas && s.readyReplicas === status.readyReplicas && s.availableReplicas === status.availableReplicas) return;
    const key = keyOf(rs);
    this.statusWrites.run(key, (done) =>
      this.client.request('replicaset-status', { verb: 'update', obj: { ...rs, status } }, (r) => {
        done();
        if (r.kind === 'conflict') this.queue.addRateLimited(key);
      }),
    );
  }

  /**
   * `podutil.IsPodAvailable`: active pods Ready for at least `minReadySeconds` (since their Ready
   * transition, `readySince`). A Ready pod not yet available brings the ReplicaSet back when it will be
   * (`AddAfter(key, minReadySeconds)` in `updatePod`; here at the exact instant).
   */
  private availableAfterMinReady(rs: ReplicaSet, minReadySeconds: number): number {
    const now = this.ctx.now();
    const need = minReadySeconds * 1_000_000;
    let available = 0;
    let soonest = Infinity;
    for (const p of this.owners.podsOf(rs.meta.uid)) {
      if (!isActive(p) || !p.status.ready) continue;
      const since = p.status.readySince ?? now;
      if (now - since >= need) available++;
      else soonest = Math.min(soonest, since + need - now);
    }
    if (soonest < Infinity) this.queue.addAfter(keyOf(rs), soonest as SimDuration);
    return available;
  }
}
