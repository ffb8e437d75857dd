import { type TaskExit } from '../../cluster/task.js';
import { type BatchTask, type Fault, type Intent, type ServiceTemplate } from '../../intents/index.js';
import { type SimDuration } from '../../sim/time.js';
import { type Engine, type EngineBounds, type EngineContext, type EngineFactory } from '../engine.js';
import {
  BatchTasks,
  engineBounds,
  type ModelSwitch,
  NamingServiceDiscovery,
  reportUnexpressedLifecycle,
  reportUnsupported,
  withOmegaPaperModel,
  worstHops,
} from '../kit/index.js';
import { type BorgJob, type BorgService, BorgTask, EquivalenceClasses } from './borg-task.js';
import { Borglet } from './borglet.js';
import { CellState, type Machine } from './cell-state.js';
import { BORGMASTER, CLIENT, SCHEDULER, type PollReport } from './messages.js';
import { type BorgOptions, parseBorgOptions } from './options.js';
import { Outboxes } from './outboxes.js';
import { PendingQueue, type Turn } from './pending-queue.js';
import { Polling } from './polling.js';
import { ScoreCache } from './score-cache.js';
import { type Assignment, BorgScheduler } from './scheduler.js';
import { reconcileService } from './service-reconcile.js';

/** Why a task waits, as tasks.csv shows it. */
const NO_MACHINE = 'no feasible machine (constraints, or room even after preempting lower-priority tasks)';

/**
 * The Borgmaster ([B] §3): one master holding the cell state, with one scheduler over all of it.
 * Jobs and services are stored (one rpc from the client, one Paxos write) and their tasks queue as
 * pending; the scheduler (scheduler.ts) assigns them; the master commits an assignment (one rpc from
 * the scheduler, one Paxos write) and hands the launch to the machine's Borglet with its next poll
 * (polling.ts): the master learns of starts and ends the same way, from the poll replies. A machine
 * that leaves `missedPolls` polls unanswered is marked down and its tasks are rescheduled; when its
 * Borglet answers again, the master has it kill the instances that now run elsewhere.
 */
export class BorgEngine implements Engine {
  private readonly cell: CellState;
  private readonly queue = new PendingQueue();
  private readonly cache = new ScoreCache();
  private readonly classes = new EquivalenceClasses();
  private readonly scheduler: BorgScheduler;
  private readonly polling: Polling;
  private readonly outboxes: Outboxes;
  private readonly borglets: Borglet[];
  private readonly services = new Map<string, BorgService>();
  /** Tasks on a machine (deciding to running), by instance id. */
  private readonly byId = new Map<string, BorgTask>();
  /** The Borglet incarnation each machine last reported. */
  private readonly incarnations: number[];
  private reconcileQueued = false;
  private nextId = 0;
  /** BNS names in Chubby for services that take requests ([B] §2.6). */
  private readonly discovery: NamingServiceDiscovery;

  constructor(
    private readonly ctx: EngineContext,
    private readonly options: BorgOptions,
  ) {
    const nodes = ctx.cluster.nodes;
    this.cell = new CellState(nodes);
    this.discovery = new NamingServiceDiscovery(ctx, BORGMASTER);
    this.incarnations = nodes.map(() => 1);
    this.outboxes = new Outboxes(nodes.length);
    this.scheduler = new BorgScheduler(ctx, options, {
      cell: this.cell,
      queue: this.queue,
      cache: this.cache,
      reserve: (a) => this.reserve(a),
      commit: (a) => this.commit(a),
      unplaced: (tasks) => this.notePending(tasks),
      room: (turn) => this.room(turn),
    });
    this.borglets = nodes.map((n) => new Borglet(ctx, ctx.cluster.agent(n.name), (node, report) => this.onReply(node, report)));
    const index = new Map(nodes.map((n, i) => [n.name, i]));
    this.polling = new Polling(ctx, options.pollInterval, nodes.length, {
      requests: (i, seq) => this.outboxes.take(i, seq),
      silent: (i, missed) => {
        if (missed >= options.missedPolls && (this.cell.machines[i] as Machine).up) this.markDown(i);
      },
      report: (i, report, gap) => this.report(i, report, gap),
      send: (i, req) => {
        const borglet = this.borglets[i] as Borglet;
        this.ctx.net.send('heartbeat', BORGMASTER, (nodes[i] as { name: string }).name, 'poll', () => borglet.onPoll(req));
      },
    });
    this.onReply = (node, report) => this.polling.received(index.get(node) as number, report);
  }

  /** A poll reply from a machine's Borglet reached the master. */
  private onReply: (node: string, report: PollReport) => void;

  start(): void {
    for (const b of this.borglets) b.start();
    this.polling.start();
  }

  submit(intent: Intent): void {
    // The client's request reaches the master, which stores it in its Paxos-based store first ([B] §3.2).
    this.ctx.net.send('rpc', CLIENT, BORGMASTER, 'submit', () =>
      this.ctx.net.send('storeWrite', BORGMASTER, BORGMASTER, 'paxos-write', () => this.apply(intent)),
    );
  }

  controlPlaneFault(fault: Extract<Fault, { kind: 'scheduler-crash' }>): void {
    // The scheduler is a process of its own ([B] §3.1); the pending queue lives in the replicated master.
    this.ctx.emit({ kind: 'counter', time: this.ctx.now(), name: 'scheduler-crash', by: 1 });
    this.scheduler.crash();
    this.ctx.after(fault.downFor, () => this.scheduler.back());
  }

  bounds(): EngineBounds {
    const o = this.options;
    const l = this.ctx.latency;
    const think = o.thinkTime.perJob + o.thinkTime.perTask * 101;
    // Stored and committed (two rpcs, two Paxos writes), up to 20 turns before it, the next poll and its message, the start.
    const placementWithin = worstHops(l, 'rpc', 2) + worstHops(l, 'storeWrite', 2) + 20 * think + o.pollInterval + l.upper('heartbeat') + l.upper('taskStart');
    // Down after missedPolls polls unanswered (the last answered one may come just before the fault).
    const detect = (o.missedPolls + 1) * o.pollInterval + worstHops(l, 'heartbeat', 2);
    return engineBounds(placementWithin + 1_000_000, detect + placementWithin + 1_000_000);
  }

  private apply(intent: Intent): void {
    switch (intent.kind) {
      case 'service-declared':
        this.services.set(intent.service.name, { kind: 'service', template: intent.service, replicas: new Set() });
        if (intent.service.endpoints) this.discovery.declare(intent.service.name);
        reportUnexpressedLifecycle(this.ctx, intent.service);
        break;
      case 'service-scaled':
        this.changeService(intent.service, (t) => ({ ...t, replicas: intent.replicas }));
        break;
      case 'service-rollout':
        this.changeService(intent.service, (t) => ({ ...t, version: intent.version, resources: intent.resources ?? t.resources }));
        break;
      case 'job-submitted': {
        const spec = intent.job;
        const tasks = new BatchTasks(spec);
        const job: BorgJob = { kind: 'job', spec, submitted: intent.time, remaining: tasks.count, assigned: 0, considered: false };
        for (const t of tasks) this.enqueueAttempt(job, t, t.firstAttempt);
        this.scheduler.wake();
        break;
      }
      case 'config-changed':
      case 'service-restart':
      case 'run-once-per-node':
        return reportUnsupported(this.ctx, intent);
    }
    this.queueReconcile();
  }

  private changeService(name: string, change: (t: ServiceTemplate) => ServiceTemplate): void {
    const s = this.services.get(name);
    if (s) s.template = change(s.template);
  }

  private enqueueAttempt(job: BorgJob, t: BatchTask, exitAs: 'finished' | 'failed'): void {
    const spec = job.spec;
    const key = this.classes.keyOf(spec.priority, t.resources, spec.constraints);
    this.queue.add(new BorgTask(job, spec.tenant, spec.priority, t.resources, spec.constraints, key, { task: t, exitAs }, undefined));
  }

  /** Reconciles the services once per instant, after every same-time change has been taken in. */
  private queueReconcile(): void {
    if (this.reconcileQueued) return;
    this.reconcileQueued = true;
    this.ctx.after(0 as SimDuration, () => {
      this.reconcileQueued = false;
      let added = false;
      for (const s of this.services.values()) {
        const step = reconcileService(s);
        for (const t of step.stop) this.stop(t);
        for (let k = 0; k < step.start; k++) {
          const tpl = s.template;
          const key = this.classes.keyOf(tpl.priority, tpl.resources, tpl.constraints);
          const replica = new BorgTask(s, tpl.tenant, tpl.priority, tpl.resources, tpl.constraints, key, undefined, tpl.version);
          s.replicas.add(replica);
          this.queue.add(replica);
          added = true;
        }
      }
      if (added) this.scheduler.wake();
    });
  }

  /** How many more of the turn's tasks may be assigned: a job's parallelism, or all. */
  private room(turn: Turn): number {
    const owner = turn.owner;
    if (owner.kind === 'service') return Number.POSITIVE_INFINITY;
    return (owner.spec.parallelism ?? Number.POSITIVE_INFINITY) - owner.assigned;
  }

  /** The scheduler chose a machine: evict the victims, build the launch, book the task ([B] §3.2). */
  private reserve(a: Assignment): void {
    for (const v of a.victims) this.preempt(v);
    const task = a.task;
    const owner = task.owner;
    const id = task.batch !== undefined ? `${task.batch.task.key}.${this.nextId++}` : `${task.workload}-${this.nextId++}`;
    task.launch = {
      id,
      workload: task.workload,
      tenant: task.tenant,
      priority: task.priority,
      resources: task.resources,
      ...(task.batch !== undefined ? { taskKey: task.batch.task.key, runFor: task.batch.task.runFor, exitAs: task.batch.exitAs } : {}),
      ...(task.version !== undefined ? { version: task.version } : {}),
      // A replica of a service with an app lifecycle outlives its process: its Borglet restarts it in place.
      ...(owner.kind === 'service' && owner.template.lifecycle !== undefined ? { holdOnExit: true } : {}),
    };
    if (owner.kind === 'job') owner.assigned++;
    this.cell.add(a.machine, task);
    task.state = 'deciding';
    this.byId.set(id, task);
  }

  /** The turn's assignments reach the master (one rpc), which records them (one Paxos write) and commits those still valid. */
  private commit(assignments: readonly Assignment[]): void {
    this.ctx.net.send('rpc', SCHEDULER, BORGMASTER, 'assignments', () =>
      this.ctx.net.send('storeWrite', BORGMASTER, BORGMASTER, 'paxos-write', () => {
        for (const { task, machine } of assignments) {
          // Rejected when the state it was based on is gone: the machine was marked down, the replica scaled away ([B] §3.4).
          if (task.state !== 'deciding' || task.machine !== machine.index) continue;
          task.state = 'assigned';
          const launch = task.launch as NonNullable<BorgTask['launch']>;
          this.ctx.emit({
            kind: 'task-placed',
            time: this.ctx.now(),
            taskId: launch.id,
            workload: launch.workload,
            tenant: launch.tenant,
            node: machine.spec.name,
            ...(launch.taskKey !== undefined ? { taskKey: launch.taskKey } : {}),
            ...(launch.version !== undefined ? { version: launch.version } : {}),
          });
          this.outboxes.launch(machine.index, task);
        }
      }),
    );
  }

  /** Evicts a lower-priority task for a higher one: killed with the machine's next poll, back to the pending queue ([B] §3.2). */
  private preempt(v: BorgTask): void {
    this.ctx.emit({ kind: 'counter', time: this.ctx.now(), name: 'preempted', by: 1 });
    this.lose(v, v.batch?.exitAs ?? 'finished');
  }

  /** Takes a task off its machine (killing what runs) and out of the books; false when it was not on one. */
  private unbook(task: BorgTask): boolean {
    if (task.machine < 0) return false;
    if (task.state === 'running' && task.owner.kind === 'service') this.discovery.gone(task.workload, (task.launch as NonNullable<BorgTask['launch']>).id);
    const i = task.machine;
    if (task.state === 'assigned') this.outboxes.cancel(i, task);
    else if (task.state === 'sent' || task.state === 'running') this.outboxes.kill(i, (task.launch as NonNullable<BorgTask['launch']>).id);
    this.cell.remove(task);
    if (task.launch !== undefined) this.byId.delete(task.launch.id);
    if (task.owner.kind === 'job') task.owner.assigned--;
    return true;
  }

  /**
   * A task is gone without finishing (preempted, its machine down, its launch lost): a batch task
   * queues again for a new attempt ending as `exitAs`, a replica is replaced by the next reconcile.
   */
  private lose(task: BorgTask, exitAs: 'finished' | 'failed'): void {
    if (task.state === 'pending') this.queue.remove(task);
    else this.unbook(task);
    task.state = 'dead';
    const owner = task.owner;
    if (owner.kind === 'job' && task.batch !== undefined) this.enqueueAttempt(owner, task.batch.task, exitAs);
    else if (owner.kind === 'service') owner.replicas.delete(task);
    this.scheduler.wake();
    this.queueReconcile();
  }

  /** A replica the reconcile no longer wants. */
  private stop(task: BorgTask): void {
    if (task.state === 'pending') this.queue.remove(task);
    else this.unbook(task);
    task.state = 'dead';
    if (task.owner.kind === 'service') task.owner.replicas.delete(task);
    this.scheduler.wake();
  }

  private notePending(tasks: readonly BorgTask[]): void {
    for (const t of tasks) {
      if (t.noted) continue;
      t.noted = true;
      const key = t.batch?.task.key;
      this.ctx.emit({ kind: 'task-pending', time: this.ctx.now(), workload: t.workload, ...(key !== undefined ? { taskKey: key } : {}), reason: NO_MACHINE });
    }
  }

  /** Machine i missed too many polls: it is down, and its tasks are rescheduled ([B] §3.3). */
  private markDown(i: number): void {
    const m = this.cell.machines[i] as Machine;
    m.up = false;
    m.version++;
    this.ctx.emit({ kind: 'counter', time: this.ctx.now(), name: 'machine-marked-down', by: 1 });
    this.outboxes.askFull(i);
    for (const t of [...m.tasks]) {
      if (t.state === 'sent' || t.state === 'running') this.outboxes.remember(i, t);
      this.lose(t, t.batch?.exitAs ?? 'finished');
    }
    this.outboxes.clear(i);
  }

  /** A poll reply of machine i. */
  private report(i: number, r: PollReport, gap: boolean): void {
    const m = this.cell.machines[i] as Machine;
    if (r.incarnation !== this.incarnations[i]) {
      // The machine rebooted: what ran there is gone; the full list tells which launches survived.
      this.incarnations[i] = r.incarnation;
      m.duplicates.clear();
      this.outboxes.forget(i);
      m.version++;
      if (r.running === undefined) this.outboxes.askFull(i);
    }
    if (!m.up) {
      m.up = true;
      m.version++;
      this.ctx.emit({ kind: 'counter', time: this.ctx.now(), name: 'machine-reconnected', by: 1 });
      if (r.running === undefined) this.outboxes.askFull(i);
    }
    for (const id of r.started) this.started(id);
    for (const e of r.ended) this.ended(i, e.id, e.how);
    for (const id of r.rejected) {
      const t = this.byId.get(id);
      if (t === undefined || t.machine !== i) continue;
      this.ctx.emit({ kind: 'counter', time: this.ctx.now(), name: 'launch-rejected', by: 1 });
      this.lose(t, t.batch?.exitAs ?? 'finished');
    }
    if (r.running !== undefined) this.fullState(i, r);
    else if (gap) this.outboxes.askFull(i);
    this.scheduler.wake();
  }

  private started(id: string): void {
    const t = this.byId.get(id);
    if (t === undefined || t.state !== 'sent') return;
    t.state = 'running';
    if (t.owner.kind === 'service') this.discovery.running(t.workload, id);
    if (t.owner.kind === 'service') this.queueReconcile();
  }

  private ended(i: number, id: string, how: TaskExit): void {
    const m = this.cell.machines[i] as Machine;
    if (m.duplicates.delete(id)) {
      m.version++;
      return;
    }
    const t = this.byId.get(id);
    if (t === undefined || t.machine !== i || how === 'stopped') return;
    const owner = t.owner;
    if (owner.kind === 'service' || how === 'failed') {
      // A replica that exits is replaced; a failed batch attempt runs again, to success.
      this.lose(t, 'finished');
      return;
    }
    this.unbook(t);
    t.state = 'dead';
    if (--owner.remaining === 0 && owner.spec.sync) {
      const job = owner.spec.name;
      // Poll reply (Borglet → master), then the master tells the waiting client.
      this.ctx.net.send('rpc', BORGMASTER, CLIENT, 'job-finished', () => this.ctx.emit({ kind: 'client-informed', time: this.ctx.now(), job, hops: 2 }));
    }
  }

  /**
   * The full list of a machine's instances ([B] §3.3): instances the master rescheduled elsewhere are
   * killed (no duplicates remain); launches the master sent that never arrived are lost and rescheduled.
   */
  private fullState(i: number, r: PollReport): void {
    const m = this.cell.machines[i] as Machine;
    const running = new Set(r.running);
    for (const id of running) {
      const t = this.byId.get(id);
      if (t !== undefined && t.machine === i) continue;
      const former = this.outboxes.former(i, id);
      if (former === undefined || m.duplicates.has(id)) continue;
      m.duplicates.set(id, former.resources);
      m.version++;
      this.outboxes.kill(i, id);
      this.ctx.emit({ kind: 'counter', time: this.ctx.now(), name: 'duplicate-killed', by: 1 });
    }
    for (const id of [...m.duplicates.keys()]) {
      if (!running.has(id)) {
        m.duplicates.delete(id);
        m.version++;
      }
    }
    this.outboxes.forget(i);
    for (const t of [...m.tasks]) {
      const sentBefore = t.state === 'running' || (t.state === 'sent' && t.sentSeq <= r.seq);
      if (!sentBefore || running.has((t.launch as NonNullable<BorgTask['launch']>).id)) continue;
      this.ctx.emit({ kind: 'counter', time: this.ctx.now(), name: 'launch-lost', by: 1 });
      this.lose(t, t.batch?.exitAs ?? 'finished');
    }
  }
}

/** The faithful borg engine (its own model). */
const faithfulBorgEngine: EngineFactory<BorgOptions> = {
  name: 'borg',
  description: 'Borg: one Borgmaster with one scheduler over the cell state; priority bands with preemption, Borglets polled every few seconds',
  parseOptions: parseBorgOptions,
  create: (ctx, options) => new BorgEngine(ctx, options),
};

/**
 * The registered borg engine: the faithful one above, or, with `spec.engines.borg.model: omega-paper`,
 * the Omega paper simulator's monolithic model running the whole trial (engines/kit/omega-paper, §4).
 */
export const borgEngine: EngineFactory<BorgOptions & ModelSwitch> = withOmegaPaperModel(faithfulBorgEngine, 'monolithic');
