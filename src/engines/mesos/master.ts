import { type NodeSpec } from '../../cluster/node.js';
import { fitsWithin, NO_RESOURCES, type Resources, subtractResources, addResources } from '../../cluster/resources.js';
import { type TaskLaunch } from '../../cluster/task.js';
import { type TimerHandle } from '../../sim/event-queue.js';
import { type SimDuration } from '../../sim/time.js';
import { type EngineContext } from '../engine.js';
import { type AllocatedOffer, HierarchicalAllocator, type OfferExplanation } from './allocator.js';
import { AgentObserver, PingScheduler } from './agent-observer.js';
import { OfferBook } from './offer-book.js';
import { type MesosOptions } from './options.js';
import {
  type AgentClient,
  type FrameworkClient,
  type FrameworkInfo,
  frameworkEndpoint,
  isTerminal,
  MASTER,
  type OfferReply,
  type TaskState,
  type TaskStatus,
} from './types.js';

interface FrameworkRecord {
  readonly id: string;
  readonly info: FrameworkInfo;
  client: FrameworkClient;
  connected: boolean;
  failoverTimer: TimerHandle | undefined;
}

interface TaskRecord {
  readonly task: TaskLaunch;
  readonly framework: string;
  readonly agent: string;
  state: TaskState;
}

interface AgentRecord {
  readonly name: string;
  readonly spec: NodeSpec;
  readonly incarnation: number;
  readonly tasks: Set<string>;
  readonly observer: AgentObserver;
}

/**
 * The Mesos master: framework subscriptions and failover, the offer table, task books, status
 * update routing, agent registration and health (pings), and the hierarchical allocator. Every
 * message in or out goes through `ctx.net` (frameworks and agents call the master's methods only
 * from a delivered message).
 */
export class MesosMaster {
  readonly allocator: HierarchicalAllocator;
  private readonly frameworks = new Map<string, FrameworkRecord>();
  private readonly agents = new Map<string, AgentRecord>();
  private readonly unreachable = new Map<string, { readonly incarnation: number; readonly tasks: Map<string, TaskRecord> }>();
  private readonly tasks = new Map<string, TaskRecord>();
  private readonly offers: OfferBook;
  /** Pings in 100 ms phase buckets: one timer per bucket, not per agent (see PingScheduler). */
  private readonly pings: PingScheduler;
  private readonly agentClients = new Map<string, AgentClient>();
  private readonly nodes = new Map<string, NodeSpec>();
  private readonly generations = new Map<string, number>();

  constructor(
    private readonly ctx: EngineContext,
    private readonly options: MesosOptions,
  ) {
    for (const n of ctx.cluster.nodes) this.nodes.set(n.name, n);
    this.offers = new OfferBook(ctx, options, (id) => this.rescind(id, true));
    this.pings = new PingScheduler(ctx, options.agentPingTimeout, 100_000 as SimDuration);
    this.allocator = new HierarchicalAllocator(options, {
      now: () => ctx.now(),
      after: (d, fn) => ctx.after(d, fn),
      rng: ctx.rng.split('allocator'),
      offers: (fw, list) => this.makeOffers(fw, list),
      eligible: (agent) => this.slots(agent) > 0,
      ...(ctx.explain ? { explain: (e: OfferExplanation) => this.explainOffer(e) } : {}),
    });
  }

  /** Sets role weights and starts the allocation loop. */
  start(): void {
    for (const t of this.ctx.tenants) if (t.weight !== 1) this.allocator.updateWeight(t.name, t.weight);
    this.allocator.start();
  }

  /** Lets the master address an agent (the agent still reaches the master only by message). */
  attachAgent(client: AgentClient): void {
    this.agentClients.set(client.name, client);
  }

  // ── framework → master ───────────────────────────────────────────────────────────────────────

  subscribe(client: FrameworkClient, info: FrameworkInfo): void {
    const existing = info.id === undefined ? undefined : this.frameworks.get(info.id);
    let fw: FrameworkRecord;
    if (existing !== undefined) {
      fw = existing;
      fw.client = client;
      fw.connected = true;
      if (fw.failoverTimer !== undefined) this.ctx.cancel(fw.failoverTimer);
      fw.failoverTimer = undefined;
      this.allocator.activateFramework(fw.id);
      this.count('framework-failover');
    } else {
      const gen = (this.generations.get(info.name) ?? 0) + 1;
      this.generations.set(info.name, gen);
      const id = gen === 1 ? info.name : `${info.name}#${gen}`;
      fw = { id, info, client, connected: true, failoverTimer: undefined };
      this.frameworks.set(id, fw);
      this.allocator.addFramework(id, info.role);
    }
    if (info.demand !== undefined) this.allocator.setDemand(fw.id, info.demand);
    const live = [...this.tasks.values()].filter((t) => t.framework === fw.id).map((t) => this.status(t, t.state));
    const unreachable = [...this.unreachable.values()].flatMap((u) => [...u.tasks.values()]).filter((t) => t.framework === fw.id);
    const states = [...live, ...unreachable.map((t) => this.status(t, fw.info.partitionAware ? 'TASK_UNREACHABLE' : 'TASK_LOST'))];
    this.toFramework(fw, 'subscribed', (c) => c.onSubscribed(fw.id, states));
  }

  /** ACCEPT/DECLINE of offers. A reply for an offer that no longer exists drops its tasks. */
  reply(frameworkId: string, replies: readonly OfferReply[]): void {
    const fw = this.frameworks.get(frameworkId);
    if (fw === undefined) return;
    for (const r of replies) {
      const held = this.offers.get(r.offerId);
      const offer = held !== undefined && held.framework === fw.id ? this.offers.close(r.offerId, r.launches.length > 0 ? 'accepted' : 'declined') : undefined;
      if (offer === undefined) {
        for (const t of r.launches) this.toFramework(fw, 'status-update', (c) => c.onStatus({ taskId: t.id, framework: fw.id, agent: '', state: fw.info.partitionAware ? 'TASK_DROPPED' : 'TASK_LOST', reason: 'REASON_INVALID_OFFERS', task: t }));
        continue;
      }
      let used = NO_RESOURCES;
      for (const t of r.launches) used = addResources(used, t.resources);
      if (!fitsWithin(used, offer.resources)) throw new Error(`framework ${fw.id} launched more than offer ${offer.id} holds`);
      const now = this.ctx.now();
      const agent = this.agents.get(offer.agent);
      for (const t of r.launches) {
        this.tasks.set(t.id, { task: t, framework: fw.id, agent: offer.agent, state: 'TASK_STAGING' });
        agent?.tasks.add(t.id);
        this.ctx.emit({
          kind: 'task-placed', time: now, taskId: t.id, workload: t.workload, tenant: t.tenant, node: offer.agent,
          ...(t.taskKey !== undefined ? { taskKey: t.taskKey } : {}),
          ...(t.version !== undefined ? { version: t.version } : {}),
        });
        const client = this.agentClients.get(offer.agent);
        this.ctx.net.send('rpc', MASTER, offer.agent, 'run-task', () => client?.onRunTask(t, fw.id));
      }
      const unused = subtractResources(offer.resources, used);
      this.allocator.recoverResources(fw.id, offer.agent, unused, r.refuse);
      if (r.refuse > 0) this.count('filter-installed');
      if (this.ctx.explain) {
        this.ctx.emit({ kind: 'explain', time: now, record: { type: 'offer-reply', offer: offer.id, framework: fw.info.name, agent: offer.agent, launched: r.launches.map((t) => t.id), declined: unused, filterSeconds: r.refuse > 0 ? Math.max(this.options.allocationInterval, r.refuse) / 1e6 : 0 } });
      }
    }
  }

  suppress(frameworkId: string): void {
    if (this.frameworks.has(frameworkId)) this.allocator.suppress(frameworkId);
    this.count('suppress');
  }

  revive(frameworkId: string): void {
    if (this.frameworks.has(frameworkId)) this.allocator.revive(frameworkId);
    this.count('revive');
  }

  /** REQUEST: what the framework wants (used by the fair-share offer mode only). */
  request(frameworkId: string, demand: Resources | undefined): void {
    if (this.frameworks.has(frameworkId)) this.allocator.setDemand(frameworkId, demand);
  }

  kill(frameworkId: string, taskId: string): void {
    const t = this.tasks.get(taskId);
    if (t === undefined || t.framework !== frameworkId) return;
    const client = this.agentClients.get(t.agent);
    this.ctx.net.send('rpc', MASTER, t.agent, 'kill-task', () => client?.onKillTask(taskId));
  }

  acknowledge(frameworkId: string, status: TaskStatus): void {
    if (!this.frameworks.has(frameworkId) || status.agent === '') return;
    this.ackToAgent(status);
  }

  /** The scheduler's connection closed: deactivate, rescind its offers, start the failover timer. */
  disconnected(frameworkId: string): void {
    const fw = this.frameworks.get(frameworkId);
    if (fw === undefined || !fw.connected) return;
    fw.connected = false;
    this.allocator.deactivateFramework(fw.id);
    for (const o of this.offers.ofFramework(fw.id)) this.rescind(o.id, false);
    fw.failoverTimer = this.ctx.after(fw.info.failoverTimeout, () => this.removeFramework(fw));
  }

  /** The connection of a scheduler that crashed before it learned its framework id closed. */
  disconnectedByName(name: string): void {
    let latest: FrameworkRecord | undefined;
    for (const fw of this.frameworks.values()) if (fw.info.name === name && fw.connected) latest = fw;
    if (latest !== undefined) this.disconnected(latest.id);
  }

  // ── agent → master ───────────────────────────────────────────────────────────────────────────

  registerAgent(name: string, incarnation: number, running: readonly { task: TaskLaunch; framework: string }[]): void {
    const spec = this.nodes.get(name);
    if (spec === undefined) return;
    const kill: string[] = [];
    const existing = this.agents.get(name);
    if (existing !== undefined && existing.incarnation === incarnation) {
      for (const r of running) {
        if (this.tasks.has(r.task.id)) continue;
        if (!this.frameworks.has(r.framework)) kill.push(r.task.id);
        else this.adoptTask(existing, r.task, r.framework);
      }
      // Tasks the master has on this agent but the agent does not know never launched (the run-task
      // message was lost): TASK_DROPPED for partition-aware frameworks, TASK_LOST otherwise.
      const reported = new Set(running.map((r) => r.task.id));
      for (const id of [...existing.tasks]) {
        const t = this.tasks.get(id);
        if (t === undefined || reported.has(id) || t.state !== 'TASK_STAGING') continue;
        this.tasks.delete(id);
        existing.tasks.delete(id);
        this.allocator.recoverResources(t.framework, name, t.task.resources);
        const fw = this.frameworks.get(t.framework);
        if (fw?.connected) this.toFramework(fw, 'status-update', (c) => c.onStatus({ ...this.status(t, fw.info.partitionAware ? 'TASK_DROPPED' : 'TASK_LOST'), agent: '', reason: 'REASON_RECONCILIATION' }));
      }
      this.toAgent(name, 'registered', (c) => c.onRegistered(incarnation, kill));
      return;
    }
    if (existing !== undefined) this.removeAgent(existing, 'gone');
    const previous = this.unreachable.get(name);
    this.unreachable.delete(name);
    const rec: AgentRecord = { name, spec, incarnation, tasks: new Set(), observer: new AgentObserver(this.options, this.pings, name, () => this.markUnreachable(name, incarnation)) };
    this.agents.set(name, rec);
    const used: { framework: string; resources: Resources }[] = [];
    const adopted: TaskRecord[] = [];
    for (const r of running) {
      const fw = this.frameworks.get(r.framework);
      if (fw === undefined || previous?.incarnation !== incarnation) {
        kill.push(r.task.id);
        continue;
      }
      const t: TaskRecord = { task: r.task, framework: r.framework, agent: name, state: 'TASK_RUNNING' };
      this.tasks.set(t.task.id, t);
      rec.tasks.add(t.task.id);
      used.push({ framework: r.framework, resources: r.task.resources });
      adopted.push(t);
    }
    this.allocator.addAgent(name, spec.allocatable, used);
    rec.observer.start((label, fn) => this.toAgent(name, label, fn, 'heartbeat'));
    this.toAgent(name, 'registered', (c) => c.onRegistered(incarnation, kill));
    // Partition-aware frameworks learn that their unreachable tasks are back (reconciliation).
    for (const t of adopted) {
      const fw = this.frameworks.get(t.framework);
      if (fw !== undefined) this.toFramework(fw, 'status-update', (c) => c.onStatus(this.status(t, 'TASK_RUNNING')));
    }
    this.count(previous !== undefined ? 'agent-reregistered' : 'agent-registered');
  }

  pong(name: string, incarnation: number): void {
    const a = this.agents.get(name);
    if (a !== undefined && a.incarnation === incarnation) a.observer.pong();
  }

  statusUpdate(name: string, incarnation: number, status: TaskStatus): void {
    const a = this.agents.get(name);
    if (a === undefined || a.incarnation !== incarnation) return; // the agent re-sends after re-registering
    const t = this.tasks.get(status.taskId);
    if (t !== undefined) {
      t.state = status.state;
      if (isTerminal(status.state)) {
        this.tasks.delete(status.taskId);
        a.tasks.delete(status.taskId);
        this.allocator.recoverResources(t.framework, name, t.task.resources);
      }
    }
    const fw = this.frameworks.get(status.framework);
    if (fw === undefined) this.ackToAgent(status);
    else if (fw.connected) this.toFramework(fw, 'status-update', (c) => c.onStatus(status));
  }

  // ── internals ────────────────────────────────────────────────────────────────────────────────

  private makeOffers(frameworkId: string, list: readonly AllocatedOffer[]): void {
    const fw = this.frameworks.get(frameworkId);
    if (fw === undefined) return;
    const offers = list.map((o) => this.offers.make(fw.id, fw.info.name, o.agent, o.resources, this.slots(o.agent), this.nodes.get(o.agent) as NodeSpec));
    this.toFramework(fw, 'offers', (c) => c.onOffers(offers));
  }

  /** Rescinds an offer: resources go back without a filter; the framework is told if `tell`. */
  private rescind(offerId: string, tell: boolean): void {
    const offer = this.offers.close(offerId, 'rescinded');
    if (offer === undefined) return;
    this.allocator.recoverResources(offer.framework, offer.agent, offer.resources);
    const fw = this.frameworks.get(offer.framework);
    if (tell && fw !== undefined) this.toFramework(fw, 'rescind', (c) => c.onRescind(offerId));
  }

  private markUnreachable(name: string, incarnation: number): void {
    this.count('agent-unreachable');
    // The master writes MarkSlaveUnreachable to the registry before removing the agent.
    this.ctx.after(this.ctx.latency.delay('storeWrite'), () => {
      const a = this.agents.get(name);
      if (a !== undefined && a.incarnation === incarnation) this.removeAgent(a, 'unreachable');
    });
  }

  /** `__removeSlave`: rescind offers, drop the agent from the allocator, report its tasks. */
  private removeAgent(a: AgentRecord, how: 'unreachable' | 'gone'): void {
    a.observer.stop();
    this.agents.delete(a.name);
    // The allocator forgets the agent (and every allocation on it) first, so no recovery here.
    for (const o of this.offers.onAgent(a.name)) {
      this.offers.close(o.id, 'rescinded');
      const fw = this.frameworks.get(o.framework);
      if (fw !== undefined) this.toFramework(fw, 'rescind', (c) => c.onRescind(o.id));
    }
    this.allocator.removeAgent(a.name);
    const kept = new Map<string, TaskRecord>();
    for (const id of a.tasks) {
      const t = this.tasks.get(id);
      if (t === undefined) continue;
      this.tasks.delete(id);
      const fw = this.frameworks.get(t.framework);
      if (fw === undefined) continue;
      if (how === 'unreachable') kept.set(id, t);
      const state: TaskState = fw.info.partitionAware ? (how === 'unreachable' ? 'TASK_UNREACHABLE' : 'TASK_GONE') : 'TASK_LOST';
      this.count(state === 'TASK_LOST' ? 'task-lost' : state === 'TASK_UNREACHABLE' ? 'task-unreachable' : 'task-gone');
      if (fw.connected) this.toFramework(fw, 'status-update', (c) => c.onStatus({ ...this.status(t, state), reason: 'REASON_SLAVE_REMOVED' }));
    }
    if (how === 'unreachable') this.unreachable.set(a.name, { incarnation: a.incarnation, tasks: kept });
    this.count(how === 'unreachable' ? 'agent-removed-unreachable' : 'agent-removed-gone');
  }

  /** Failover timeout expired: kill the framework's tasks and forget it. */
  private removeFramework(fw: FrameworkRecord): void {
    fw.failoverTimer = undefined;
    if (fw.connected) return;
    for (const o of this.offers.ofFramework(fw.id)) this.rescind(o.id, false);
    const agents = new Set<string>();
    for (const [id, t] of [...this.tasks]) {
      if (t.framework !== fw.id) continue;
      this.tasks.delete(id);
      this.agents.get(t.agent)?.tasks.delete(id);
      this.allocator.recoverResources(fw.id, t.agent, t.task.resources);
      agents.add(t.agent);
    }
    for (const u of this.unreachable.values()) for (const [id, t] of [...u.tasks]) if (t.framework === fw.id) u.tasks.delete(id);
    for (const agent of agents) this.toAgent(agent, 'shutdown-framework', (c) => c.onShutdownFramework(fw.id));
    this.allocator.removeFramework(fw.id);
    this.frameworks.delete(fw.id);
    this.count('framework-removed');
  }

  private adoptTask(a: AgentRecord, task: TaskLaunch, framework: string): void {
    this.tasks.set(task.id, { task, framework, agent: a.name, state: 'TASK_RUNNING' });
    a.tasks.add(task.id);
    this.allocator.recordUsed(framework, a.name, task.resources);
  }

  /** Free task slots of an agent as the master sees them (the harness's per-node task cap). */
  private slots(agent: string): number {
    const a = this.agents.get(agent);
    return a === undefined ? 0 : a.spec.maxTasks - a.tasks.size;
  }

  private status(t: TaskRecord, state: TaskState): TaskStatus {
    return { taskId: t.task.id, framework: t.framework, agent: t.agent, state, task: t.task };
  }

  private ackToAgent(status: TaskStatus): void {
    this.toAgent(status.agent, 'status-ack', (c) => c.onAck(status.taskId, status.state));
  }

  private toFramework(fw: FrameworkRecord, label: string, fn: (c: FrameworkClient) => void): void {
    const client = fw.client;
    this.ctx.net.send('rpc', MASTER, frameworkEndpoint(fw.info.name), label, () => fn(client));
  }

  private toAgent(name: string, label: string, fn: (c: AgentClient) => void, channel: 'rpc' | 'heartbeat' = 'rpc'): void {
    const client = this.agentClients.get(name);
    if (client !== undefined) this.ctx.net.send(channel, MASTER, name, label, () => fn(client));
  }

  private explainOffer(e: OfferExplanation): void {
    const fw = this.frameworks.get(e.framework);
    this.ctx.emit({
      kind: 'explain',
      time: this.ctx.now(),
      record: { type: 'offer', agent: e.agent, framework: fw?.info.name ?? e.framework, role: e.role, resources: e.resources, stage: e.stage, why: 'first eligible client in DRF order', drfOrder: e.order, skipped: e.skipped, mode: this.options.offerMode },
    });
  }

  /**
   * Checks the master's books against the allocator and the node's truth (for tests): per registered
   * agent, the allocator's allocation equals the tasks the master knows plus the outstanding offers,
   * and what actually runs on the node fits in it. Returns one line per broken invariant.
   */
  checkInvariants(): string[] {
    const problems: string[] = [];
    const key = (r: Resources): string => `${r.cpu}/${r.memory}/${r.gpu}`;
    for (const a of this.agents.values()) {
      let expected = NO_RESOURCES;
      for (const id of a.tasks) {
        const t = this.tasks.get(id);
        if (t === undefined) problems.push(`${a.name}: task ${id} in the agent's list but not in the books`);
        else expected = addResources(expected, t.task.resources);
      }
      for (const o of this.offers.onAgent(a.name)) expected = addResources(expected, o.resources);
      const allocated = subtractResources(a.spec.allocatable, this.allocator.free(a.name));
      if (key(allocated) !== key(expected)) problems.push(`${a.name}: allocator holds ${key(allocated)}, books say ${key(expected)}`);
      const used = this.ctx.cluster.agent(a.name).used();
      if (!fitsWithin(used, allocated)) problems.push(`${a.name}: node uses ${key(used)} beyond the ${key(allocated)} the master accounts for`);
    }
    return problems;
  }

  private count(name: string): void {
    this.ctx.emit({ kind: 'counter', time: this.ctx.now(), name, by: 1 });
  }
}
