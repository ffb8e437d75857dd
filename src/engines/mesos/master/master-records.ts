import { type NodeSpec } from '../../../cluster/node.js';
import { type TaskLaunch } from '../../../cluster/task.js';
import { type TimerHandle } from '../../../sim/event-queue.js';
import { type AgentObserver } from '../agents/agent-observer.js';
import { type AgentHandle } from '../allocator/allocator-types.js';
import { OfferList } from './offer-book.js';
import { type FrameworkClient, type FrameworkInfo, type TaskState } from '../types.js';

/** A framework the master knows (connected or within its failover timeout). */
export interface FrameworkRecord {
  readonly id: string;
  readonly info: FrameworkInfo;
  client: FrameworkClient;
  connected: boolean;
  failoverTimer: TimerHandle | undefined;
  /** The offer book's list of the framework's offers (kept here to save a lookup per offer). */
  offerList?: OfferList;
}

/** A task in the master's books. */
export interface TaskRecord {
  readonly task: TaskLaunch;
  readonly framework: string;
  readonly agent: string;
  state: TaskState;
}

/**
 * A registered agent and the ids of the tasks the master has on it. It is also the allocator's
 * handle of the agent: the allocator keeps the agent's eligibility (a free task slot) in its table,
 * so every change of the task books goes through `addTask`/`deleteTask`, which call
 * `eligibilityChanged` when the answer of `eligible()` flips. It is also the offer book's list of
 * the agent's offers (see OfferBook.useAgentList).
 */
export class AgentRecord extends OfferList implements AgentHandle {
  private readonly taskIds = new Set<string>();
  /** The node's task cap minus the task count (read for every offer: kept here, up to date). */
  private free: number;

  constructor(
    readonly name: string,
    readonly spec: NodeSpec,
    readonly incarnation: number,
    readonly observer: AgentObserver,
    private readonly eligibilityChanged: (agent: string) => void,
  ) {
    super();
    this.free = spec.maxTasks;
  }

  get tasks(): ReadonlySet<string> {
    return this.taskIds;
  }

  addTask(id: string): void {
    const before = this.eligible();
    this.taskIds.add(id);
    this.changed(before);
  }

  deleteTask(id: string): void {
    const before = this.eligible();
    this.taskIds.delete(id);
    this.changed(before);
  }

  /** Free task slots as the master sees them (the harness's per-node task cap). */
  slots(): number {
    return this.free;
  }

  private changed(before: boolean): void {
    this.free = this.spec.maxTasks - this.taskIds.size;
    if (this.eligible() !== before) this.eligibilityChanged(this.name);
  }

  eligible(): boolean {
    return this.slots() > 0;
  }
}
