import { type PlacementConstraints } from '../../cluster/constraints.js';
import { fitsWithin, type Resources } from '../../cluster/resources.js';
import { type TaskLaunch } from '../../cluster/task.js';
import { type ServiceTemplate, type BatchTask, type Intent, type JobSubmitted } from '../../workload/intents.js';
import { addTime, millis, type SimTime } from '../../sim/time.js';
import { type Engine, type EngineBounds, type EngineContext, type EngineFactory, type NodeAgentApi } from '../engine.js';
import { FitIndex } from './fit-index.js';
import { insertPending, type PendingTask } from './pending-queue.js';
import { rolloutLimits } from './rollout-limits.js';
import { type OracleOptions, parseOracleOptions } from './options.js';

interface Instance {
  readonly task: TaskLaunch;
  readonly node: string;
  /** Service name, or undefined for a batch task. */
  readonly service?: string;
  readonly job?: string;
}

/** A submitted job the oracle still tracks. */
export interface Job {
  readonly spec: JobSubmitted['job'];
  readonly submitted: SimTime;
  remaining: number;
  running: number;
}

/**
 * The oracle: an omniscient control plane with zero decision time and zero message latency. It sees
 * the cluster's truth at every instant (machines that die, machines that boot), places by best fit,
 * replaces lost instances at once, and rolls out a new version as fast as the service's own
 * maxSurge / maxUnavailable allow. Only physics is left: the latency model's task start time. It is the lower bound every real
 * architecture is shown against ("how far from ideal"), not a stand-in for one.
 */
export class OracleEngine implements Engine {
  private readonly agents: NodeAgentApi[];
  private readonly fitIndex: FitIndex;
  private readonly up = new Map<string, boolean>();
  private readonly services = new Map<string, ServiceTemplate>();
  private readonly instances = new Map<string, Instance>();
  private readonly jobs = new Map<string, Job>();
  private pending: PendingTask[] = [];
  private readonly pendingReason = new Map<string, string>();
  private reconcileQueued = false;
  private nextId = 0;
  private nextSeq = 0;

  constructor(private readonly ctx: EngineContext) {
    this.agents = ctx.cluster.nodes.map((n) => ctx.cluster.agent(n.name));
    this.fitIndex = new FitIndex(this.agents, (n) => this.up.get(n) === true);
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
        const job: Job = { spec: intent.job, submitted: intent.time, remaining: intent.job.tasks.length, running: 0 };
        this.jobs.set(intent.job.name, job);
        insertPending(
          this.pending,
          intent.job.tasks.map((task) => ({ job, task, exitAs: task.firstAttempt, seq: this.nextSeq++ })),
        );
        break;
      }
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
    return { placementWithin: addTime(start, millis(1)), recoveryWithin: addTime(start, millis(1)) };
  }

  private onNodeChange(node: string, change: 'crashed' | 'booted'): void {
    this.up.set(node, change === 'booted');
    this.fitIndex.markDirtyByName(node);
    if (change === 'crashed') {
      for (const [id, inst] of [...this.instances]) {
        if (inst.node !== node) continue;
        this.instances.delete(id);
        if (inst.job === undefined) continue;
        (this.jobs.get(inst.job) as Job).running--;
        this.requeueBatch(inst, inst.task.exitAs ?? 'finished');
      }
    }
    this.queueReconcile();
  }

  /** Reconciles once per instant, after every same-time change has been taken in. */
  private queueReconcile(): void {
    if (this.reconcileQueued) return;
    this.reconcileQueued = true;
    this.ctx.after(0 as SimTime, () => {
      this.reconcileQueued = false;
      this.reconcile();
    });
  }

  private reconcile(): void {
    for (const service of this.services.values()) this.reconcileService(service);
    this.placeBatch();
  }

  /**
   * Drives a service to its desired state at once, except that a rollout keeps to the service's
   * maxSurge / maxUnavailable: new instances start up to the surge, and old ones stop only while
   * enough instances stay running.
   */
  private reconcileService(service: ServiceTemplate): void {
    const current: Instance[] = [];
    const old: Instance[] = [];
    for (const inst of this.instances.values()) {
      if (inst.service !== service.name) continue;
      (inst.task.version === service.version ? current : old).push(inst);
    }
    for (let i = current.length - 1; i >= service.replicas; i--) this.stop(current.pop() as Instance);
    const { surge, unavailable } = rolloutLimits(service.maxSurge, service.maxUnavailable, service.replicas);
    const isRunning = (inst: Instance): boolean => this.ctx.cluster.agent(inst.node).isRunning(inst.task.id);
    // Old instances go as long as enough instances keep running: not-yet-running ones first.
    old.sort((a, b) => Number(isRunning(a)) - Number(isRunning(b)));
    let available = current.filter(isRunning).length + old.filter(isRunning).length;
    const floor = Math.max(0, service.replicas - unavailable);
    const keptOld: Instance[] = [];
    for (const inst of old) {
      const running = isRunning(inst);
      const excess = current.length + old.length - keptOld.length > service.replicas;
      if (excess && (!running || available - 1 >= floor)) {
        this.stop(inst);
        if (running) available--;
      } else keptOld.push(inst);
    }
    const ceiling = service.replicas + (keptOld.length > 0 ? surge : 0);
    let missing = Math.min(service.replicas - current.length, ceiling - current.length - keptOld.length);
    while (missing > 0) {
      const task: TaskLaunch = {
        id: `${service.name}-${this.nextId++}`,
        workload: service.name,
        tenant: service.tenant,
        version: service.version,
        priority: service.priority,
        resources: service.resources,
      };
      if (!this.place(task, service.constraints, { service: service.name })) {
        this.notePending(service.name, undefined, `${missing} replica(s) do not fit on any node`);
        return;
      }
      missing--;
    }
    this.pendingReason.delete(service.name);
  }

  private placeBatch(): void {
    const still: PendingTask[] = [];
    // Demands that found no node in this pass, per constraints object: free room only shrinks during
    // the pass, so a task asking at least as much under the same constraints cannot fit either, and
    // skipping its search changes nothing (it still takes its id number and its pending note).
    const failed = new Map<PlacementConstraints, Resources[]>();
    for (const p of this.pending) {
      const limit = p.job.spec.parallelism ?? Number.POSITIVE_INFINITY;
      if (p.job.running < limit && dominatesFailure(failed.get(p.job.spec.constraints), p.task.resources)) {
        this.nextId++;
        still.push(p);
        this.notePending(p.job.spec.workload, p.task.key, 'no node has room for the task');
        continue;
      }
      const task: TaskLaunch = {
        id: `${p.task.key}.${this.nextId++}`,
        workload: p.job.spec.workload,
        tenant: p.job.spec.tenant,
        taskKey: p.task.key,
        priority: p.job.spec.priority,
        resources: p.task.resources,
        runFor: p.task.runFor,
        exitAs: p.exitAs,
      };
      if (p.job.running >= limit || !this.place(task, p.job.spec.constraints, { job: p.job.spec.name })) {
        still.push(p);
        if (p.job.running < limit) {
          noteFailure(failed, p.job.spec.constraints, p.task.resources);
          this.notePending(p.job.spec.workload, p.task.key, 'no node has room for the task');
        }
        continue;
      }
      p.job.running++;
    }
    this.pending = still;
  }

  private place(task: TaskLaunch, constraints: ServiceTemplate['constraints'], owner: { service?: string; job?: string }): boolean {
    const agent = this.fitIndex.best(task.resources, constraints, (a) => a.fits(task));
    if (!agent) return false;
    const inst: Instance = { task, node: agent.node.name, ...owner };
    this.instances.set(task.id, inst);
    this.ctx.emit({
      kind: 'task-placed',
      time: this.ctx.now(),
      taskId: task.id,
      workload: task.workload,
      tenant: task.tenant,
      node: agent.node.name,
      ...(task.taskKey !== undefined ? { taskKey: task.taskKey } : {}),
      ...(task.version !== undefined ? { version: task.version } : {}),
    });
    agent.launch(task, {
      onExit: (how) => this.onExit(inst, how),
      // A rollout waits for new instances to run before it stops more old ones.
      ...(owner.service !== undefined ? { onRunning: () => this.queueReconcile() } : {}),
    });
    this.fitIndex.markDirtyByName(agent.node.name);
    return true;
  }

  private stop(inst: Instance): void {
    this.instances.delete(inst.task.id);
    this.ctx.cluster.agent(inst.node).stop(inst.task.id);
    this.fitIndex.markDirtyByName(inst.node);
  }

  private onExit(inst: Instance, how: 'finished' | 'failed' | 'stopped'): void {
    this.fitIndex.markDirtyByName(inst.node);
    if (how === 'stopped') return; // we stopped it and already forgot it
    this.instances.delete(inst.task.id);
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
    const task = job.spec.tasks.find((t) => t.key === inst.task.taskKey) as BatchTask;
    insertPending(this.pending, [{ job, task, exitAs, seq: this.nextSeq++ }]);
  }

  private completeJob(job: Job): void {
    this.jobs.delete(job.spec.name);
    if (job.spec.sync) this.ctx.emit({ kind: 'client-informed', time: this.ctx.now(), job: job.spec.name, hops: 0 });
  }

  private notePending(workload: string, taskKey: string | undefined, reason: string): void {
    const key = taskKey ?? workload;
    if (this.pendingReason.get(key) === reason) return;
    this.pendingReason.set(key, reason);
    this.ctx.emit({ kind: 'task-pending', time: this.ctx.now(), workload, ...(taskKey !== undefined ? { taskKey } : {}), reason });
  }
}

/** The oracle engine's registration. */
export const oracleEngine: EngineFactory<OracleOptions> = {
  name: 'oracle',
  description: 'Omniscient, zero-latency best-fit control plane: the lower bound every architecture is compared with',
  parseOptions: parseOracleOptions,
  create: (ctx) => new OracleEngine(ctx),
};

/** True when `demand` asks at least as much as a demand that already found no node (no extended resources). */
function dominatesFailure(failures: readonly Resources[] | undefined, demand: Resources): boolean {
  if (failures === undefined || demand.ext) return false;
  for (const f of failures) if (fitsWithin(f, demand)) return true;
  return false;
}

/** Most failed demands kept per constraints object (only the smallest ones: none covers another). */
const MAX_FAILURES = 16;

function noteFailure(failed: Map<PlacementConstraints, Resources[]>, constraints: PlacementConstraints, demand: Resources): void {
  if (demand.ext) return;
  let list = failed.get(constraints);
  if (!list) failed.set(constraints, (list = []));
  // A demand at least as large as the new one tells nothing more: drop it, so the list keeps the
  // smallest failures (the new one is not covered by any kept one, or it would not have been tried).
  for (let i = list.length - 1; i >= 0; i--) if (fitsWithin(demand, list[i] as Resources)) list.splice(i, 1);
  if (list.length < MAX_FAILURES) list.push(demand);
}
