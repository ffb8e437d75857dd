import { fitsWithin, subtractResources } from '../../../cluster/resources.js';
import { type TaskLaunch } from '../../../cluster/task.js';
import { type SimDuration } from '../../../sim/time.js';
import { type RunOncePerNode } from '../../../intents/index.js';
import { type Offer, type TaskStatus } from '../types.js';
import { type Decision, FrameworkScheduler, type SchedulerDeps } from './scheduler.js';

/** One agent's task of an operation: waiting for an offer, launched (attempt n), or settled. */
interface AgentTask {
  readonly node: string;
  readonly key: string;
  readonly runFor: SimDuration;
  state: 'waiting' | 'launched' | 'done' | 'excused';
  attempts: number;
}

interface Operation {
  readonly intent: RunOncePerNode;
  /** By agent name: the agents the master had registered when the operation began. */
  readonly tasks: Map<string, AgentTask>;
}

/**
 * A framework that runs one task on every agent once (the way a Mesos user runs a one-off on every
 * node: Mesos has no such object, so a small framework does it). It asks the master which agents are
 * registered (the operator API's agent list: one rpc there and back), then launches an agent's task
 * from that agent's own offer, and tracks the agents it has run on. It learns each task's end from
 * its status update: the operation is `finished` when every agent's task finished, by that update (a
 * reply to the framework itself, no polling). A task lost with its agent (LOST, GONE, UNREACHABLE)
 * excuses the agent; a failed, killed or dropped task is launched again on the same agent.
 */
export class PerAgentFramework extends FrameworkScheduler {
  private readonly operations: Operation[] = [];

  constructor(deps: SchedulerDeps) {
    super(deps);
  }

  /** Starts an operation: asks the master for its agents, then launches as offers come. */
  run(intent: RunOncePerNode): void {
    this.askMaster(
      'agent-list',
      () => this.deps.master.registeredAgents(),
      (agents) => {
        const live = new Set(agents);
        const tasks = new Map<string, AgentTask>();
        for (const t of intent.tasks) if (live.has(t.node)) tasks.set(t.node, { node: t.node, key: t.key, runFor: t.runFor, state: 'waiting', attempts: 0 });
        const op: Operation = { intent, tasks };
        this.ctx.emit({ kind: 'operation', time: this.ctx.now(), operation: intent.operation, phase: 'accepted', via: 'reply' });
        this.operations.push(op);
        this.settle(op);
        if (this.hasWork()) this.needOffers();
        this.afterChange();
      },
    );
  }

  protected hasWork(): boolean {
    return this.operations.some((op) => [...op.tasks.values()].some((t) => t.state === 'waiting'));
  }

  protected decide(offers: readonly Offer[]): Decision {
    const launches: TaskLaunch[][] = offers.map(() => []);
    let tasks = 0;
    offers.forEach((offer, i) => {
      let free = offer.resources;
      for (const op of this.operations) {
        const t = op.tasks.get(offer.agent);
        const list = launches[i] as TaskLaunch[];
        if (t === undefined || t.state !== 'waiting' || list.length >= offer.slots || !fitsWithin(op.intent.resources, free)) continue;
        free = subtractResources(free, op.intent.resources);
        t.state = 'launched';
        t.attempts++;
        tasks++;
        list.push(this.build(op, t));
      }
    });
    return { launches, think: this.thinkFor(tasks) };
  }

  protected onTaskStatus(s: TaskStatus): void {
    const key = s.task.taskKey;
    const op = this.operations.find((o) => o.intent.operation === s.task.workload);
    const t = op === undefined ? undefined : [...op.tasks.values()].find((x) => x.key === key);
    if (op === undefined || t === undefined || t.state !== 'launched') return;
    switch (s.state) {
      case 'TASK_STAGING':
      case 'TASK_RUNNING':
        return;
      case 'TASK_FINISHED':
        t.state = 'done';
        break;
      case 'TASK_LOST':
      case 'TASK_GONE':
      case 'TASK_UNREACHABLE':
        t.state = 'excused';
        break;
      default:
        // FAILED, KILLED, DROPPED: run it again on the same agent.
        t.state = 'waiting';
        this.needOffers();
    }
    this.settle(op);
  }

  protected onReconciled(live: readonly TaskStatus[]): void {
    const known = new Set(live.map((s) => s.taskId));
    for (const op of this.operations) for (const t of op.tasks.values()) if (t.state === 'launched' && !known.has(this.taskId(op, t))) t.state = 'waiting';
    if (this.hasWork()) this.needOffers();
  }

  /** Reports an operation finished once every agent's task is done or excused, and forgets it. */
  private settle(op: Operation): void {
    for (const t of op.tasks.values()) if (t.state === 'waiting' || t.state === 'launched') return;
    this.operations.splice(this.operations.indexOf(op), 1);
    this.ctx.emit({ kind: 'operation', time: this.ctx.now(), operation: op.intent.operation, phase: 'finished', via: 'reply' });
  }

  private build(op: Operation, t: AgentTask): TaskLaunch {
    const i = op.intent;
    return {
      id: this.taskId(op, t),
      workload: i.operation,
      tenant: i.tenant,
      taskKey: t.key,
      priority: i.priority,
      resources: i.resources,
      runFor: t.runFor,
      exitAs: 'finished',
    };
  }

  private taskId(_op: Operation, t: AgentTask): string {
    return `${t.key}.${t.attempts}`;
  }
}
