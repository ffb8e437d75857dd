import { type NodeSpec } from '../../../cluster/node.js';
import { type TaskExit, type TaskLaunch } from '../../../cluster/task.js';
import { type TimerHandle } from '../../../sim/event-queue.js';
import { type Rng } from '../../../sim/rng.js';
import { type SimDuration, type SimTime } from '../../../sim/time.js';
import { type EngineContext, type NodeAgentApi } from '../../engine.js';
import { SilenceWatchdog } from '../../kit/index.js';
import { type MesosMaster } from '../master/master.js';
import { type MesosOptions } from '../options.js';
import { type AgentClient, MASTER, type MesosTask, type TaskState, type TaskStatus } from '../types.js';
import { HealthChecker } from './health-checker.js';

const EXIT_STATE: Readonly<Record<TaskExit, TaskState>> = { finished: 'TASK_FINISHED', failed: 'TASK_FAILED', stopped: 'TASK_KILLED' };

/**
 * A Mesos agent on one node: registers with the master (random backoff, doubling up to 1 min),
 * answers pings, launches and kills tasks through the node's agent handle, and sends status
 * updates that it re-sends until the framework acknowledges them (the status update manager). When
 * no ping arrives for agent_ping_timeout × max_agent_ping_timeouts it assumes the master lost it
 * and re-registers. A reboot makes a new incarnation (Mesos: a new agent id); the old tasks are gone.
 */
export class MesosAgent implements AgentClient {
  readonly name: string;
  private readonly api: NodeAgentApi;
  private readonly rng: Rng;
  private incarnation = 1;
  private alive = true;
  private registered = false;
  private readonly owners = new Map<string, { framework: string; task: TaskLaunch }>();
  private readonly unacked = new Map<string, TaskStatus>();
  private retryTimer: TimerHandle | undefined;
  private retryDelay: SimDuration;
  private registerTimer: TimerHandle | undefined;
  private registerAttempt = 0;
  /**
   * The agent's own check that the master still pings it (Slave::pingTimeout): when no ping came for
   * agent_ping_timeout × max_agent_ping_timeouts it re-registers.
   */
  private readonly watchdog: SilenceWatchdog;
  /** The executors' health checks of tasks that have one. */
  private readonly health: HealthChecker;
  /** Tasks killed because they failed too many health checks (their TASK_KILLED says unhealthy). */
  private readonly killedUnhealthy = new Set<string>();

  constructor(
    private readonly ctx: EngineContext,
    private readonly options: MesosOptions,
    node: NodeSpec,
    private readonly master: MesosMaster,
  ) {
    this.name = node.name;
    this.api = ctx.cluster.agent(node.name);
    this.rng = ctx.rng.split(`agent:${node.name}`);
    this.retryDelay = options.statusUpdateRetryMin;
    const silenceLimit = (options.agentPingTimeout * options.maxAgentPingTimeouts) as SimDuration;
    this.watchdog = new SilenceWatchdog(
      ctx,
      silenceLimit,
      () => this.masterLost(),
      () => this.alive && this.registered,
    );
    this.health = new HealthChecker(ctx);
  }

  /** Listens to the machine's lifecycle and registers. */
  start(): void {
    this.api.onLifecycle((change) => (change === 'crashed' ? this.crashed() : this.booted()));
    this.scheduleRegistration();
  }

  onRegistered(incarnation: number, kill: readonly string[]): void {
    if (!this.alive || incarnation !== this.incarnation || this.registered) return;
    this.registered = true;
    this.registerAttempt = 0;
    if (this.registerTimer !== undefined) this.ctx.cancel(this.registerTimer);
    this.registerTimer = undefined;
    this.watchdog.heard();
    for (const id of kill) this.api.stop(id);
    for (const s of this.unacked.values()) this.sendStatus(s);
    this.watchdog.arm();
  }

  onPing(): void {
    if (!this.alive) return;
    this.watchdog.heard();
    const inc = this.incarnation;
    this.ctx.net.send('heartbeat', this.name, MASTER, 'pong', () => this.master.pong(this.name, inc));
  }

  restWatchdog(): boolean {
    if (!this.alive || !this.registered) return false;
    this.watchdog.stop();
    return true;
  }

  wakeWatchdog(lastHeard: SimTime | undefined): void {
    if (lastHeard !== undefined) this.watchdog.heard(lastHeard);
    if (this.alive && this.registered) this.watchdog.arm();
  }

  onRunTask(info: MesosTask, framework: string): void {
    if (!this.alive) return;
    // The harness's launch without the TaskInfo's health check (the cluster runs the process only).
    const { healthCheck, ...launch } = info;
    const task: TaskLaunch = healthCheck === undefined ? info : launch;
    if (!this.api.fits(task)) {
      this.update({ taskId: task.id, framework, agent: this.name, state: 'TASK_DROPPED', reason: 'REASON_RESOURCES', task });
      return;
    }
    this.owners.set(task.id, { framework, task });
    const inc = this.incarnation;
    const status = (state: TaskState, healthy?: boolean): TaskStatus => ({
      taskId: task.id,
      framework,
      agent: this.name,
      state,
      task,
      ...(healthy === undefined ? {} : { healthy }),
    });
    const r = this.api.launch(task, {
      onRunning: () => {
        if (inc !== this.incarnation) return;
        this.update(status('TASK_RUNNING'));
        if (healthCheck === undefined) return;
        this.health.start({
          id: task.id,
          options: healthCheck,
          probe: () => this.api.probeReady(task.id),
          report: (healthy) => this.update(status('TASK_RUNNING', healthy)),
          kill: () => {
            this.killedUnhealthy.add(task.id);
            this.api.stop(task.id);
          },
        });
      },
      onExit: (exit) => {
        if (inc !== this.incarnation) return;
        this.owners.delete(task.id);
        this.health.stop(task.id);
        const unhealthy = this.killedUnhealthy.delete(task.id);
        this.update(status(EXIT_STATE[exit], unhealthy ? false : undefined));
      },
    });
    if (r.kind === 'node-down') this.owners.delete(task.id);
  }

  onKillTask(taskId: string): void {
    if (this.alive && this.owners.has(taskId)) this.api.stop(taskId);
  }

  onAck(taskId: string, state: TaskState): void {
    if (this.unacked.get(taskId)?.state === state) this.unacked.delete(taskId);
    if (this.unacked.size === 0 && this.retryTimer !== undefined) {
      this.ctx.cancel(this.retryTimer);
      this.retryTimer = undefined;
      this.retryDelay = this.options.statusUpdateRetryMin;
    }
  }

  onShutdownFramework(framework: string): void {
    if (!this.alive) return;
    for (const [id, o] of [...this.owners]) if (o.framework === framework) this.api.stop(id);
  }

  private update(status: TaskStatus): void {
    this.unacked.set(status.taskId, status);
    if (this.registered) this.sendStatus(status);
    if (this.retryTimer === undefined) this.armRetry();
  }

  private sendStatus(status: TaskStatus): void {
    const inc = this.incarnation;
    this.ctx.net.send('rpc', this.name, MASTER, 'status-update', () => this.master.statusUpdate(this.name, inc, status));
  }

  /** Re-sends unacknowledged updates, 10 s then doubling up to 10 min (status update manager). */
  private armRetry(): void {
    this.retryTimer = this.ctx.after(this.retryDelay, () => {
      this.retryTimer = undefined;
      if (!this.alive || this.unacked.size === 0) return;
      if (this.registered) for (const s of this.unacked.values()) this.sendStatus(s);
      this.retryDelay = Math.min(this.retryDelay * 2, this.options.statusUpdateRetryMax) as SimDuration;
      this.armRetry();
    });
  }

  /** Registration attempts after a random delay in [0, backoff × 2^n], n capped so the delay ≤ 1 min. */
  private scheduleRegistration(): void {
    if (this.registerTimer !== undefined) return;
    const cap = Math.min(this.options.registrationBackoff * 2 ** this.registerAttempt, this.options.registrationBackoffMax);
    this.registerAttempt++;
    const delay = Math.floor(this.rng.float() * cap) as SimDuration;
    this.registerTimer = this.ctx.after(delay, () => {
      this.registerTimer = undefined;
      if (!this.alive || this.registered) return;
      const inc = this.incarnation;
      const running = [...this.owners.values()].map((o) => ({ task: o.task, framework: o.framework }));
      this.ctx.net.send('rpc', this.name, MASTER, 'register', () => this.master.registerAgent(this.name, inc, running));
      this.scheduleRegistration();
    });
  }

  /** No ping for the watchdog's limit: the master lost us, register again. */
  private masterLost(): void {
    this.registered = false;
    this.scheduleRegistration();
  }

  private crashed(): void {
    this.alive = false;
    this.registered = false;
    for (const t of [this.retryTimer, this.registerTimer]) if (t !== undefined) this.ctx.cancel(t);
    this.retryTimer = this.registerTimer = undefined;
    this.watchdog.stop();
    this.health.stopAll();
    this.killedUnhealthy.clear();
    this.owners.clear();
    this.unacked.clear();
    this.retryDelay = this.options.statusUpdateRetryMin;
  }

  private booted(): void {
    this.alive = true;
    this.incarnation++;
    this.registerAttempt = 0;
    this.scheduleRegistration();
  }
}
