import { type NodeAgentApi, type EngineContext } from '../engine.js';
import { type TaskLaunch } from '../../cluster/task.js';
import { type SimDuration } from '../../sim/time.js';
import { isTerminal, keyOf, type KObject, type NodeObject, type Pod } from './objects.js';
import { type ApiServer, type WriteOp } from './store/api-server.js';
import { Informer } from './store/informer.js';

export interface KubeletConfig {
  readonly leaseRenewInterval: SimDuration;
  readonly nodeStatusUpdateFrequency: SimDuration;
  readonly plegRelistPeriod: SimDuration;
}

/** The instance a kubelet runs for a pod (the instance id is the pod name). */
function launchOf(pod: Pod): TaskLaunch {
  const s = pod.spec;
  // Optional fields assigned in place (same keys in the same order as spreading them): one object per pod.
  const t: { -readonly [P in keyof TaskLaunch]: TaskLaunch[P] } = { id: pod.meta.name, workload: s.workload, tenant: s.tenant, priority: s.priority, resources: s.requests };
  if (s.taskKey !== undefined) t.taskKey = s.taskKey;
  if (s.version !== undefined) t.version = s.version;
  if (s.runFor !== undefined) t.runFor = s.runFor;
  if (s.exitAs !== undefined) t.exitAs = s.exitAs;
  return t;
}

/**
 * The kubelet of one node. It watches the pods bound to its node, admits and starts them, reports
 * their status, renews its Lease and reports Ready. All its writes leave from the node, so a crashed
 * or cut-off node's writes are lost; unconfirmed pod statuses are re-sent every status period.
 * When a Lease renewal goes unanswered it considers its watches broken and, once answered again,
 * relists and reconciles (a pod deleted meanwhile is killed). A crash stops everything; a boot
 * starts empty and restarts pods still bound to it (restartPolicy Always) or fails them (Never).
 */
export class Kubelet {
  private readonly name: string;
  private readonly pods: Informer<'Pod'>;
  private readonly self: Informer<'Node'>;
  private readonly launched = new Map<string, string>();
  private readonly pendingStatus = new Map<string, { label: string; op: WriteOp }>();
  private readonly deleting = new Set<string>();
  private generation = 0;
  private up = true;
  private awaitingAck = false;
  private disconnected = false;

  constructor(
    private readonly ctx: EngineContext,
    private readonly api: ApiServer,
    private readonly agent: NodeAgentApi,
    private readonly config: KubeletConfig,
  ) {
    this.name = agent.node.name;
    const me = this.name;
    this.pods = new Informer(api, 'Pod', me, (p) => p.spec.nodeName === me, me);
    this.pods.addHandlers({ onAdd: (p) => this.syncPod(p), onUpdate: (_o, p) => this.syncPod(p), onDelete: (p) => this.podGone(p) });
    this.self = new Informer(api, 'Node', me, (n) => n.meta.name === me, me);
    agent.onLifecycle((change) => (change === 'crashed' ? this.crash() : this.boot()));
  }

  /** Starts the periodic loops (the node is up at time 0). */
  start(): void {
    this.loops();
  }

  private loops(): void {
    const gen = this.generation;
    const lease = (): void => {
      if (gen !== this.generation) return;
      this.renewLease();
      this.ctx.after(this.config.leaseRenewInterval, lease);
    };
    const status = (): void => {
      if (gen !== this.generation) return;
      this.syncNodeStatus();
      if (this.pendingStatus.size > 0) for (const { label, op } of [...this.pendingStatus.values()]) this.send(label, op);
      this.ctx.after(this.config.nodeStatusUpdateFrequency, status);
    };
    this.ctx.after(this.config.leaseRenewInterval, lease);
    this.ctx.after(this.config.nodeStatusUpdateFrequency, status);
  }

  private crash(): void {
    this.up = false;
    this.generation++;
    this.launched.clear();
    this.pendingStatus.clear();
    this.deleting.clear();
    this.awaitingAck = false;
  }

  private boot(): void {
    this.up = true;
    this.disconnected = true;
    this.renewLease();
    // At start the kubelet reads its Node from the server and reports Ready, whatever its stale cache says.
    this.syncNodeStatus(true);
    this.loops();
  }

  /** The Lease renewal; an unanswered one means the watches are broken. */
  private renewLease(): void {
    if (this.awaitingAck) this.disconnected = true;
    this.awaitingAck = true;
    const gen = this.generation;
    const renewTime = this.ctx.now();
    this.api.request(
      this.name,
      'lease-renew',
      // The renewal runs 10,000 times per 10 s at scale: the Lease (kind, meta, spec) is rebuilt member by member, no spreads.
      { verb: 'patch', kind: 'Lease', key: this.name, mutate: (cur) => (cur.kind === 'Lease' ? { kind: cur.kind, meta: cur.meta, spec: { holder: cur.spec.holder, renewTime, durationSeconds: cur.spec.durationSeconds } } : cur) },
      () => {
        if (gen !== this.generation) return;
        this.awaitingAck = false;
        if (this.disconnected) {
          this.disconnected = false;
          this.relist();
        }
      },
    );
  }

  /** After a broken watch or a boot: LIST own pods and node, then reconcile everything. */
  private relist(): void {
    const gen = this.generation;
    this.self.resync(this.api, this.name);
    this.pods.resync(this.api, this.name, () => {
      if (gen !== this.generation) return;
      this.ctx.emit({ kind: 'counter', time: this.ctx.now(), name: 'kubelet-relist', by: 1 });
      this.syncNodeStatus();
      const known = new Set(this.pods.list().map((p) => keyOf(p)));
      for (const key of [...this.launched.keys()]) if (!known.has(key)) this.kill(key);
      for (const p of this.pods.list()) this.syncPod(p);
    });
  }

  /** Reports Ready=True when its Node object says otherwise (the kubelet's node status update); `force` skips the cache check. */
  private syncNodeStatus(force = false): void {
    const node: NodeObject | undefined = this.self.get(this.name);
    if (!force && node && node.status.ready === 'True') return;
    const now = this.ctx.now();
    this.send('node-status-ready', {
      verb: 'patch',
      kind: 'Node',
      key: this.name,
      mutate: (cur) => (cur.kind !== 'Node' || cur.status.ready === 'True' ? cur : { ...cur, status: { ...cur.status, ready: 'True', readyTransition: now } }),
    });
  }

  private syncPod(pod: Pod): void {
    if (!this.up) return;
    const key = keyOf(pod);
    if (pod.meta.deletionTimestamp !== undefined) return this.terminate(pod);
    if (isTerminal(pod)) {
      if (this.launched.get(key) === pod.meta.uid) this.kill(key);
      return;
    }
    if (this.launched.get(key) === pod.meta.uid) return;
    if (this.launched.has(key)) this.kill(key);
    const restarting = pod.status.phase === 'Running';
    if (restarting && pod.spec.restartPolicy === 'Never') return this.setStatus(pod, 'pod-status-failed', { phase: 'Failed', ready: false, reason: 'NodeRestarted' });
    const task = launchOf(pod);
    if (!this.agent.fits(task)) return this.setStatus(pod, 'pod-status-failed', { phase: 'Failed', ready: false, reason: 'OutOfResources' });
    const gen = this.generation;
    const r = this.agent.launch(task, {
      onRunning: () =>
        this.atNextRelist(gen, () => {
          const now = this.ctx.now();
          this.setStatus(pod, 'pod-status-running', { phase: 'Running', ready: true, startTime: pod.status.startTime ?? now, readySince: now, restartCount: pod.status.restartCount + (restarting ? 1 : 0) });
        }),
      onExit: (how) => {
        if (gen !== this.generation || how === 'stopped') return;
        if (this.launched.get(key) === pod.meta.uid) this.launched.delete(key);
        const phase = how === 'finished' ? 'Succeeded' : 'Failed';
        const finishedAt = this.ctx.now();
        this.atNextRelist(gen, () => this.setStatus(pod, `pod-status-${phase.toLowerCase()}`, { phase, ready: false, finishedAt }));
      },
    });
    if (r.kind === 'launched') this.launched.set(key, pod.meta.uid);
  }

  /** Runs `fn` at the next PLEG relist (every `plegRelistPeriod` of virtual time), unless the node crashed meanwhile. */
  private atNextRelist(gen: number, fn: () => void): void {
    const period = this.config.plegRelistPeriod;
    const wait = period > 0 ? period - (this.ctx.now() % period) : 0;
    this.ctx.after(wait as SimDuration, () => {
      if (gen === this.generation) fn();
    });
  }

  /** A terminating pod: stop it, then confirm the deletion (grace period 0 from the node). */
  private terminate(pod: Pod): void {
    const key = keyOf(pod);
    if (this.launched.has(key)) this.kill(key);
    if (this.deleting.has(key)) return;
    this.deleting.add(key);
    const gen = this.generation;
    this.send('pod-delete-confirm', { verb: 'delete', kind: 'Pod', key, force: true, uid: pod.meta.uid }, () => {
      if (gen === this.generation) this.deleting.delete(key);
    });
  }

  private podGone(pod: Pod): void {
    const key = keyOf(pod);
    this.deleting.delete(key);
    this.pendingStatus.delete(key);
    if (this.launched.get(key) === pod.meta.uid) this.kill(key);
  }

  private kill(key: string): void {
    const pod = this.pods.get(key);
    this.launched.delete(key);
    this.agent.stop(pod?.meta.name ?? key.slice(key.indexOf('/') + 1));
  }

  /** Sets fields of the pod's status at the server; kept and re-sent until answered. */
  private setStatus(pod: Pod, label: string, status: Partial<Pod['status']>): void {
    const key = keyOf(pod);
    const uid = pod.meta.uid;
    const op: WriteOp = {
      verb: 'patch',
      kind: 'Pod',
      key,
      mutate: (cur: KObject) => {
        if (cur.kind !== 'Pod' || cur.meta.uid !== uid) return { reject: 'pod was replaced' };
        if (isTerminal(cur)) return cur;
        return { ...cur, status: { ...cur.status, ...status } };
      },
    };
    this.pendingStatus.set(key, { label, op });
    this.send(label, op, () => {
      if (this.pendingStatus.get(key)?.op === op) this.pendingStatus.delete(key);
    });
  }

  private send(label: string, op: WriteOp, done?: () => void): void {
    if (!this.up) return;
    this.api.request(this.name, label, op, done ? () => done() : undefined);
  }
}
