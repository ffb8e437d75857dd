import { type TimerHandle } from '../../../sim/event-queue.js';
import { type SimDuration, type SimTime } from '../../../sim/time.js';
import { type EngineContext } from '../../engine.js';
import { type HealthCheckOptions } from '../options.js';

/** What the checker needs of its agent for one task. */
export interface CheckedTask {
  readonly id: string;
  readonly options: HealthCheckOptions;
  /** Runs the check on the node now: true when the task's app answers healthy. */
  readonly probe: () => boolean;
  /** Sends a status update carrying the result (TASK_RUNNING with `healthy`). */
  readonly report: (healthy: boolean) => void;
  /** Kills the task: it failed `maxConsecutiveFailures` checks in a row. */
  readonly kill: () => void;
}

interface Check {
  readonly task: CheckedTask;
  readonly startedAt: SimTime;
  timer: TimerHandle | undefined;
  failures: number;
  /** The last result reported; undefined before the first. */
  healthy: boolean | undefined;
  /** Healthy at least once: the grace period is over for good. */
  healthyOnce: boolean;
}

/**
 * Mesos-native health checks (Mesos ≥ 1.2, docs/health-checks.md; Marathon's MESOS_HTTP checks), run
 * by the executor beside each task on the agent, not by the scheduler: the first check `delay` after
 * the task runs, then every `interval`. A passing check after a failure, or the first pass, sends a
 * TASK_RUNNING status update with `healthy: true`; every failing check outside the grace period
 * (`gracePeriod` from the task's start, until it has been healthy once) sends one with `healthy:
 * false`, and `maxConsecutiveFailures` failures in a row (0: never) make the executor kill the task.
 * The status updates go through the agent's status update manager like any other (re-sent until
 * acknowledged), so the framework learns a result one agent → master → framework path later.
 */
export class HealthChecker {
  private readonly checks = new Map<string, Check>();

  constructor(private readonly ctx: EngineContext) {}

  /** The task runs now: its checks begin after the delay. */
  start(task: CheckedTask): void {
    this.stop(task.id);
    const check: Check = { task, startedAt: this.ctx.now(), timer: undefined, failures: 0, healthy: undefined, healthyOnce: false };
    this.checks.set(task.id, check);
    this.schedule(check, task.options.delay);
  }

  /** The task is gone (or the agent died): no more checks. */
  stop(id: string): void {
    const c = this.checks.get(id);
    if (c === undefined) return;
    if (c.timer !== undefined) this.ctx.cancel(c.timer);
    this.checks.delete(id);
  }

  /** Stops every check (the node crashed). */
  stopAll(): void {
    for (const id of [...this.checks.keys()]) this.stop(id);
  }

  private schedule(c: Check, after: SimDuration): void {
    c.timer = this.ctx.after(after, () => {
      c.timer = undefined;
      if (this.checks.get(c.task.id) !== c) return;
      this.run(c);
    });
  }

  private run(c: Check): void {
    const o = c.task.options;
    if (c.task.probe()) {
      c.failures = 0;
      c.healthyOnce = true;
      if (c.healthy !== true) {
        c.healthy = true;
        c.task.report(true);
      }
    } else if (c.healthyOnce || this.ctx.now() - c.startedAt >= o.gracePeriod) {
      c.failures++;
      c.healthy = false;
      c.task.report(false);
      if (o.maxConsecutiveFailures > 0 && c.failures >= o.maxConsecutiveFailures) {
        this.stop(c.task.id);
        c.task.kill();
        return;
      }
    }
    this.schedule(c, o.interval);
  }
}
