import { type NodeSpec } from '../../../cluster/node.js';
import { type SimDuration, type SimTime } from '../../../sim/time.js';
import { MessageTally } from '../../kit/index.js';
import { type EngineContext } from '../../engine.js';
import { type AllocatedOffer, HierarchicalAllocator, type OfferExplanation } from '../allocator/allocator.js';
import { PingScheduler, type QuietPingSetup, quietPingSetup } from '../agents/agent-observer.js';
import { type MesosOptions } from '../options.js';
import { type AgentClient, type FrameworkClient, frameworkEndpoint, MASTER, type Offer, type TaskState, type TaskStatus } from '../types.js';
import { checkMasterInvariants } from './master-invariants.js';
import { type AgentRecord, type FrameworkRecord, type TaskRecord } from './master-records.js';
import { OfferBook } from './offer-book.js';
import { offerRecord } from './offer-explanations.js';

/**
 * The master's books and channels, shared by its two halves: the frameworks, agents and tasks it
 * knows, the offer book, the allocator it runs, and how it addresses a framework or an agent (every
 * message goes through `ctx.net`). `AgentRegistry` handles the agents' calls, `MesosMaster` the
 * frameworks' (and offers).
 */
export abstract class MasterBooks {
  readonly allocator: HierarchicalAllocator;
  protected readonly frameworks = new Map<string, FrameworkRecord>();
  protected readonly agents = new Map<string, AgentRecord>();
  protected readonly unreachable = new Map<string, { readonly incarnation: number; readonly tasks: Map<string, TaskRecord> }>();
  protected readonly tasks = new Map<string, TaskRecord>();
  protected readonly offers: OfferBook;
  /** Pings in 100 ms phase buckets: one timer per bucket, not per agent (see PingScheduler). */
  protected readonly pings: PingScheduler;
  /** What the pings counted in closed form sent, reported at {@link finish}. */
  private readonly tally = new MessageTally();
  /** Pings counted instead of sent while nothing changes (undefined: every ping is simulated). */
  protected readonly quietPings: QuietPingSetup | undefined;
  protected readonly agentClients = new Map<string, AgentClient>();
  protected readonly nodes = new Map<string, NodeSpec>();
  protected readonly generations = new Map<string, number>();

  /**
   * The tasks the master's state lists in TASK_RUNNING, with their app (workload): what a reader of
   * `/master/state` such as Mesos-DNS sees. A walk over every task the master knows.
   */
  runningTasks(): { readonly service: string; readonly taskId: string }[] {
    const out: { service: string; taskId: string }[] = [];
    for (const [id, t] of this.tasks) if (t.state === 'TASK_RUNNING') out.push({ service: t.task.workload, taskId: id });
    return out;
  }

  constructor(
    protected readonly ctx: EngineContext,
    protected readonly options: MesosOptions,
  ) {
    for (const n of ctx.cluster.nodes) this.nodes.set(n.name, n);
    this.offers = new OfferBook(ctx, options, (offer) => this.rescind(offer, true));
    this.pings = new PingScheduler(ctx, options.agentPingTimeout, 100_000 as SimDuration);
    this.quietPings = quietPingSetup(ctx, this.tally, options.agentPingTimeout);
    this.allocator = new HierarchicalAllocator(options, {
      now: () => ctx.now(),
      after: (d, fn) => ctx.after(d, fn),
      rng: ctx.rng.split('allocator'),
      offers: (fw, list) => this.makeOffers(fw, list),
      eligible: (agent) => this.slots(agent) > 0,
      ...(ctx.explain ? { explain: (e: OfferExplanation) => this.explainOffer(e) } : {}),
    });
  }

  /** The run stops at `end`: reports the pings counted instead of sent up to then. */
  finish(end: SimTime): void {
    for (const a of this.agents.values()) a.observer.finish(end);
    this.tally.flush(this.ctx, end);
  }

  /** The allocator decided these offers for a framework (once per framework per cycle). */
  protected abstract makeOffers(frameworkId: string, list: readonly AllocatedOffer[]): void;

  /** Rescinds an offer: resources go back without a filter; the framework is told if `tell`. */
  protected abstract rescind(o: Offer, tell: boolean): void;

  /** Free task slots of an agent as the master sees them (the harness's per-node task cap). */
  protected slots(agent: string): number {
    const a = this.agents.get(agent);
    return a === undefined ? 0 : a.slots();
  }

  protected status(t: TaskRecord, state: TaskState): TaskStatus {
    return { taskId: t.task.id, framework: t.framework, agent: t.agent, state, task: t.task };
  }

  protected ackToAgent(status: TaskStatus): void {
    this.toAgent(status.agent, 'status-ack', (c) => c.onAck(status.taskId, status.state));
  }

  protected toFramework(fw: FrameworkRecord, label: string, fn: (c: FrameworkClient) => void): void {
    const client = fw.client;
    this.ctx.net.send('rpc', MASTER, frameworkEndpoint(fw.info.name), label, () => fn(client));
  }

  protected toAgent(name: string, label: string, fn: (c: AgentClient) => void, channel: 'rpc' | 'heartbeat' = 'rpc'): void {
    const client = this.agentClients.get(name);
    if (client !== undefined) this.ctx.net.send(channel, MASTER, name, label, () => fn(client));
  }

  protected explainOffer(e: OfferExplanation): void {
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

  protected count(name: string): void {
    this.ctx.emit({ kind: 'counter', time: this.ctx.now(), name, by: 1 });
  }
}
