import { type EngineContext } from '../../engine.js';
import { decide, decisionTime } from '../../kit/index.js';
import { type Rng } from '../../../sim/rng.js';
import { type SimDuration } from '../../../sim/time.js';
import { isTerminal, keyOf, type KObject, type NodeObject, type Pod, withResourceVersion } from '../objects.js';
import { ApiClient, type ClientLimit } from '../store/api-client.js';
import { type ApiServer } from '../store/api-server.js';
import { Informer } from '../store/informer.js';
import { candidatesToList, decisionRecord } from './decision-record.js';
import { type CycleResult, type CycleState, type Profile, scheduleCycle } from './framework.js';
import { podInfoOf } from './pod-info.js';
import { preempt } from './preemption.js';
import { SchedulerCache } from './scheduler-cache.js';
import { type QueueConfig, SchedulingQueue } from './scheduling-queue.js';
import { type PodInfo } from './types.js';

/** The scheduler's configuration: queue timings, the profile, preemption and think time. */
export interface SchedulerConfig {
  readonly queue: QueueConfig;
  readonly profile: Profile;
  readonly preemption: boolean;
  readonly minCandidateNodesPercentage: number;
  readonly minCandidateNodesAbsolute: number;
  readonly thinkPerCycle: SimDuration;
  readonly thinkPerNode: SimDuration;
  /** `clientConnection` qps/burst: the scheduler's client-side limit on its writes (bindings, status patches). */
  readonly clientLimit: ClientLimit;
}

const ME = '@kube-scheduler';

/**
 * kube-scheduler: watches pods and nodes, keeps its cache and queue, and runs one scheduling cycle
 * at a time. Each cycle costs think time (per cycle + per node evaluated) in virtual time, then
 * assumes the pod on the chosen node and writes the binding asynchronously; a failed binding
 * forgets the assumed pod and backs off. Unschedulable pods may trigger DefaultPreemption.
 */
export class KubeScheduler {
  private readonly cache = new SchedulerCache();
  private readonly queue: SchedulingQueue;
  private readonly pods: Informer<'Pod'>;
  private readonly nodes: Informer<'Node'>;
  private stopped = false;
  private readonly state: CycleState = { nextStartNodeIndex: 0 };
  private busy = false;
  private wakeScheduled = false;
  private readonly lastReason = new Map<string, string>();
  private readonly nominated = new Map<string, PodInfo>();
  /**
   * Uids of the victims this scheduler has sent a DELETE for. Upstream's `prepareCandidate` makes
   * that call synchronously inside the preempting cycle, so every later cycle sees the victim with
   * its `deletionTimestamp`; here the call and its watch event lag by milliseconds, so the scheduler
   * keeps its own record and treats these pods as terminating until they are gone.
   */
  private readonly preempted = new Set<string>();
  private readonly client: ApiClient;
  /** The uid of the Job of the last pod popped (see {@link considered}). */
  private lastConsidered: string | undefined;

  constructor(
    private readonly ctx: EngineContext,
    private readonly api: ApiServer,
    private readonly config: SchedulerConfig,
    private readonly rng: Rng,
  ) {
    this.queue = new SchedulingQueue(ctx, config.queue, () => this.wake());
    this.client = new ApiClient(ctx, api, ME, 'kube-scheduler', config.clientLimit);
    const nodes = new Informer(api, 'Node', ME);
    this.nodes = nodes;
    nodes.addHandlers({
      onAdd: (n) => this.nodeChanged(n),
      onUpdate: (_old, n) => this.nodeChanged(n),
      onDelete: (n) => this.cache.removeNode(n.meta.name),
    });
    this.pods = new Informer(api, 'Pod', ME);
    this.pods.addHandlers({
      onAdd: (p, key) => this.podChanged(p, key),
      onUpdate: (_old, p, key) => this.podChanged(p, key),
      onDelete: (p, key) => this.podGone(key, p.meta.uid),
    });
  }

  /**
   * The process dies: watches close, queue and cache are lost, cycles in progress are dropped (an
   * assumed pod whose binding was not written stays pending). A successor builds everything anew.
   */
  stop(): void {
    this.stopped = true;
    this.client.close();
    this.pods.stop(this.api);
    this.nodes.stop(this.api);
  }

  /** Queue sizes (tests). */
  queueSizes(): ReturnType<SchedulingQueue['sizes']> {
    return this.queue.sizes();
  }

  /** Pending pods with a nominated node, by node (the scheduler's nominator). */
  private nominatedPods(): ReadonlyMap<string, readonly PodInfo[]> | undefined {
    if (this.nominated.size === 0) return undefined;
    const byNode = new Map<string, PodInfo[]>();
    for (const p of this.nominated.values()) {
      const list = byNode.get(p.nominatedNodeName as string) ?? [];
      list.push(p);
      byNode.set(p.nominatedNodeName as string, list);
    }
    return byNode;
  }

  private nodeChanged(n: NodeObject): void {
    for (const event of this.cache.upsertNode(n)) this.queue.onClusterEvent(event);
  }

  private podChanged(p: Pod, key: string): void {
    // The nominator: kept from our own preemption decision until the pod binds or goes away.
    if (p.spec.nodeName !== undefined || p.meta.deletionTimestamp !== undefined || isTerminal(p)) this.nominated.delete(key);
    else if (p.status.nominatedNodeName !== undefined) this.nominated.set(key, podInfoOf(p, key));
    if (p.spec.nodeName !== undefined) {
      this.queue.delete(key);
      if (isTerminal(p)) this.releasePod(key);
      else this.cache.addPod(this.viewOf(p, key), p.spec.nodeName);
      return;
    }
    if (p.meta.deletionTimestamp !== undefined || isTerminal(p)) {
      this.queue.delete(key);
      return;
    }
    this.queue.update(podInfoOf(p, key));
  }

  /** A bound pod as the cache keeps it: terminating once its graceful delete started or this scheduler preempted it. */
  private viewOf(p: Pod, key: string): PodInfo {
    const info = podInfoOf(p, key);
    return this.preempted.has(p.meta.uid) && info.terminating !== true ? { ...info, terminating: true } : info;
  }

  private podGone(key: string, uid: string): void {
    this.preempted.delete(uid);
    this.nominated.delete(key);
    this.queue.delete(key);
    this.lastReason.delete(key);
    this.releasePod(key);
  }

  private releasePod(key: string): void {
    if (this.cache.removePod(key)) this.queue.onClusterEvent('AssignedPodDelete');
  }

  private wake(): void {
    if (this.stopped || this.busy || this.wakeScheduled) return;
    this.wakeScheduled = true;
    this.ctx.after(0 as SimDuration, () => {
      this.wakeScheduled = false;
      this.runCycle();
    });
  }

  private runCycle(): void {
    if (this.busy) return;
    const q = this.queue.pop();
    if (!q) return;
    const pod = this.pods.get(q.key);
    if (!pod || pod.spec.nodeName !== undefined || pod.meta.deletionTimestamp !== undefined) {
      this.queue.done(q.key);
      this.wake();
      return;
    }
    this.considered(pod);
    const info = this.withOwnNomination(podInfoOf(pod, q.key));
    const nominated = this.nominatedPods();
    const result = scheduleCycle(
      info,
      this.cache.nodes,
      this.config.profile,
      this.state,
      this.rng,
      candidatesToList(this.ctx.explain, this.ctx.explainLevel),
      nominated,
      this.cache.columns,
    );
    let evaluated = result.evaluated;
    let victims: { node: string; pods: readonly PodInfo[] } | undefined;
    if (result.kind === 'unschedulable' && this.config.preemption) {
      const pr = preempt(
        info,
        this.cache.nodes,
        result.rejections,
        this.config.minCandidateNodesPercentage,
        this.config.minCandidateNodesAbsolute,
        this.rng,
        nominated,
        (pr) => this.cache.hasPodBelow(pr),
      );
      evaluated += pr.examined;
      if (pr.kind === 'preempt') victims = { node: pr.candidate.node, pods: pr.candidate.victims };
    }
    const think = decisionTime(this.config.thinkPerCycle, this.config.thinkPerNode, evaluated);
    this.busy = true;
    if (this.ctx.explain) this.explain(pod, result, victims, think);
    decide(this.ctx, 'kube-scheduler', think, () => {
      if (this.stopped) return;
      this.busy = false;
      this.finish(pod, info, result, victims);
      this.wake();
    });
  }

  /**
   * The pod with the node this scheduler nominated for it. Upstream writes `nominatedNodeName`
   * synchronously when a cycle ends in preemption (`handleSchedulingFailure` → `updatePod`), so the
   * pod's next cycle reads it (`PodEligibleToPreemptOthers`); here the patch may still be in flight.
   */
  private withOwnNomination(info: PodInfo): PodInfo {
    const node = this.nominated.get(info.key)?.nominatedNodeName;
    return node === undefined || node === info.nominatedNodeName ? info : { ...info, nominatedNodeName: node };
  }

  /**
   * A Job's pod popped for a cycle: the scheduler starts deciding about the job (`job-considered`; the
   * observer keeps the first per job). Pods of one Job mostly leave the queue in a row, so only a
   * change of Job is sent.
   */
  private considered(pod: Pod): void {
    const owner = pod.meta.owner;
    if (owner?.kind !== 'Job' || owner.uid === this.lastConsidered) return;
    this.lastConsidered = owner.uid;
    this.ctx.emit({ kind: 'job-considered', time: this.ctx.now(), job: owner.name });
  }

  private finish(pod: Pod, info: PodInfo, result: CycleResult, victims: { node: string; pods: readonly PodInfo[] } | undefined): void {
    const key = info.key;
    if (result.kind === 'placed') {
      if (!this.cache.node(result.node)) {
        this.queue.errorAttempt(key);
        return;
      }
      this.cache.addPod(info, result.node, true);
      // `assume` → `DeleteNominatedPodIfExists`: the assumed pod now counts on its node, so it must
      // stop counting as nominated there too (else other pods' filters count it twice).
      this.nominated.delete(key);
      this.bind(pod, info, result.node);
      return;
    }
    const rejectors = new Set<string>();
    for (const r of result.rejections.values()) rejectors.add(r.plugin);
    if (victims) this.evict(pod, victims);
    this.queue.unschedulableAttempt(key, rejectors);
    if (this.lastReason.get(key) !== result.reason) {
      this.lastReason.set(key, result.reason);
      this.ctx.emit({
        kind: 'task-pending',
        time: this.ctx.now(),
        workload: pod.spec.workload,
        ...(pod.spec.taskKey !== undefined ? { taskKey: pod.spec.taskKey } : {}),
        reason: result.reason,
      });
      const message = result.reason;
      this.client.request('pod-status-unschedulable', {
        verb: 'patch',
        kind: 'Pod',
        key,
        mutate: (cur) => (cur.kind !== 'Pod' || cur.spec.nodeName !== undefined ? cur : { ...cur, status: { ...cur.status, unschedulableMessage: message } }),
      });
    }
  }

  /** Binding: a write of `spec.nodeName`, committed by the store; `task-placed` is emitted at the commit. */
  private bind(pod: Pod, info: PodInfo, node: string): void {
    const key = info.key;
    const committed = (r: { kind: string; obj?: KObject | undefined }): void => {
      if (r.kind !== 'ok') return;
      this.ctx.emit({
        kind: 'task-placed',
        time: this.ctx.now(),
        taskId: pod.meta.name,
        workload: pod.spec.workload,
        tenant: pod.spec.tenant,
        ...(pod.spec.taskKey !== undefined ? { taskKey: pod.spec.taskKey } : {}),
        ...(pod.spec.version !== undefined ? { version: pod.spec.version } : {}),
        node,
      });
    };
    this.client.request(
      'pod-binding',
      {
        verb: 'patch',
        kind: 'Pod',
        key,
        mutate: (cur, resourceVersion) => {
          if (cur.kind !== 'Pod' || cur.meta.uid !== pod.meta.uid) return { reject: 'pod was recreated' };
          if (cur.spec.nodeName !== undefined) return { reject: `pod is already assigned to node ${cur.spec.nodeName}` };
          if (cur.meta.deletionTimestamp !== undefined) return { reject: 'pod is being deleted' };
          const { nominatedNodeName: _n, unschedulableMessage: _m, ...status } = cur.status;
          // The stored pod, stamped here (a Pod has exactly these members): one copy, not two.
          return { kind: cur.kind, meta: withResourceVersion(cur.meta, resourceVersion), spec: { ...cur.spec, nodeName: node }, status };
        },
        stamped: true,
      },
      (r) => {
        if (this.stopped) return;
        if (r.kind === 'ok') {
          this.queue.done(key);
          this.lastReason.delete(key);
          return;
        }
        if (this.cache.isAssumed(key)) this.cache.removePod(key);
        this.queue.errorAttempt(key);
      },
      committed,
    );
  }

  /**
   * DefaultPreemption's outcome: delete the victims and nominate the node for the preemptor. A victim
   * already terminating (another preemptor's victim still on its node, picked again because it still
   * holds its room) gets no second DELETE and is not counted again, as upstream's `prepareCandidate`
   * skips victims with a `deletionTimestamp` ("Graceful pod deletion has already started").
   */
  private evict(preemptor: Pod, victims: { node: string; pods: readonly PodInfo[] }): void {
    for (const v of victims.pods) {
      if (v.terminating === true || this.preempted.has(v.uid)) continue;
      this.preempted.add(v.uid);
      this.cache.markTerminating(v.key);
      this.ctx.emit({ kind: 'counter', time: this.ctx.now(), name: 'preemption-victim', by: 1 });
      this.client.request('pod-preempt', { verb: 'delete', kind: 'Pod', key: v.key, uid: v.uid });
    }
    const node = victims.node;
    // `AddNominatedPod`: the scheduler counts the nomination at once, before the API call.
    this.nominated.set(keyOf(preemptor), { ...podInfoOf(preemptor), nominatedNodeName: node });
    this.client.request('pod-status-nominated', {
      verb: 'patch',
      kind: 'Pod',
      key: keyOf(preemptor),
      mutate: (cur) => (cur.kind !== 'Pod' || cur.spec.nodeName !== undefined ? cur : { ...cur, status: { ...cur.status, nominatedNodeName: node } }),
    });
  }

  /** The explain.jsonl record of one cycle (decision-record.ts). */
  private explain(pod: Pod, result: CycleResult, victims: { node: string; pods: readonly PodInfo[] } | undefined, think: SimDuration): void {
    this.ctx.emit({ kind: 'explain', time: this.ctx.now(), record: decisionRecord(pod.meta.name, result, victims, think, this.ctx.explainLevel) });
  }
}
