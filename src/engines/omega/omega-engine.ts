import { type TaskLaunch } from '../../cluster/task.js';
import { type Intent, type ServiceTemplate } from '../../intents/index.js';
import { type SimTime } from '../../sim/time.js';
import { type EngineEvent } from '../../metrics/events.js';
import { type Engine, type EngineBounds, type EngineContext, type EngineFactory } from '../engine.js';
import {
  engineBounds,
  type ModelSwitch,
  NamingServiceDiscovery,
  reportUnexpressedLifecycle,
  reportUnsupported,
  withOmegaPaperModel,
  worstHops,
} from '../kit/index.js';
import { CELL_STATE, type InstanceEnd, MachineAgent } from './agents/machine-agent.js';
import { CellState, type Claim } from './cell/cell-state.js';
import { MachineMonitor } from './cell/machine-monitor.js';
import { checkTransaction, type CommitVerdict, type PlannedClaim } from './cell/transaction.js';
import { transactionRecord } from './explain-transaction.js';
import { type OmegaOptions, parseOmegaOptions } from './options.js';
import { type CommitPath } from './scheduler/omega-scheduler.js';
import { SchedulerSet } from './scheduler/scheduler-set.js';
import { type WorkItem } from './scheduler/work-item.js';
import { BatchJob } from './workloads/batch-job.js';
import { Service } from './workloads/service.js';
import { type BatchClaim, type OmegaClaimOwner, type WorkHost } from './workloads/work-host.js';

/** Where the harness's clients sit on the network (they submit work and wait for synchronous jobs). */
const CLIENT = '@client';

/**
 * Omega ([O] §3.4): a shared cell state, no central allocator, and several schedulers (one per workload
 * type or per tenant, `schedulersPerGroup` each) that each place on a private copy of the state and
 * commit their claims as optimistic transactions, with conflict detection by resource fit or by
 * per-machine sequence numbers and incremental or all-or-nothing commits. Machine health reaches the
 * shared state through polls of each machine's agent, as in Borg, whose cell state Omega shares.
 */
class OmegaEngine implements Engine, WorkHost {
  private readonly cell: CellState<BatchClaim, Service>;
  private readonly agents: MachineAgent[];
  private readonly monitor: MachineMonitor<BatchClaim, Service>;
  private readonly schedulers: SchedulerSet;
  private readonly services = new Map<string, Service>();
  private seq = 0;
  /** Borg's naming (BNS in Chubby), written from the cell state, for services that take requests. */
  private readonly discovery: NamingServiceDiscovery;

  constructor(
    private readonly ctx: EngineContext,
    private readonly options: OmegaOptions,
  ) {
    this.cell = new CellState(ctx.cluster.nodes);
    this.discovery = new NamingServiceDiscovery(ctx, CELL_STATE);
    this.monitor = new MachineMonitor(ctx, this.cell, options.pollPeriod, options.missedPollsBeforeDown, {
      running: (c) => this.claimRunning(c),
      ended: (c, how) => this.claimEnded(c, how),
      lost: (claims, why) => this.claimsLost(claims, why),
    });
    this.agents = ctx.cluster.nodes.map((n, i) => new MachineAgent(ctx, n.name, i, this.monitor));
    this.schedulers = new SchedulerSet(ctx, this.cell, options, this.commit);
  }

  start(): void {
    for (const a of this.agents) a.start();
    this.monitor.start(this.agents);
  }

  submit(intent: Intent): void {
    // The client's request reaches the cell state (one rpc), where the schedulers find it.
    this.ctx.net.send('rpc', CLIENT, CELL_STATE, intent.kind, () => this.accept(intent));
  }

  controlPlaneFault(): void {
    // Omega's schedulers and cell state are not modelled as failing components: the fault is counted and ignored.
    this.ctx.emit({ kind: 'counter', time: this.ctx.now(), name: 'control-plane-fault-ignored', by: 1 });
  }

  bounds(): EngineBounds {
    const o = this.options;
    const l = this.ctx.latency;
    const think = this.schedulers.longestThink(100);
    // Submit, commit result, launch: rpc hops; the commit is a store write; an item may wait for one decision ahead of it.
    const commit = worstHops(l, 'rpc', 3) + l.upper('storeWrite') + 2 * think;
    const placementWithin = commit + o.retryDelay + l.upper('taskStart') + 1_000_000;
    const detect = o.pollPeriod * (o.missedPollsBeforeDown + 1) + worstHops(l, 'rpc', 1) + l.upper('heartbeat');
    return engineBounds(placementWithin, detect + o.retryDelay + commit + think + l.upper('taskStart') + 1_000_000);
  }

  private accept(intent: Intent): void {
    switch (intent.kind) {
      case 'service-declared': {
        reportUnexpressedLifecycle(this.ctx, intent.service);
        const s = new Service(intent.service, this);
        this.services.set(intent.service.name, s);
        if (intent.service.endpoints) this.discovery.declare(intent.service.name);
        s.reconcile();
        return;
      }
      case 'service-scaled':
        this.services.get(intent.service)?.update({ ...this.template(intent.service), replicas: intent.replicas });
        return;
      case 'service-rollout': {
        const t = this.services.has(intent.service) ? this.template(intent.service) : undefined;
        if (t) this.services.get(intent.service)?.update({ ...t, version: intent.version, resources: intent.resources ?? t.resources });
        return;
      }
      case 'job-submitted':
        this.enqueue(new BatchJob(intent.job, intent.time, this));
        return;
      case 'config-changed':
      case 'service-restart':
      case 'run-once-per-node':
        return reportUnsupported(this.ctx, intent);
    }
  }

  private template(name: string): ServiceTemplate {
    return (this.services.get(name) as Service).template;
  }

  /** Sends a transaction to the cell state (a store write), checks it there, and returns the verdict to the scheduler (an rpc). */
  private readonly commit: CommitPath = <T>(
    scheduler: string,
    planned: readonly PlannedClaim<T>[],
    item: WorkItem<T>,
    copiedAt: SimTime,
    done: (verdict: CommitVerdict<T>) => void,
  ) => {
    this.ctx.net.send('storeWrite', `@${scheduler}`, CELL_STATE, 'commit', () => {
      const o = this.options;
      const verdict = checkTransaction(this.cell, planned, o.conflictMode, o.transactionMode);
      if (this.ctx.explain) {
        const context = { scheduler, item: item.name, copiedAt, conflictMode: o.conflictMode, transactionMode: o.transactionMode };
        this.ctx.emit({
          kind: 'explain',
          time: this.ctx.now(),
          record: transactionRecord(context, planned, verdict, this.cell.machines, (m) => this.cell.seq(m)),
        });
      }
      for (const c of verdict.accepted) item.placed(c);
      this.ctx.net.send('rpc', CELL_STATE, `@${scheduler}`, 'commit-result', () => done(verdict));
    });
  };

  // WorkHost

  now(): SimTime {
    return this.ctx.now();
  }

  emit(event: EngineEvent): void {
    this.ctx.emit(event);
  }

  nextId(): number {
    return ++this.seq;
  }

  enqueue(item: WorkItem<unknown>): void {
    this.schedulers.forItem(item).enqueue(item);
  }

  launch(machine: number, task: TaskLaunch, owner: OmegaClaimOwner): void {
    const now = this.ctx.now();
    this.cell.add({ id: task.id, machine, demand: task.resources, owner, committedAt: now, confirmed: false, running: false });
    this.monitor.launched(machine);
    const agent = this.agents[machine] as MachineAgent;
    this.ctx.emit({
      kind: 'task-placed',
      time: now,
      taskId: task.id,
      workload: task.workload,
      tenant: task.tenant,
      node: agent.name,
      ...(task.taskKey !== undefined ? { taskKey: task.taskKey } : {}),
      ...(task.version !== undefined ? { version: task.version } : {}),
    });
    this.ctx.net.send('rpc', CELL_STATE, agent.name, 'launch', () => agent.launch(task));
  }

  stop(id: string): void {
    const claim = this.cell.get(id);
    if (claim) this.monitor.kill(claim.machine, id);
  }

  informClient(job: string): void {
    // The agent's end report reached the cell state (one hop); the state tells the waiting client (one more).
    this.ctx.net.send('rpc', CELL_STATE, CLIENT, 'job-finished', () => this.ctx.emit({ kind: 'client-informed', time: this.ctx.now(), job, hops: 2 }));
  }

  // Claims, as the machine monitor learns of them

  private claimRunning(c: Claim<BatchClaim, Service>): void {
    if (c.owner.kind !== 'service') return;
    this.discovery.running(c.owner.of.name, c.id);
    c.owner.of.replicaRunning(c.id);
  }

  /** A replica the cell state knew running is gone: its BNS entry is withdrawn. */
  private withdraw(c: Claim<BatchClaim, Service>): void {
    if (c.owner.kind === 'service' && c.running) this.discovery.gone(c.owner.of.name, c.id);
  }

  private claimEnded(c: Claim<BatchClaim, Service>, how: InstanceEnd): void {
    this.withdraw(c);
    if (c.owner.kind === 'batch') c.owner.of.job.ended(c.owner.of.task, how);
    else if (c.owner.kind === 'service') c.owner.of.replicaGone(c.id);
  }

  private claimsLost(claims: readonly Claim<BatchClaim, Service>[], why: string): void {
    let rescheduled = 0;
    for (const c of claims) {
      this.withdraw(c);
      if (c.owner.kind === 'batch') c.owner.of.job.lost(c.owner.of.task, why);
      else if (c.owner.kind === 'service') c.owner.of.replicaGone(c.id);
      else continue;
      rescheduled++;
    }
    if (rescheduled > 0) this.ctx.emit({ kind: 'counter', time: this.ctx.now(), name: 'tasks-rescheduled', by: rescheduled });
  }
}

/** The Omega engine's registration. */
const faithfulOmegaEngine: EngineFactory<OmegaOptions> = {
  name: 'omega',
  description: 'Shared-state scheduling (Omega, EuroSys 2013): schedulers place on private copies of the cell state and commit optimistic transactions',
  parseOptions: parseOmegaOptions,
  create: (ctx, options) => new OmegaEngine(ctx, options),
};

/**
 * The registered omega engine: the faithful one above, or, with `spec.engines.omega.model: omega-paper`,
 * the Omega paper simulator's omega model running the whole trial (engines/kit/omega-paper, §4).
 */
export const omegaEngine: EngineFactory<OmegaOptions & ModelSwitch> = withOmegaPaperModel(faithfulOmegaEngine, 'omega');
