import { type EngineContext } from '../../engine.js';
import { type Deployment, keyOf, type PodTemplate, type ReplicaSet } from '../objects.js';
import { type ApiClient } from '../store/api-client.js';
import { type Informer } from '../store/informer.js';
import { InFlight } from './in-flight.js';
import { proportionalSizes } from './proportional-scaling.js';
import { maxUnavailable, newRSNewReplicas, resolveFenceposts, scaleDownOld } from './rollout-math.js';

/** Annotations the Deployment controller keeps on its ReplicaSets (`deployment/util`). */
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
import { type RateLimit, WorkQueue } from './workqueue.js';

/**
 * `pod-template-hash`: a stable hash of the template (FNV-1a, base 36). A template's lifecycle and
 * annotations count only when present (a template without them hashes as it always did), so a new
 * `restartedAt` or `checksum/config` annotation is a new template, hence a rollout.
 */
export function templateHash(t: PodTemplate): string {
  const parts: unknown[] = [t.version, t.requests, t.priority, t.constraints];
  if (t.lifecycle !== undefined || t.annotations !== undefined) parts.push(t.lifecycle ?? null, t.annotations ?? null);
  const text = JSON.stringify(parts);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/** The desired and maximal (desired + maxSurge) sizes of the deployment, as ReplicaSet annotations. */
function sizeAnnotations(d: Deployment): Record<string, string> {
  const surge = resolveFenceposts(d.spec.maxSurge, d.spec.maxUnavailable, d.spec.replicas).surge;
  return { [DESIRED_REPLICAS]: String(d.spec.replicas), [MAX_REPLICAS]: String(d.spec.replicas + surge) };
}

/**
 * The Deployment controller, RollingUpdate strategy: one ReplicaSet per template; scale the new
 * one up within maxSurge, the old ones down within maxUnavailable (oldest first, unhealthy first),
 * keep `revisionHistoryLimit` old ReplicaSets, and report status. A change of size while several
 * ReplicaSets are active is spread over them proportionally.
 */
export class DeploymentController {
  private readonly queue: WorkQueue;
  private readonly statusWrites = new InFlight((key) => this.queue.add(key));

  constructor(
    private readonly ctx: EngineContext,
    private readonly client: ApiClient,
    private readonly deployments: Informer<'Deployment'>,
    private readonly replicaSets: Informer<'ReplicaSet'>,
    rateLimit: RateLimit,
  ) {
    this.queue = new WorkQueue(ctx, (key) => this.sync(key), rateLimit);
    deployments.addHandlers({ onAdd: (d) => this.queue.add(keyOf(d)), onUpdate: (_o, d) => this.queue.add(keyOf(d)) });
    const owner = (rs: ReplicaSet): void => {
      if (rs.meta.owner?.kind === 'Deployment') this.queue.add(`${rs.meta.namespace}/${rs.meta.owner.name}`);
    };
    replicaSets.addHandlers({ onAdd: owner, onUpdate: (_o, rs) => owner(rs), onDelete: owner });
  }

  private sync(key: string): 'done' | 'retry' {
    const d = this.deployments.get(key);
    if (!d) return 'done';
    const all = this.replicaSets
      .list()
      .filter((rs) => rs.meta.owner?.uid === d.meta.uid)
      .sort((a, b) => a.meta.creationTimestamp - b.meta.creationTimestamp || (a.meta.name < b.meta.name ? -1 : 1));
    const hash = templateHash(d.spec.template);
    const newRS = all.find((rs) => rs.meta.labels['pod-template-hash'] === hash);
    const old = all.filter((rs) => rs !== newRS);
    const desired = d.spec.replicas;
    if (!newRS) {
      const current = old.reduce((s, rs) => s + rs.spec.replicas, 0);
      const replicas = old.length === 0 ? desired : newRSNewReplicas(desired, d.spec.maxSurge, d.spec.maxUnavailable, current, 0);
      const revision = all.reduce((m, rs) => Math.max(m, rs.spec.revision), 0) + 1;
      this.createReplicaSet(d, hash, replicas, revision);
      return 'done';
    }
    if (this.isScalingEvent(d, all)) {
      this.proportionalScale(d, newRS, all);
      return 'done';
    }
    if (this.reconcileNew(d, newRS, all)) return 'done';
    const counts = (rs: ReplicaSet): { key: string; replicas: number; available: number; created: number } => ({
      key: keyOf(rs),
      replicas: rs.spec.replicas,
      available: rs.status.availableReplicas,
      created: rs.meta.creationTimestamp,
    });
    const downs = scaleDownOld(desired, maxUnavailable(d.spec.maxSurge, d.spec.maxUnavailable, desired), counts(newRS), old.map(counts));
    for (const rs of old) {
      const to = downs.get(keyOf(rs));
      if (to !== undefined) this.scale(rs, to, key, d);
    }
    this.cleanup(d, old, downs);
    this.updateStatus(d, newRS, all);
    return 'done';
  }

  /** `isScalingEvent`: an active ReplicaSet was sized for another desired count. */
  private isScalingEvent(d: Deployment, all: readonly ReplicaSet[]): boolean {
    return all.some(
      (rs) =>
        rs.spec.replicas > 0 && rs.meta.annotations?.[DESIRED_REPLICAS] !== undefined && rs.meta.annotations[DESIRED_REPLICAS] !== String(d.spec.replicas),
    );
  }

  /** `scale`: one active ReplicaSet takes the new size; several share the change proportionally. */
  private proportionalScale(d: Deployment, newRS: ReplicaSet, all: readonly ReplicaSet[]): void {
    const key = keyOf(d);
    const active = all.filter((rs) => rs.spec.replicas > 0);
    if (active.length <= 1) {
      const target = active[0] ?? newRS;
      this.scale(target, d.spec.replicas, key, d, true);
      return;
    }
    const surge = resolveFenceposts(d.spec.maxSurge, d.spec.maxUnavailable, d.spec.replicas).surge;
    const sizes = proportionalSizes(
      d.spec.replicas,
      surge,
      active.map((rs) => ({
        key: keyOf(rs),
        replicas: rs.spec.replicas,
        maxReplicasAnnotation: Number(rs.meta.annotations?.[MAX_REPLICAS] ?? 0),
        created: rs.meta.creationTimestamp,
      })),
      d.status.replicas,
    );
    for (const rs of active) this.scale(rs, sizes.get(keyOf(rs)) as number, key, d, true);
  }

  /** `reconcileNewReplicaSet`; true when it scaled (the sync then waits for the change to be observed). */
  private reconcileNew(d: Deployment, newRS: ReplicaSet, all: readonly ReplicaSet[]): boolean {
    const desired = d.spec.replicas;
    if (newRS.spec.replicas === desired) return false;
    if (newRS.spec.replicas > desired) {
      this.scale(newRS, desired, keyOf(d), d);
      return true;
    }
    const current = all.reduce((s, rs) => s + rs.spec.replicas, 0);
    const to = newRSNewReplicas(desired, d.spec.maxSurge, d.spec.maxUnavailable, current, newRS.spec.replicas);
    if (to === newRS.spec.replicas) return false;
    this.scale(newRS, to, keyOf(d), d);
    return true;
  }

  /** Sets a ReplicaSet's size and stamps the deployment's desired/max sizes on it (`SetReplicasAnnotations`). */
  private scale(rs: ReplicaSet, replicas: number, deploymentKey: string, d: Deployment, always = false): void {
    const annotations = { ...(rs.meta.annotations ?? {}), ...sizeAnnotations(d) };
    const stale =
      rs.meta.annotations?.[DESIRED_REPLICAS] !== annotations[DESIRED_REPLICAS] || rs.meta.annotations?.[MAX_REPLICAS] !== annotations[MAX_REPLICAS];
    if (rs.spec.replicas === replicas && !(always && stale)) return;
    this.client.request('replicaset-scale', { verb: 'update', obj: { ...rs, meta: { ...rs.meta, annotations }, spec: { ...rs.spec, replicas } } }, (r) => {
      if (r.kind === 'conflict') this.queue.addRateLimited(deploymentKey);
    });
  }

  private createReplicaSet(d: Deployment, hash: string, replicas: number, revision: number): void {
    const rs: ReplicaSet = {
      kind: 'ReplicaSet',
      meta: {
        name: `${d.meta.name}-${hash}`,
        namespace: d.meta.namespace,
        uid: '',
        resourceVersion: 0,
        creationTimestamp: this.ctx.now(),
        labels: { 'pod-template-hash': hash },
        annotations: sizeAnnotations(d),
        owner: { kind: 'Deployment', name: d.meta.name, uid: d.meta.uid },
      },
      spec: {
        replicas,
        template: d.spec.template,
        workload: d.meta.name,
        tenant: d.meta.namespace,
        revision,
        ...(d.spec.minReadySeconds ? { minReadySeconds: d.spec.minReadySeconds } : {}),
      },
      status: { replicas: 0, readyReplicas: 0, availableReplicas: 0 },
    };
    const key = keyOf(d);
    this.client.request('replicaset-create', { verb: 'create', obj: rs }, (r) => {
      if (r.kind !== 'ok') this.queue.addRateLimited(key);
    });
  }

  /** `cleanupDeployment`: delete the oldest empty old ReplicaSets beyond `revisionHistoryLimit`. */
  private cleanup(d: Deployment, old: readonly ReplicaSet[], downs: ReadonlyMap<string, number>): void {
    const empty = old.filter((rs) => rs.spec.replicas === 0 && rs.status.replicas === 0 && !downs.has(keyOf(rs)) && rs.meta.deletionTimestamp === undefined);
    const excess = empty.length - d.spec.revisionHistoryLimit;
    if (excess <= 0) return;
    const byRevision = [...empty].sort((a, b) => a.spec.revision - b.spec.revision);
    for (const rs of byRevision.slice(0, excess))
      this.client.request('replicaset-delete', { verb: 'delete', kind: 'ReplicaSet', key: keyOf(rs), uid: rs.meta.uid });
  }

  private updateStatus(d: Deployment, newRS: ReplicaSet, all: readonly ReplicaSet[]): void {
    const status = {
      replicas: all.reduce((s, rs) => s + rs.status.replicas, 0),
      updatedReplicas: newRS.status.replicas,
      availableReplicas: all.reduce((s, rs) => s + rs.status.availableReplicas, 0),
    };
    const s = d.status;
    if (s.replicas === status.replicas && s.updatedReplicas === status.updatedReplicas && s.availableReplicas === status.availableReplicas) return;
    const key = keyOf(d);
    this.statusWrites.run(key, (done) =>
      this.client.request('deployment-status', { verb: 'update', obj: { ...d, status } }, (r) => {
        done();
        if (r.kind === 'conflict') this.queue.addRateLimited(key);
      }),
    );
  }
}
