import { type NodeSpec } from '../../../cluster/node.js';
import { addResources, fitsWithin, NO_RESOURCES, type Resources, subtractResources } from '../../../cluster/resources.js';
import { type TaskLaunch } from '../../../cluster/task.js';
import { type SimDuration } from '../../../sim/time.js';
import { type AllocatedOffer } from '../allocator/allocator.js';
import { type AgentClient, type FrameworkClient, type FrameworkInfo, MASTER, type Offer, type OfferReplies, type TaskStatus } from '../types.js';
import { AgentRegistry } from './agent-registry.js';
import { AgentRecord, type FrameworkRecord } from './master-records.js';
import { offerReplyRecord } from './offer-explanations.js';

/** The shared empty launch list of a decline (never written). */
const NO_LAUNCHES: readonly TaskLaunch[] = [];

/**
 * The Mesos master: framework subscriptions and failover, the offers and the replies to them; the
 * agents' side is `AgentRegistry`'s, the books and channels `MasterBooks`'. Every
 * message in or out goes through `ctx.net` (frameworks and agents call the master's methods only
 * from a delivered message).
 */
export class MesosMaster extends AgentRegistry {
  /** Sets role weights and starts the allocation loop. */
  start(): void {
    for (const t of this.ctx.tenants) if (t.weight !== 1) this.allocator.updateWeight(t.name, t.weight);
    this.allocator.start();
  }

  /** Lets the master address an agent (the agent still reaches the master only by message). */
  attachAgent(client: AgentClient): void {
    this.agentClients.set(client.name, client);
  }

  /** The operator API's agent list (`GET /master/slaves`): the agents registered now, in registration order. */
  registeredAgents(): string[] {
    return [...this.agents.keys()];
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
      const refuse = replies.refuse?.[i] ?? (launches.length > 0 ? replies.refuseAccepted : replies.refuseDeclined);
      const offer = this.offers.closeHeld(replies.offers[i] as Offer, fw.id, launches.length > 0 ? 'accepted' : 'declined');
      if (offer === undefined) {
        for (const t of launches)
          this.toFramework(fw, 'status-update', (c) =>
            c.onStatus({
              taskId: t.id,
              framework: fw.id,
              agent: '',
              state: fw.info.partitionAware ? 'TASK_DROPPED' : 'TASK_LOST',
              reason: 'REASON_INVALID_OFFERS',
              task: t,
            }),
          );
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
          kind: 'task-placed',
          time: now,
          taskId: t.id,
          workload: t.workload,
          tenant: t.tenant,
          node: offer.agent,
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
        this.ctx.emit({
          kind: 'explain',
          time: now,
          record: offerReplyRecord(
            `o${offer.id}`,
            fw.id,
            offer.agent,
            launches.map((t) => t.id),
            unused,
            filter,
          ),
        });
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

  // ── internals ────────────────────────────────────────────────────────────────────────────────

  protected makeOffers(frameworkId: string, list: readonly AllocatedOffer[]): void {
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
      } else
        offers[i] = this.offers.make(
          fw.id,
          fw.info.name,
          o.agent,
          o.resources,
          this.slots(o.agent),
          this.nodes.get(o.agent) as NodeSpec,
          o.token,
          undefined,
          ofFramework,
        );
    }
    this.toFramework(fw, 'offers', (c) => c.onOffers(offers));
  }

  /** Rescinds an offer: resources go back without a filter; the framework is told if `tell`. */
  protected rescind(o: Offer, tell: boolean): void {
    const offer = this.offers.close(o, 'rescinded');
    if (offer === undefined) return;
    const offerId = offer.id;
    this.allocator.recoverResources(offer.framework, offer.agent, offer.resources);
    const fw = this.frameworks.get(offer.framework);
    if (tell && fw !== undefined) this.toFramework(fw, 'rescind', (c) => c.onRescind(offerId));
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
}
