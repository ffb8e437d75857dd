import { type EngineContext } from '../engine.js';
import { templateHash } from './controllers/deployment-controller.js';
import { type Deployment } from './objects.js';
import { type ApiServer } from './store/api-server.js';
import { Informer } from './store/informer.js';

const CLIENT = '@client';

/** A rollout someone waits for: the Deployment's template must carry `annotation` = `value`. */
interface PendingRollout {
  readonly deployment: string;
  readonly annotation: string;
  readonly value: string;
}

/** An operation the client watches until all its parts are done. */
interface PendingOperation {
  readonly operation: string;
  readonly rollouts: PendingRollout[];
  readonly jobs: Set<string>;
}

/**
 * The client side of lifecycle operations (`kubectl rollout status`, `kubectl wait --for=condition=complete`):
 * it reads status fields the controllers write and reports an operation `finished` (via
 * `status-poll`: nothing answers the request when the work is done; only the objects' status shows
 * it) once every rollout and Job it started is complete in its cache. A rollout is complete as
 * `rollout status` decides (`deploymentutil` `DeploymentComplete`), with the observed-generation check
 * made by finding the ReplicaSet of the Deployment's current template: that ReplicaSet has every
 * desired replica available and no other ReplicaSet of the Deployment has pods. A Job is complete
 * when its status says `Complete`. The watches start with the first operation that needs them.
 */
export class OperationWatch {
  private deployments: Informer<'Deployment'> | undefined;
  private replicaSets: Informer<'ReplicaSet'> | undefined;
  private jobs: Informer<'Job'> | undefined;
  private readonly pending: PendingOperation[] = [];

  constructor(
    private readonly ctx: EngineContext,
    private readonly api: ApiServer,
  ) {}

  /** Waits for `operation`: each rollout (Deployment key, template annotation and value) and each Job key. */
  watch(operation: string, rollouts: readonly PendingRollout[], jobs: readonly string[]): void {
    if (rollouts.length > 0) this.watchRollouts();
    if (jobs.length > 0) this.watchJobs();
    this.pending.push({ operation, rollouts: [...rollouts], jobs: new Set(jobs) });
    this.check();
  }

  private watchRollouts(): void {
    if (this.deployments) return;
    this.deployments = new Informer(this.api, 'Deployment', CLIENT);
    this.replicaSets = new Informer(this.api, 'ReplicaSet', CLIENT);
    const check = { onAdd: () => this.check(), onUpdate: () => this.check(), onDelete: () => this.check() };
    this.deployments.addHandlers(check);
    this.replicaSets.addHandlers(check);
  }

  private watchJobs(): void {
    if (this.jobs) return;
    this.jobs = new Informer(this.api, 'Job', CLIENT);
    this.jobs.addHandlers({ onAdd: () => this.check(), onUpdate: () => this.check() });
  }

  private check(): void {
    for (let i = 0; i < this.pending.length;) {
      const op = this.pending[i] as PendingOperation;
      for (let r = op.rollouts.length - 1; r >= 0; r--) if (this.rolloutComplete(op.rollouts[r] as PendingRollout)) op.rollouts.splice(r, 1);
      for (const key of [...op.jobs]) if (this.jobs?.get(key)?.status.condition === 'Complete') op.jobs.delete(key);
      if (op.rollouts.length === 0 && op.jobs.size === 0) {
        this.pending.splice(i, 1);
        this.ctx.emit({ kind: 'operation', time: this.ctx.now(), operation: op.operation, phase: 'finished', via: 'status-poll' });
      } else i++;
    }
  }

  private rolloutComplete(r: PendingRollout): boolean {
    const d: Deployment | undefined = this.deployments?.get(r.deployment);
    if (!d || d.spec.template.annotations?.[r.annotation] !== r.value) return false;
    const hash = templateHash(d.spec.template);
    let current = false;
    for (const rs of this.replicaSets?.values() ?? []) {
      if (rs.meta.owner?.uid !== d.meta.uid) continue;
      if (rs.meta.labels['pod-template-hash'] === hash) {
        if (rs.status.availableReplicas < d.spec.replicas || rs.status.replicas !== d.spec.replicas) return false;
        current = true;
      } else if (rs.status.replicas > 0) return false;
    }
    return current;
  }
}
