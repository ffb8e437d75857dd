import { type TaskLaunch } from '../../../cluster/task.js';
import { type ServiceTemplate } from '../../../intents/index.js';
import { rolloutBounds } from '../../kit/index.js';
import { type PlannedClaim } from '../cell/transaction.js';
import { type TaskToPlace } from '../scheduler/private-copy.js';
import { freshWorkState, type WorkItem, type WorkState } from '../scheduler/work-item.js';
import { type WorkHost } from './work-host.js';

/** One replica the service holds a claim for. */
interface Replica {
  readonly id: string;
  readonly version: string;
  running: boolean;
}

/** A replica slot a scheduler is asked to place (one object per slot, so that the verdict can name it). */
export interface ReplicaSlot {
  readonly version: string;
}

/**
 * A long-running service as its Omega scheduler sees it: a reconcile loop on the cell state's claims
 * that keeps `replicas` instances of the current template, and rolls a new version out within the
 * service's maxSurge / maxUnavailable (25 % each when unset, rounded as Kubernetes does: kit
 * `rolloutBounds`): new replicas start up to desired + surge, and an old one stops while at least
 * desired − unavailable replicas stay running. Omega's paper gives its service scheduler no rollout
 * rule of its own. Unlike kit `templateRolloutStep` (oracle, borg), which stops an old replica only
 * when it is beyond the desired count or in the way of a new one, this stops every old replica the
 * availability floor allows at once; moving omega onto the kit rule is a model change (it moves
 * rolling-update's omega utilisation in the 5th significant digit), not a refactor.
 */
export class Service implements WorkItem<ReplicaSlot> {
  readonly isJob = false;
  readonly state: WorkState = freshWorkState();
  private readonly replicas = new Map<string, Replica>();

  constructor(
    private current: ServiceTemplate,
    private readonly host: WorkHost,
  ) {}

  /** The template the service keeps now. */
  get template(): ServiceTemplate {
    return this.current;
  }

  get name(): string {
    return this.current.name;
  }

  get tenant(): string {
    return this.current.tenant;
  }

  /** The template changed (scale, rollout): reconcile. */
  update(template: ServiceTemplate): void {
    this.current = template;
    this.reconcile();
  }

  wanted(): readonly TaskToPlace<ReplicaSlot>[] {
    const t = this.current;
    const n = this.toStart();
    const out: TaskToPlace<ReplicaSlot>[] = [];
    for (let i = 0; i < n; i++) out.push({ demand: t.resources, constraints: t.constraints, item: { version: t.version } });
    return out;
  }

  placed(claim: PlannedClaim<ReplicaSlot>): void {
    const t = this.current;
    const task: TaskLaunch = {
      id: `${t.name}.${this.host.nextId()}`,
      workload: t.name,
      tenant: t.tenant,
      version: claim.item.version,
      priority: t.priority,
      resources: t.resources,
    };
    this.replicas.set(task.id, { id: task.id, version: claim.item.version, running: false });
    this.host.launch(claim.machine, task, { kind: 'service', of: this });
  }

  unplaced(items: readonly ReplicaSlot[], why: string): void {
    if (items.length > 0) this.host.emit({ kind: 'task-pending', time: this.host.now(), workload: this.current.name, reason: why });
  }

  abandon(): void {
    // Services are never abandoned: the scheduler keeps retrying them (only jobs have attempt limits).
  }

  /** A replica runs (a rollout may go on). */
  replicaRunning(id: string): void {
    const r = this.replicas.get(id);
    if (r === undefined || r.running) return;
    r.running = true;
    this.reconcile();
  }

  /** A replica ended or was lost: the reconcile replaces it. */
  replicaGone(id: string): void {
    if (this.replicas.delete(id)) this.reconcile();
  }

  /** Stops what is beyond the desired state or may go in a rollout, and queues the service when replicas are missing. */
  reconcile(): void {
    const t = this.current;
    const current = [...this.replicas.values()].filter((r) => r.version === t.version);
    const old = [...this.replicas.values()].filter((r) => r.version !== t.version);
    const notRunningFirst = (a: Replica, b: Replica): number => Number(a.running) - Number(b.running);
    for (const extra of current.sort(notRunningFirst).slice(0, Math.max(0, current.length - t.replicas))) this.stop(extra);
    const { unavailable } = rolloutBounds(t.maxSurge ?? '25%', t.maxUnavailable ?? '25%', t.replicas, 'one-unavailable');
    let running = [...this.replicas.values()].filter((r) => r.running).length;
    const floor = t.replicas - unavailable;
    for (const r of old.sort(notRunningFirst)) {
      if (r.running && running - 1 < floor) break;
      if (r.running) running--;
      this.stop(r);
    }
    if (this.toStart() > 0) this.host.enqueue(this);
  }

  private toStart(): number {
    const t = this.current;
    let current = 0;
    for (const r of this.replicas.values()) if (r.version === t.version) current++;
    const old = this.replicas.size - current;
    const { surge } = rolloutBounds(t.maxSurge ?? '25%', t.maxUnavailable ?? '25%', t.replicas, 'one-unavailable');
    const missing = t.replicas - current;
    return Math.max(0, old === 0 ? missing : Math.min(missing, t.replicas + surge - current - old));
  }

  private stop(r: Replica): void {
    this.replicas.delete(r.id);
    this.host.stop(r.id);
  }
}
