import { type Resources } from '../../cluster/resources.js';
import { type TaskExit, type TaskLaunch } from '../../cluster/task.js';
import { type ServiceTemplate, type BatchTask, type Intent, type JobSubmitted } from '../../intents/index.js';
import { millis, type SimTime } from '../../sim/time.js';
import { type MetricEvent } from '../../metrics/events.js';
import { type Engine, type EngineBounds, type EngineContext, type EngineFactory, type NodeAgentApi } from '../engine.js';
import { BatchPass } from './batch-pass.js';
import { placementRecord } from './explain-placement.js';
import { BatchTasks, engineBounds, FitIndex, InstantDiscovery, NodeLists, templateRolloutStep } from '../kit/index.js';
import { arrivalBlocks, PendingQueue } from './pending-queue.js';
import { Instance, type InstanceOwner, ServiceInstance } from './instance.js';
import { type OracleOptions, parseOracleOptions } from './options.js';
import { OracleLifecycle } from './lifecycle.js';

type TaskPlaced = Extract<MetricEvent, { kind: 'task-placed' }>;

/** A submitted job the oracle still tracks. */
export interface Job {
  readonly spec: JobSubmitted['job'];
  readonly submitted: SimTime;
  remaining: number;
  running: number;
  /** Whether a batch pass has tried the job yet (its first try is its `job-considered`). */
  considered: boolean;
}

/**
 * The oracle: an omniscient control plane with zero decision time and zero message latency. It sees
 * the cluster's truth at every instant (machines that die, machines that boot), places by best fit,
 * replaces lost instances at once, and rolls out a new version as fast as the service's own
 * maxSurge / maxUnavailable allow. Only physics is left: the latency model's task start time. It is the lower bound every real
 * architecture is shown against ("how far from ideal"), not a stand-in for one.
 */
export class OracleEngine implements Engine, InstanceOwner {
  private readonly agents: NodeAgentApi[];
  private readonly fitIndex: FitIndex;
  private readonly up = new Map<string, boolean>();
  private readonly services = new Map<string, ServiceTemplate>();
  /** Placed instances per node (see {@link NodeLists}), and the service instances by id, in placement order. */
  private readonly onNode: NodeLists<Instance>;
  private readonly serviceInstances = new Map<string, Instance>();
  private readonly jobs = new Map<string, Job>();
  private readonly pending = new PendingQueue();
  private readonly pendingReason = new Map<string, string>();
  /** Scenario index of each node. */
  private readonly indexOf = new Map<string, number>();
  /** The batch placement pass, and the nodes grown since the last one. */
  private readonly batch: BatchPass;
  /** Service discovery of services that take requests: instant (the lower bound). */
  private readonly discovery: InstantDiscovery;
  private reconcileQueued = false;
  /** The scenario index of the node {@link place} chose last. */
  private placedIndex = -1;
  private nextId = 0;
  /** Dependency order, configs, restarts and one-off tasks (lifecycle.ts). */
  private readonly lifecycle: OracleLifecycle;

  constructor(private readonly ctx: EngineContext) {
    this.discovery = new InstantDiscovery(ctx);
    this.agents = ctx.cluster.nodes.map((n) => ctx.cluster.agent(n.name));
    this.fitIndex = new FitIndex(this.agents, (n) => this.up.get(n) === true);
    this.agents.forEach((a, i) => this.indexOf.set(a.node.name, i));
    this.onNode = new NodeLists(this.agents.length);
    this.lifecycle = new OracleLifecycle(ctx, () => this.queueReconcile());
    this.batch = new BatchPass({
      agents: this.agents,
      pending: this.pending,
      isUp: (n) => this.up.get(n) === true,
      place: (task, constraints, owner, batch, same) => this.place(task, constraints, owner, batch, same),
      placedIndex: () => this.placedIndex,
      noteBatchPending: (workload, taskKey) => this.noteBatchPending(workload, taskKey),
      jobConsidered: (job) => this.ctx.emit({ kind: 'job-considered', time: this.ctx.now(), job }),
    });
  }

  start(): void {
    for (const agent of this.agents) {
      const name = agent.node.name;
      this.up.set(name, true);
      agent.onLifecycle((change) => this.onNodeChange(name, change));
    }
  }

  submit(intent: Intent): void {
    switch (intent.kind) {
      case 'service-declared':
        this.services.set(intent.service.name, intent.service);
        if (intent.service.endpoints) this.discovery.declare(intent.service.name);
        this.lifecycle.declared(intent.service);
        break;
      case 'service-scaled': {
        const s = this.services.get(intent.service);
        if (s) this.services.set(s.name, { ...s, replicas: intent.replicas });
        break;
      }
      case 'service-rollout': {
        const s = this.services.get(intent.service);
        if (s) this.services.set(s.name, { ...s, version: intent.version, resources: intent.resources ?? s.resources });
        break;
      }
      case 'job-submitted': {
        const job: Job = { spec: intent.job, submitted: intent.time, remaining: new BatchTasks(intent.job).count, running: 0, considered: false };
        this.jobs.set(intent.job.name, job);
        this.pending.add(arrivalBlocks(job));
        break;
      }
      case 'config-changed':
        this.lifecycle.configChanged(intent, (s) => this.instancesOf(s));
        break;
      case 'service-restart':
        this.lifecycle.restart(intent);
        break;
      case 'run-once-per-node':
        this.lifecycle.runOnce(intent, (n) => this.up.get(n) === true);
        break;
    }
    this.queueReconcile();
  }

  controlPlaneFault(): void {
    // The oracle has no components that can fail; the fault is counted and otherwise ignored.
    this.ctx.emit({ kind: 'counter', time: this.ctx.now(), name: 'control-plane-fault-ignored', by: 1 });
  }

  bounds(): EngineBounds {
    // Zero decision and message time: a task runs one task start after its submission.
    const start = this.ctx.latency.upper('taskStart');
    return engineBounds(start + millis(1), start + millis(1));
  }

  private onNodeChange(node: string, change: 'crashed' | 'booted'): void {
    this.up.set(node, change === 'booted');
    this.fitIndex.markDirtyByName(node);
    if (change === 'booted') this.grow(node);
    if (change === 'crashed') {
      this.lifecycle.nodeCrashed(node);
      for (const inst of this.onNode.on(this.indexOf.get(node) as number)) {
        this.forget(inst);
        if (inst.job === undefined) continue;
        (this.jobs.get(inst.job) as Job).running--;
        this.requeueBatch(inst, inst.task.exitAs ?? 'finished');
      }
    }
    this.queueReconcile();
  }

  /** Reconciles once per instant, after every same-time change has been taken in (service instances call it once running). */
  queueReconcile(): void {
    if (this.reconcileQueued) return;
    this.reconcileQueued = true;
    this.ctx.after(0 as SimTime, () => {
      this.reconcileQueued = false;
      this.reconcile();
    });
  }

  private reconcile(): void {
    for (const service of this.services.values()) this.reconcileService(service);
    this.lifecycle.launchOneOffs(
      (n) => this.up.get(n) === true,
      (task, node, done) => this.launchOneOff(task, node, done),
    );
    this.nextId = this.batch.run(this.nextId);
    this.lifecycle.finishDone(this.services, (s) => this.instancesOf(s));
  }

  /** The app of a service instance became ready or not: dependents may start, a rollout may go on. */
  readinessChanged(inst: Instance, ready: boolean): void {
    if (inst.service !== undefined) this.lifecycle.readiness(inst.service, inst.task.id, ready);
  }

  /** The live instances of a service, in placement order. */
  private instancesOf(service: string): Instance[] {
    return [...this.serviceInstances.values()].filter((inst) => inst.service === service);
  }

  /** Launches a one-off task straight onto its node if it fits there now; `done` runs when it ends. */
  private launchOneOff(task: TaskLaunch, node: string, done: () => void): boolean {
    const agent = this.ctx.cluster.agent(node);
    if (!agent.fits(task)) return false;
    const i = this.indexOf.get(node) as number;
    this.ctx.emit({ kind: 'task-placed', time: this.ctx.now(), taskId: task.id, workload: task.workload, tenant: task.tenant, taskKey: task.taskKey, node });
    agent.launch(task, {
      onExit: () => {
        this.fitIndex.markDirty(i);
        this.batch.grow(i);
        done();
      },
    });
    this.fitIndex.markDirty(i);
    return true;
  }

  /**
   * Drives a service to its desired state at once, except that a rollout keeps to the service's
   * maxSurge / maxUnavailable, spending both at every instant (see {@link templateRolloutStep}).
   */
  private reconcileService(service: ServiceTemplate): void {
    const current: Instance[] = [];
    const old: Instance[] = [];
    for (const inst of this.serviceInstances.values()) {
      if (inst.service !== service.name) continue;
      (inst.task.version === service.version && this.lifecycle.isCurrent(service, inst) ? current : old).push(inst);
    }
    for (let i = current.length - 1; i >= service.replicas; i--) this.stop(current.pop() as Instance);
    const available = service.lifecycle
      ? (inst: Instance) => this.lifecycle.isAvailable(inst)
      : (inst: Instance) => this.ctx.cluster.agent(inst.node).isRunning(inst.task.id);
    const step = templateRolloutStep(service, current, old, available);
    for (const inst of step.stop) this.stop(inst);
    let missing = step.start;
    if (missing > 0 && !this.lifecycle.mayStart(service)) {
      this.noteServicePending(service.name, `${missing} replica(s) wait for their dependencies to be ready`);
      return;
    }
    while (missing > 0) {
      const plain: TaskLaunch = {
        id: `${service.name}-${this.nextId++}`,
        workload: service.name,
        tenant: service.tenant,
        version: service.version,
        priority: service.priority,
        resources: service.resources,
      };
      const task = service.lifecycle ? { ...plain, ...this.lifecycle.launchFields(service) } : plain;
      if (this.place(task, service.constraints, { service: service.name }) === undefined) {
        this.noteServicePending(service.name, `${missing} replica(s) do not fit on any node`);
        return;
      }
      this.lifecycle.placed(service, task.id);
      missing--;
    }
    this.pendingReason.delete(service.name);
  }

  /** Notes that a node may have gained room (an instance ended or was stopped, or it booted). */
  private grow(node: string): void {
    this.batch.grow(this.indexOf.get(node) as number);
  }

  /**
   * Places a task by best fit; returns the node, or undefined when none has room. `same` is the node
   * the previous task of the same demand and constraints went to, with nothing else changed since: if
   * it still has room it is the best fit again (see {@link stillBest}).
   */
  private place(
    task: TaskLaunch,
    constraints: ServiceTemplate['constraints'],
    owner: { service?: string; job?: string },
    batch?: BatchTask,
    same?: NodeAgentApi,
  ): NodeAgentApi | undefined {
    const agent =
      same !== undefined && stillBest(same, task.resources) && same.fits(task) ? same : this.fitIndex.best(task.resources, constraints, (a) => a.fits(task));
    if (!agent) return undefined;
    // Built field by field (no spread copies: this runs once per placed instance).
    const name = agent.node.name;
    const i = this.indexOf.get(name) as number;
    this.placedIndex = i;
    const inst =
      owner.service !== undefined
        ? new ServiceInstance(this, task, name, i, owner.service, owner.job, batch)
        : new Instance(this, task, name, i, owner.service, owner.job, batch);
    if (inst.service !== undefined) this.serviceInstances.set(task.id, inst);
    this.onNode.add(inst);
    const placed: { -readonly [K in keyof TaskPlaced]: TaskPlaced[K] } = {
      kind: 'task-placed',
      time: this.ctx.now(),
      taskId: task.id,
      workload: task.workload,
      tenant: task.tenant,
      node: agent.node.name,
    };
    if (task.taskKey !== undefined) placed.taskKey = task.taskKey;
    if (task.version !== undefined) placed.version = task.version;
    if (this.ctx.explain)
      this.ctx.emit({
        kind: 'explain',
        time: placed.time,
        record: placementRecord(task, agent, this.agents, (n) => this.up.get(n) === true, constraints, this.ctx.explainLevel),
      });
    this.ctx.emit(placed);
    agent.launch(task, inst);
    this.fitIndex.markDirty(i);
    return agent;
  }

  /** Drops an instance from the oracle's books (it stopped, ended or was lost). */
  private forget(inst: Instance): void {
    this.onNode.remove(inst);
    if (inst.service === undefined) return;
    this.serviceInstances.delete(inst.task.id);
    this.discovery.gone(inst.service, inst.task.id);
    this.lifecycle.forget(inst.service, inst.task.id);
  }

  /** A service instance runs: the oracle knows at once, and so do its callers (InstantDiscovery). */
  serviceRunning(inst: Instance): void {
    if (inst.service !== undefined) this.discovery.running(inst.service, inst.task.id);
  }

  private stop(inst: Instance): void {
    this.forget(inst);
    this.ctx.cluster.agent(inst.node).stop(inst.task.id);
    this.fitIndex.markDirtyByName(inst.node);
    this.grow(inst.node);
  }

  /** An instance ended (its listener calls this). */
  exited(inst: Instance, how: TaskExit): void {
    this.fitIndex.markDirty(inst.nodeIndex);
    this.batch.grow(inst.nodeIndex);
    if (how === 'stopped') return; // we stopped it and already forgot it
    this.forget(inst);
    if (inst.job !== undefined) {
      const job = this.jobs.get(inst.job) as Job;
      job.running--;
      if (how === 'failed') this.requeueBatch(inst, 'finished');
      else if (--job.remaining === 0) this.completeJob(job);
    }
    this.queueReconcile();
  }

  /** Puts a batch task back in the queue; the caller has already released its running slot. */
  private requeueBatch(inst: Instance, exitAs: 'finished' | 'failed'): void {
    const job = this.jobs.get(inst.job as string) as Job;
    const task = inst.batch as BatchTask;
    this.pending.add([{ job, tasks: BatchTasks.list(job.spec.name, [task]), from: 0, to: 1, exitAs, resources: task.resources, noted: false, untried: true }]);
  }

  private completeJob(job: Job): void {
    this.jobs.delete(job.spec.name);
    if (job.spec.sync) this.ctx.emit({ kind: 'client-informed', time: this.ctx.now(), job: job.spec.name, hops: 0 });
  }

  /**
   * Tells the observer why a service is short of replicas. The observer keeps the last reason per key,
   * so a note equal to the last one sent for its key can be left out: `pendingReason` holds the last
   * one per service. A service name with `#` could be a batch task's key (`job#i`), whose notes are not
   * in that map: such a note always goes out and makes every block note its instances again.
   */
  private noteServicePending(service: string, reason: string): void {
    if (service.includes('#')) this.batch.touchNotes();
    else if (this.pendingReason.get(service) === reason) return;
    this.pendingReason.set(service, reason);
    this.ctx.emit({ kind: 'task-pending', time: this.ctx.now(), workload: service, reason });
  }

  /** Tells the observer why a batch task waits (its block sends it once: see `PendingBlock.noted` in pending-queue.ts). */
  private noteBatchPending(workload: string, taskKey: string): void {
    this.ctx.emit({ kind: 'task-pending', time: this.ctx.now(), workload, taskKey, reason: 'no node has room for the task' });
  }
}

/** The oracle engine's registration. */
export const oracleEngine: EngineFactory<OracleOptions> = {
  name: 'oracle',
  description: 'Omniscient, zero-latency best-fit control plane: the lower bound every architecture is compared with',
  parseOptions: parseOracleOptions,
  create: (ctx) => new OracleEngine(ctx),
};

/**
 * True when a node that was the best fit for `demand` and then took it is still the best for the same
 * demand if it has room left: every other node is unchanged and left at least as much as it did, and
 * its own leftover fell by the demand's share of it (a drop far above the ~1e-15 rounding of the
 * scores), or stayed the same for an empty demand (same choice again).
 */
function stillBest(node: NodeAgentApi, demand: Resources): boolean {
  const cap = node.node.allocatable;
  const share = (cap.cpu > 0 ? demand.cpu / cap.cpu : 0) + (cap.memory > 0 ? demand.memory / cap.memory : 0) + (cap.gpu > 0 ? demand.gpu / cap.gpu : 0);
  return share === 0 || share > 1e-9;
}
