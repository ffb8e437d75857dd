import { type Resources } from '../../../cluster/resources.js';
import { type TaskLaunch } from '../../../cluster/task.js';
import { AgentObserver } from '../agents/agent-observer.js';
import { isTerminal, MASTER, type TaskState, type TaskStatus } from '../types.js';
import { MasterBooks } from './master-books.js';
import { AgentRecord, type TaskRecord } from './master-records.js';

/**
 * The master's agent half (Mesos's agent registry and `__removeSlave`): registration and
 * re-registration (adopting reported tasks, dropping ones that never launched, a new incarnation
 * replacing the old), pongs, status updates routed to frameworks, and unreachable agents removed
 * after the registry write, their tasks reported to their frameworks.
 */
export abstract class AgentRegistry extends MasterBooks {
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
        if (fw?.connected)
          this.toFramework(fw, 'status-update', (c) =>
            c.onStatus({ ...this.status(t, fw.info.partitionAware ? 'TASK_DROPPED' : 'TASK_LOST'), agent: '', reason: 'REASON_RECONCILIATION' }),
          );
      }
      this.toAgent(name, 'registered', (c) => c.onRegistered(incarnation, kill));
      return;
    }
    if (existing !== undefined) this.removeAgent(existing, 'gone');
    const previous = this.unreachable.get(name);
    this.unreachable.delete(name);
    const agentClient = this.agentClients.get(name);
    const observer = new AgentObserver(
      this.options,
      this.pings,
      name,
      () => this.markUnreachable(name, incarnation),
      this.quietPings,
      agentClient !== undefined ? { client: agentClient, pong: () => this.pong(name, incarnation) } : undefined,
    );
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

  private adoptTask(a: AgentRecord, task: TaskLaunch, framework: string): void {
    this.tasks.set(task.id, { task, framework, agent: a.name, state: 'TASK_RUNNING' });
    a.addTask(task.id);
    this.allocator.recordUsed(framework, a.name, task.resources);
  }
}
