import { type NodeSpec } from '../../../cluster/node.js';
import { fitsWithin, NO_RESOURCES, type Resources, subtractResources, addResources } from '../../../cluster/resources.js';
import { type TaskLaunch } from '../../../cluster/task.js';
import { type SimDuration } from '../../../sim/time.js';
import { type EngineContext } from '../../engine.js';
import { type AllocatedOffer, HierarchicalAllocator, type OfferExplanation } from '../allocator/allocator.js';
import { AgentObserver, PingScheduler } from '../agents/agent-observer.js';
import { checkMasterInvariants } from './master-invariants.js';
import { AgentRecord, type FrameworkRecord, type TaskRecord } from './master-records.js';
import { OfferBook } from './offer-book.js';
import { offerRecord, offerReplyRecord } from './offer-explanations.js';
import { type MesosOptions } from '../options.js';
import {
  type AgentClient,
  type FrameworkClient,
  type FrameworkInfo,
  frameworkEndpoint,
  isTerminal,
  MASTER,
  type Offer,
  type OfferReplies,
  type TaskState,
  type TaskStatus,
} from '../types.js';

/** The shared empty launch list of a decline (never written). */
const NO_LAUNCHES: readonly TaskLaunch[] = [];

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
    this.offers = new OfferBook(ctx, options, (offer) => this.rescind(offer, true));
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
  reply(frameworkId: string, replies: OfferReplies): void {
    const fw = this.frameworks.get(frameworkId);
    if (fw === undefined) return;
    const n = replies.offers.length;
    for (let i = 0; i < n; i++) {
      const launches = replies.launches[i] ?? NO_LAUNCHES;
      const refuse = launches.length > 0 ? replies.refuseAccepted : replies.refuseDeclined;
      const offer = this.offers.closeHeld(replies.offers[i] as Offer, fw.id, launches.length > 0 ? 'accepted' : 'declined');
      if (offer === undefined) {
        for (const t of launches) this.toFramework(fw, 'status-update', (c) => c.onStatus({ taskId: t.id, framework: fw.id, agent: '', state: fw.info.partitionAware ? 'TASK_DROPPED' : 'TASK_LOST', reason: 'REASON_INVALID_OFFERS', task: t }));
        continue;
      }
      const now = this.ctx.now();
      // A plain decline gives the whole offer back: the offer's own vector is the unused part.
      const declined = launches.length === 0 && offer.resources.ext === undefined;
      let used = NO_RESOURCES;
      for (const t of launches) used = addResources(used, t.resources);
      if (!declined && !fitsWithin(used, offer.resources)) throw new Error(`framework ${fw.id} launched more than offer o${offer.id} holds`);
      const agent = declined ? undefined : this.agents.get(offer.agent);
      for (const t of launches) {
        this.tasks.set(t.id, { task: t, framework: fw.id, agent: offer.agent, state: 'TASK_STAGING' });
        agent?.addTask(t.id);
        this.ctx.emit({
          kind: 'task-placed', time: now, taskId: t.id, workload: t.workload, tenant: t.tenant, node: offer.agent,
          ...(t.taskKey !== undefined ? { taskKey: t.taskKey } : {}),
          ...(t.version !== undefined ? { version: t.version } : {}),
        });
        const client = this.agentClients.get(offer.agent);
        this.ctx.net.send('rpc', MASTER, offer.agent, 'run-task', () => client?.onRunTask(t, fw.id));
      }
      const unused = declined ? offer.resources : subtractResources(offer.resources, used);
      this.allocator.recoverResources(fw.id, offer.agent, unused, refuse, offer.token);
      if (refuse > 0) this.count('filter-installed');
      if (this.ctx.explain) {
        const filter = (refuse > 0 ? Math.max(this.options.allocationInterval, refuse) : 0) as SimDuration;
        this.ctx.emit({ kind: 'explain', time: now, record: offerReplyRecord(`o${offer.id}`, fw.id, offer.agent, launches.map((t) => t.id), unused, filter) });
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
    for (const o of this.offers.ofFramework(fw.id)) this.rescind(o, false);
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
        existing.deleteTask(id);
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
    const observer = new AgentObserver(this.options, this.pings, name, () => this.markUnreachable(name, incarnation));
    const rec = new AgentRecord(name, spec, incarnation, observer, (agent) => this.allocator.eligibilityChanged(agent));
    this.agents.set(name, rec);
    this.offers.useAgentList(name, rec);
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
      rec.addTask(t.task.id);
      used.push({ framework: r.framework, resources: r.task.resources });
      adopted.push(t);
    }
    this.allocator.addAgent(name, spec.allocatable, used, rec);
    // Agents are attached once, before any registration: the client can be looked up once here.
    const client = this.agentClients.get(name);
    rec.observer.start((label, fn) => {
      if (client !== undefined) this.ctx.net.send('heartbeat', MASTER, name, label, () => fn(client));
    });
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
        a.deleteTask(status.taskId);
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
    // The allocator hands back the record it was given with the agent (the agent is registered: the
    // master removes it from the allocator when it drops the record), which saves two lookups by name.
    const ofFramework = (fw.offerList ??= this.offers.frameworkList(fw.id));
    const offers: Offer[] = new Array<Offer>(list.length);
    for (let i = 0; i < list.length; i++) {
      const o = list[i] as AllocatedOffer;
      const rec = o.handle instanceof AgentRecord ? o.handle : undefined;
      if (rec !== undefined) {
        // A registered agent's record is its offer list (OfferBook.useAgentList).
        offers[i] = this.offers.make(fw.id, fw.info.name, o.agent, o.resources, rec.slots(), rec.spec, o.token, rec, ofFramework);
      } else offers[i] = this.offers.make(fw.id, fw.info.name, o.agent, o.resources, this.slots(o.agent), this.nodes.get(o.agent) as NodeSpec, o.token, undefined, ofFramework);
    }
    this.toFramework(fw, 'offers', (c) => c.onOffers(offers));
  }

  /** Rescinds an offer: resources go back without a filter; the framework is told if `tell`. */
  private rescind(o: Offer, tell: boolean): void {
    const offer = this.offers.close(o, 'rescinded');
    if (offer === undefined) return;
    const offerId = offer.id;
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
      this.offers.close(o, 'rescinded');
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
    for (const o of this.offers.ofFramework(fw.id)) this.rescind(o, false);
    const agents = new Set<string>();
    for (const [id, t] of [...this.tasks]) {
      if (t.framework !== fw.id) continue;
      this.tasks.delete(id);
      this.agents.get(t.agent)?.deleteTask(id);
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
    a.addTask(task.id);
    this.allocator.recordUsed(framework, a.name, task.resources);
  }

  /** Free task slots of an agent as the master sees them (the harness's per-node task cap). */
  private slots(agent: string): number {
    const a = this.agents.get(agent);
    return a === undefined ? 0 : a.slots();
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
    this.ctx.emit({ kind: 'explain', time: this.ctx.now(), record: offerRecord(e, this.options.offerMode) });
  }

  /** Checks the master's books against the allocator and the node's truth (for tests; see checkMasterInvariants). */
  checkInvariants(): string[] {
    return checkMasterInvariants({
      agents: this.agents.values(),
      task: (id) => this.tasks.get(id),
      offersOn: (agent) => this.offers.onAgent(agent),
      free: (agent) => this.allocator.free(agent),
      used: (agent) => this.ctx.cluster.agent(agent).used(),
    });
  }

  private count(name: string): void {
    this.ctx.emit({ kind: 'counter', time: this.ctx.now(), name, by: 1 });
  }
}
