import { type Engine, type EngineBounds, type EngineContext, type EngineFactory } from '../engine.js';
import { EndpointBook, engineBounds, MessageTally, SharedLoops, worstHops } from '../kit/index.js';
import { type Fault, type Intent } from '../../intents/index.js';
import { type SimDuration, type SimTime } from '../../sim/time.js';
import { DeploymentController } from './controllers/deployment-controller.js';
import { EndpointSliceController } from './controllers/endpointslice-controller.js';
import { JobController } from './controllers/job-controller.js';
import { NodeLifecycleController } from './controllers/node-lifecycle-controller.js';
import { OwnerIndex } from './controllers/owner-index.js';
import { PodGCController } from './controllers/pod-gc-controller.js';
import { ReplicaSetController } from './controllers/replicaset-controller.js';
import { TaintEvictionController } from './controllers/taint-eviction-controller.js';
import { checkKubeController, startUserController } from './extension/index.js';
import { KubeProxy } from './kube-proxy.js';
import { ServiceEndpoints } from './containers/service-endpoints.js';
import { Kubelet } from './kubelet.js';
import { quietLeaseSetup } from './kubelet-lease.js';
import { type NodeObject, type Lease } from './objects.js';
import { type KubernetesOptions, parseOptions, profilePercentageOfNodesToScore, referencedResources } from './options.js';
import { KubeScheduler } from './scheduler/kube-scheduler.js';
import { numFeasibleNodesToFind } from './scheduler/num-feasible.js';
import { ApiClient } from './store/api-client.js';
import { ApiServer } from './store/api-server.js';
import { HopRecorder } from './store/hop-recorder.js';
import { Informer } from './store/informer.js';
import { WorkloadMapper } from './workload-mapping.js';

const KCM = '@kube-controller-manager';
/** Component names of a scheduler-crash fault that mean the kube-scheduler. */
const SCHEDULER_ALIASES = new Set(['kube-scheduler', 'scheduler', '*', 'all']);

/**
 * The Kubernetes control plane: one API server + etcd, the kube-controller-manager's controllers
 * (Deployment, ReplicaSet, Job, node lifecycle, taint eviction, PodGC) on shared informers, kube-scheduler,
 * and a kubelet per node. Intents become objects written by a client; everything else follows by
 * watches and reconcile loops.
 */
export class KubernetesEngine implements Engine {
  readonly api: ApiServer;
  private mapper: WorkloadMapper | undefined;
  scheduler: KubeScheduler | undefined;
  private schedulerIncarnation = 0;
  /** Endpoints kube-proxy has programmed, for services that take requests. */
  private readonly endpoints: EndpointBook;
  private readonly kubelets = new Map<string, Kubelet>();
  /** What the loops accounted in closed form sent (Lease renewals while nothing changes), reported at {@link finish}. */
  private readonly tally = new MessageTally();

  constructor(
    private readonly ctx: EngineContext,
    private readonly options: KubernetesOptions,
  ) {
    this.endpoints = new EndpointBook(ctx);
    this.api = new ApiServer(ctx, options.nodeLifecycle.defaultTolerationSeconds, ctx.explain ? new HopRecorder(ctx) : undefined, options.resourceQuotas);
  }

  start(): void {
    const { ctx, api, options: o } = this;
    this.bootstrapNodes();
    const rateLimit = o.workqueue;
    const pods = new Informer(api, 'Pod', KCM);
    const nodes = new Informer(api, 'Node', KCM);
    const leases = new Informer(api, 'Lease', KCM);
    const replicaSets = new Informer(api, 'ReplicaSet', KCM);
    const deployments = new Informer(api, 'Deployment', KCM);
    const jobs = new Informer(api, 'Job', KCM);
    const owners = new OwnerIndex(pods);
    // Each controller has its own clientset, so its own token bucket (see defaults.ts `apiClients`).
    const client = (): ApiClient => new ApiClient(ctx, api, KCM, 'kube-controller-manager', o.apiClients.controllerManager);
    new DeploymentController(ctx, client(), deployments, replicaSets, rateLimit);
    new ReplicaSetController(ctx, client(), replicaSets, pods, owners, { ...o.replicaSet, rateLimit });
    new JobController(ctx, client(), jobs, pods, owners, {
      ...o.job,
      expectationsTimeout: o.replicaSet.expectationsTimeout,
      slowStartInitialBatchSize: o.replicaSet.slowStartInitialBatchSize,
      rateLimit: { baseDelay: o.job.apiBackoff, maxDelay: o.job.maxApiBackoff },
    });
    const kubelets = this.kubelets;
    new NodeLifecycleController(ctx, client(), nodes, leases, o.nodeLifecycle, (node, now) => kubelets.get(node)?.lease.lastSeenBefore(now)).start();
    new TaintEvictionController(ctx, client(), nodes, pods);
    // The scenario's own controllers (spec.extensions), each its own process beside kube-controller-manager.
    for (const ext of ctx.extensions ?? []) startUserController({ ctx, api, clientLimit: o.apiClients.controllerManager, rateLimit }, ext);
    const proxy = new KubeProxy(ctx, this.endpoints, o.kubeProxy.minSyncPeriod, o.kubeProxy.syncPeriod);
    new EndpointSliceController(ctx, pods, this.endpoints, proxy, o.endpointSlice.updatesBatchPeriod, o.apiClients.controllerManager);
    const gc = o.podGC;
    new PodGCController(ctx, client(), pods, nodes, {
      terminatedPodThreshold: gc.terminatedPodGCThreshold,
      gcCheckPeriod: gc.gcCheckPeriod,
      quarantineTime: gc.quarantineTime,
    }).start();
    this.scheduler = this.startScheduler();
    this.watchSyncJobs();
    const k = o.kubelet;
    // One configuration object for every kubelet (read-only): each timer tick reads it, and 10,000
    // copies would be 10,000 cold cache lines per period.
    const kubeletConfig = {
      leaseRenewInterval: k.leaseRenewInterval,
      nodeStatusUpdateFrequency: k.nodeStatusUpdateFrequency,
      plegRelistPeriod: k.plegRelistPeriod,
      clientLimit: o.apiClients.kubelet,
      statusLoops: new SharedLoops(ctx, k.nodeStatusUpdateFrequency),
      quietLease: quietLeaseSetup(ctx, this.tally, k.leaseRenewInterval, o.nodeLifecycle.monitorPeriod),
      containers: {
        crashLoopBackOff: k.crashLoopBackOff,
        syncFrequency: k.syncFrequency,
        configMapAndSecretChangeDetectionStrategy: k.configMapAndSecretChangeDetectionStrategy,
        configMapCacheTTL: k.configMapCacheTTL,
        initPollInterval: o.dependencies.initPollInterval,
        endpoints: new ServiceEndpoints(api),
      },
    };
    for (const node of ctx.cluster.nodes) {
      const kubelet = new Kubelet(ctx, api, ctx.cluster.agent(node.name), kubeletConfig);
      this.kubelets.set(node.name, kubelet);
      kubelet.start();
    }
    this.mapper = new WorkloadMapper(ctx, api, o);
  }

  submit(intent: Intent): void {
    if (intent.kind === 'service-declared' && intent.service.endpoints) this.endpoints.declare(intent.service.name);
    this.mapper?.submit(intent);
  }

  /**
   * Kubernetes has no per-tenant framework scheduler, so a fault naming a tenant or another component
   * is counted and ignored. A fault naming the kube-scheduler (`kube-scheduler`, `scheduler`, `*`,
   * `all`) kills it: queue, cache and in-flight cycles are lost; a new instance starts after `downFor`
   * but leads only once the old leader-election lease has expired (at most lease − retry period
   * after the crash: 15 s − 2 s with the defaults), then LISTs everything and schedules what is pending.
   */
  controlPlaneFault(fault: Extract<Fault, { kind: 'scheduler-crash' }>): void {
    const c = fault.component;
    const hits = fault.tenant === undefined && SCHEDULER_ALIASES.has(c);
    if (!hits || !this.scheduler) {
      this.ctx.emit({ kind: 'counter', time: this.ctx.now(), name: 'scheduler-crash-ignored', by: 1 });
      return;
    }
    this.scheduler.stop();
    this.scheduler = undefined;
    this.ctx.emit({ kind: 'counter', time: this.ctx.now(), name: 'kube-scheduler-restart', by: 1 });
    const le = this.options.scheduler.leaderElection;
    const restart = Math.max(fault.downFor, le.leaseDuration - le.retryPeriod) as SimDuration;
    this.ctx.after(restart, () => {
      this.scheduler = this.startScheduler();
    });
  }

  private startScheduler(): KubeScheduler {
    const s = this.options.scheduler;
    return new KubeScheduler(
      this.ctx,
      this.api,
      {
        queue: s,
        profile: { ...s, percentageOfNodesToScore: profilePercentageOfNodesToScore(s) },
        preemption: s.preemption,
        minCandidateNodesPercentage: s.minCandidateNodesPercentage,
        minCandidateNodesAbsolute: s.minCandidateNodesAbsolute,
        thinkPerCycle: s.thinkTime.perCycle,
        thinkPerNode: s.thinkTime.perNode,
        clientLimit: this.options.apiClients.scheduler,
      },
      this.ctx.rng.split(`kube-scheduler-${++this.schedulerIncarnation}`),
    );
  }

  bounds(): EngineBounds {
    return computeBounds(this.ctx, this.options);
  }

  /** Reports the Lease renewals counted instead of sent, up to `end`. */
  finish(end: SimTime): void {
    for (const kubelet of this.kubelets.values()) kubelet.lease.finish(end);
    this.tally.flush(this.ctx, end);
  }

  /** The cluster was up before the trial: its Node and Lease objects exist at time 0 (no traffic). */
  private bootstrapNodes(): void {
    const now = this.ctx.now();
    for (const spec of this.ctx.cluster.nodes) {
      const meta = { name: spec.name, namespace: '', uid: '', resourceVersion: 0, creationTimestamp: now, labels: spec.labels };
      const node: NodeObject = {
        kind: 'Node',
        meta,
        spec: { taints: spec.taints, unschedulable: false },
        status: { allocatable: spec.allocatable, maxPods: spec.maxTasks, ready: 'True', readyTransition: now },
      };
      const lease: Lease = {
        kind: 'Lease',
        meta: { ...meta, labels: {} },
        spec: { holder: spec.name, renewTime: now, durationSeconds: Math.round(this.options.kubelet.leaseDuration / 1_000_000) },
      };
      this.api.apply({ verb: 'create', obj: node }, '@bootstrap', 'node-register');
      this.api.apply({ verb: 'create', obj: lease }, '@bootstrap', 'lease-create');
    }
  }

  /** The clients of `sync` jobs watch their Job and learn it completed one watch hop after the status write. */
  private watchSyncJobs(): void {
    const client = new Informer(this.api, 'Job', '@client', (j) => j.spec.sync);
    client.addHandlers({
      onUpdate: (old, j) => {
        if (old.status.condition !== 'Complete' && j.status.condition === 'Complete') {
          this.ctx.emit({ kind: 'client-informed', time: this.ctx.now(), job: j.meta.name, hops: (j.status.hops ?? 3) + 1 });
        }
      },
    });
  }
}

/**
 * Promises derived from the engine's own timers, with nominal latencies:
 * - placement: ~14 API writes (client, Deployment → ReplicaSet → up to 10 slow-start batches, binding,
 *   status) and 6 watch hops, one scheduling cycle for each of up to 1 000 pods submitted at once, a
 *   maximal queue back-off, the client-side rate limits for those pods (two controller writes, a
 *   binding and a status write each, at the buckets' steady rates), and the task start; doubled for safety;
 * - recovery after a crash: the last lease renewal (≤ renew interval before the crash), the grace
 *   period, a monitor period, the zone's taint rate for up to 10 % of the nodes, the default
 *   toleration, then the placement path.
 */
export function computeBounds(ctx: EngineContext, o: KubernetesOptions): EngineBounds {
  const l = ctx.latency;
  const write = worstHops(l, 'rpc', 2) + l.upper('storeWrite');
  const watch = l.upper('watchDelivery');
  const n = ctx.cluster.nodes.length;
  const evaluated = Math.min(n, numFeasibleNodesToFind(n, profilePercentageOfNodesToScore(o.scheduler)));
  const cycle = o.scheduler.thinkTime.perCycle + o.scheduler.thinkTime.perNode * evaluated;
  const c = o.apiClients;
  const throttle = 1000 * (2 * perRequest(c.controllerManager.qps) + perRequest(c.scheduler.qps) + perRequest(c.kubelet.qps));
  const placement =
    2 * (14 * write + 6 * watch + 1000 * cycle + throttle + o.scheduler.podMaxBackoff + o.scheduler.backoffFlushInterval + l.upper('taskStart'));
  const nl = o.nodeLifecycle;
  const tainting = nl.evictionRate > 0 ? Math.ceil(0.1 * n) * Math.round(1_000_000 / nl.evictionRate) : 0;
  const recovery = o.kubelet.leaseRenewInterval + nl.gracePeriod + nl.monitorPeriod + tainting + nl.defaultTolerationSeconds * 1_000_000 + placement;
  return engineBounds(placement, recovery);
}

/** The steady-state spacing of a client's requests at `qps` (0 without a limit), in virtual time. */
function perRequest(qps: number): number {
  return qps > 0 ? Math.ceil(1_000_000 / qps) : 0;
}

/** The registered engine. */
export const kubernetesEngine: EngineFactory<KubernetesOptions> = {
  name: 'kubernetes',
  description: 'Kubernetes: one API server/etcd store, level-triggered controllers on informers, kube-scheduler (filter/score plugins), kubelets with leases',
  parseOptions,
  referencedResources,
  extensions: { field: 'controller', check: checkKubeController },
  create: (ctx, options) => new KubernetesEngine(ctx, options),
};
