import { type NodeAgentApi, type EngineContext } from '../engine.js';
import { type SharedLoops } from '../kit/index.js';
import { type TaskLaunch } from '../../cluster/task.js';
import { KubeletLease, type QuietLeaseSetup } from './kubelet-lease.js';
import { type SimDuration } from '../../sim/time.js';
import { type ContainerLifecycleConfig, LifecyclePods } from './containers/lifecycle-pods.js';
import { isTerminal, keyOf, type KObject, type Pod, withResourceVersion } from './objects.js';
import { ApiClient, type ClientLimit } from './store/api-client.js';
import { type ApiServer, type WriteOp } from './store/api-server.js';
import { Informer } from './store/informer.js';

export interface KubeletConfig {
  readonly leaseRenewInterval: SimDuration;
  readonly nodeStatusUpdateFrequency: SimDuration;
  readonly plegRelistPeriod: SimDuration;
  /** `kubeAPIQPS` / `kubeAPIBurst`: the limit of the kubelet's main client (pod status, deletions). */
  readonly clientLimit: ClientLimit;
  /** Every kubelet's node status loop (`nodeStatusUpdateFrequency`), one timer per phase. */
  readonly statusLoops: SharedLoops;
  /** Lease renewals in closed form while nothing changes (undefined: every renewal is simulated). */
  readonly quietLease: QuietLeaseSetup | undefined;
  /** Probes, restarts, init containers and ConfigMaps of pods that declare a lifecycle. */
  readonly containers: ContainerLifecycleConfig;
}

/** The instance a kubelet runs for a pod (the instance id is the pod name). */
export function launchOf(pod: Pod): TaskLaunch {
  const s = pod.spec;
  // Optional fields assigned in place (same keys in the same order as spreading them): one object per pod.
  const t: { -readonly [P in keyof TaskLaunch]: TaskLaunch[P] } = {
    id: pod.meta.name,
    workload: s.workload,
    tenant: s.tenant,
    priority: s.priority,
    resources: s.requests,
  };
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
 * As upstream, two clients: pod writes go through the main client and its QPS/burst limit (a new
 * process gets a fresh bucket; a crash drops what waited), while Lease renewals and node status
 * use the heartbeat client, which has no limit.
 */
export class Kubelet {
  private readonly name: string;
  private readonly pods: Informer<'Pod'>;
  private readonly self: Informer<'Node'>;
  private readonly launched = new Map<string, string>();
  private readonly pendingStatus = new Map<string, { label: string; op: WriteOp }>();
  /** `pendingStatus.size`, kept beside the kubelet's other hot fields: the status loop reads it every period on every node. */
  private pendingCount = 0;
  private readonly deleting = new Set<string>();
  private generation = 0;
  private up = true;
  private selfReady = false;
  private client: ApiClient;
  private statusLoopHandle: { leave(): void } | undefined;
  /** The Lease renewals (heartbeat client, no limit); an unanswered one means the watches are broken. */
  readonly lease: KubeletLease;
  /** Pods with a lifecycle (probes, restarts in place, init containers, ConfigMaps); made at the first. */
  private lifecyclePods: LifecyclePods | undefined;

  constructor(
    private readonly ctx: EngineContext,
    private readonly api: ApiServer,
    private readonly agent: NodeAgentApi,
    private readonly config: KubeletConfig,
  ) {
    this.name = agent.node.name;
    const me = this.name;
    this.client = this.newClient();
    this.lease = new KubeletLease(ctx, api, me, config.leaseRenewInterval, config.quietLease, () => this.relist());
    this.pods = new Informer(api, 'Pod', me, (p) => p.spec.nodeName === me, me);
    this.pods.addHandlers({
      onAdd: (p, key) => this.syncPod(p, key),
      onUpdate: (_o, p, key) => this.syncPod(p, key),
      onDelete: (p, key) => this.podGone(p, key),
    });
    this.self = new Informer(api, 'Node', me, (n) => n.meta.name === me, me);
    // Whether the cached Node says Ready, kept by its events (and the initial replay): the status
    // loop reads it every 10 s on every node without touching the informer's cache.
    this.self.addHandlers({
      onAdd: (n) => void (this.selfReady = n.status.ready === 'True'),
      onUpdate: (_o, n) => void (this.selfReady = n.status.ready === 'True'),
      onDelete: () => void (this.selfReady = false),
    });
    agent.onLifecycle((change) => (change === 'crashed' ? this.crash() : this.boot()));
  }

  /** Starts the periodic loops (the node is up at time 0). */
  start(): void {
    this.lease.start();
    this.statusLoop();
  }

  /**
   * The node status reports of this incarnation (a crash ends them): every period, Ready when the
   * Node says otherwise, and the pod statuses not yet confirmed again. A tick with nothing to report
   * sends nothing.
   */
  private statusLoop(): void {
    this.statusLoopHandle = this.config.statusLoops.join(this.statusTick);
  }

  private readonly statusTick = (): void => {
    this.syncNodeStatus();
    if (this.pendingCount > 0) for (const { label, op } of [...this.pendingStatus.values()]) this.send(label, op);
  };

  private crash(): void {
    this.up = false;
    this.generation++;
    this.launched.clear();
    this.lifecyclePods?.reset();
    this.pendingStatus.clear();
    this.pendingCount = 0;
    this.deleting.clear();
    this.lease.crash();
    this.statusLoopHandle?.leave();
    this.client.close();
  }

  private boot(): void {
    this.up = true;
    this.client = this.newClient();
    // A renewal now, whose answer makes the kubelet relist.
    this.lease.boot();
    // At start the kubelet reads its Node from the server and reports Ready, whatever its stale cache says.
    this.syncNodeStatus(true);
    this.statusLoop();
  }

  private newClient(): ApiClient {
    return new ApiClient(this.ctx, this.api, this.name, 'kubelet', this.config.clientLimit);
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

  /**
   * Reports Ready=True when its Node object says otherwise (the kubelet's node status update, on the
   * heartbeat client: no limit); `force` skips the cache check.
   */
  private syncNodeStatus(force = false): void {
    // `selfReady`: the cached Node exists and is Ready (`this.self.get(this.name)?.status.ready === 'True'`).
    if (!force && this.selfReady) return;
    if (!this.up) return;
    const now = this.ctx.now();
    this.api.request(this.name, 'node-status-ready', {
      verb: 'patch',
      kind: 'Node',
      key: this.name,
      mutate: (cur) => (cur.kind !== 'Node' || cur.status.ready === 'True' ? cur : { ...cur, status: { ...cur.status, ready: 'True', readyTransition: now } }),
    });
  }

  private syncPod(pod: Pod, key: string = keyOf(pod)): void {
    if (!this.up) return;
    if (pod.meta.deletionTimestamp !== undefined) return this.terminate(pod, key);
    if (isTerminal(pod)) {
      if (this.launched.get(key) === pod.meta.uid) this.kill(key);
      return;
    }
    if (this.launched.get(key) === pod.meta.uid) return;
    if (this.launched.has(key)) this.kill(key);
    const restarting = pod.status.phase === 'Running';
    if (restarting && pod.spec.restartPolicy === 'Never')
      return this.setStatus(pod, key, 'pod-status-failed', { phase: 'Failed', ready: false, reason: 'NodeRestarted' });
    const task = launchOf(pod);
    if (!this.agent.fits(task)) return this.setStatus(pod, key, 'pod-status-failed', { phase: 'Failed', ready: false, reason: 'OutOfResources' });
    if (pod.spec.lifecycle !== undefined) {
      this.launched.set(key, pod.meta.uid);
      return this.lifecycle().admit(pod, key, task, restarting);
    }
    const gen = this.generation;
    const r = this.agent.launch(task, {
      onRunning: () =>
        this.atNextRelist(gen, () => {
          const now = this.ctx.now();
          this.setStatus(pod, key, 'pod-status-running', {
            phase: 'Running',
            ready: true,
            startTime: pod.status.startTime ?? now,
            readySince: now,
            restartCount: pod.status.restartCount + (restarting ? 1 : 0),
          });
        }),
      onExit: (how) => {
        if (gen !== this.generation || how === 'stopped') return;
        if (this.launched.get(key) === pod.meta.uid) this.launched.delete(key);
        const phase = how === 'finished' ? 'Succeeded' : 'Failed';
        const finishedAt = this.ctx.now();
        this.atNextRelist(gen, () =>
          this.setStatus(pod, key, phase === 'Succeeded' ? 'pod-status-succeeded' : 'pod-status-failed', { phase, ready: false, finishedAt }),
        );
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
  private terminate(pod: Pod, key: string): void {
    if (this.launched.has(key)) this.kill(key);
    // Confirmed already: the pod only waits for its finalizers to go.
    if (this.deleting.has(key) || pod.meta.deletionGracePeriodSeconds === 0) return;
    this.deleting.add(key);
    const gen = this.generation;
    this.send('pod-delete-confirm', { verb: 'delete', kind: 'Pod', key, force: true, uid: pod.meta.uid }, () => {
      if (gen === this.generation) this.deleting.delete(key);
    });
  }

  private podGone(pod: Pod, key: string): void {
    this.deleting.delete(key);
    this.pendingStatus.delete(key);
    this.pendingCount = this.pendingStatus.size;
    if (this.launched.get(key) === pod.meta.uid) this.kill(key);
  }

  /** The kubelet's side of pods with a lifecycle, made at the first such pod. */
  private lifecycle(): LifecyclePods {
    this.lifecyclePods ??= new LifecyclePods(
      this.ctx,
      this.api,
      this.agent,
      {
        generation: () => this.generation,
        setStatus: (pod, key, label, status) => this.setStatus(pod, key, label, status),
        atNextRelist: (gen, fn) => this.atNextRelist(gen, fn),
      },
      this.config.containers,
    );
    return this.lifecyclePods;
  }

  private kill(key: string): void {
    const pod = this.pods.get(key);
    this.lifecyclePods?.forget(key);
    this.launched.delete(key);
    this.agent.stop(pod?.meta.name ?? key.slice(key.indexOf('/') + 1));
  }

  /** Sets fields of the pod's status at the server; kept and re-sent until answered. */
  private setStatus(pod: Pod, key: string, label: string, status: Partial<Pod['status']>): void {
    const uid = pod.meta.uid;
    const op: WriteOp = {
      verb: 'patch',
      kind: 'Pod',
      key,
      mutate: (cur: KObject, resourceVersion: number) => {
        if (cur.kind !== 'Pod' || cur.meta.uid !== uid) return { reject: 'pod was replaced' };
        if (isTerminal(cur)) return cur;
        // The stored pod itself (a Pod has exactly these members), stamped here: one copy, not two.
        return { kind: cur.kind, meta: withResourceVersion(cur.meta, resourceVersion), spec: cur.spec, status: { ...cur.status, ...status } };
      },
      stamped: true,
    };
    this.pendingStatus.set(key, { label, op });
    this.pendingCount = this.pendingStatus.size;
    this.send(label, op, () => {
      if (this.pendingStatus.get(key)?.op === op) {
        this.pendingStatus.delete(key);
        this.pendingCount = this.pendingStatus.size;
      }
    });
  }

  /** A write of the main client (rate-limited). */
  private send(label: string, op: WriteOp, done?: () => void): void {
    if (!this.up) return;
    this.client.request(label, op, done ? () => done() : undefined);
  }
}
