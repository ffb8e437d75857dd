import { type TimerHandle } from '../../../sim/event-queue.js';
import { type SimDuration } from '../../../sim/time.js';
import { type EngineContext } from '../../engine.js';

/**
 * Marathon's readiness checks (docs/docs/readiness-checks.md): Marathon itself, not the executor,
 * polls a task's readiness endpoint over HTTP once it knows the task runs, every `intervalSeconds`
 * (30 s), until one answer says ready; then it stops checking that task. Each poll is an rpc from the
 * framework to the task's node and an rpc back; a poll lost to a partition is simply retried at the
 * next interval. The first poll goes out as soon as Marathon learns the task runs.
 */
export class ReadinessPoller {
  private readonly polls = new Map<string, TimerHandle>();

  constructor(
    private readonly ctx: EngineContext,
    /** The framework's endpoint on the network. */
    private readonly endpoint: string,
    private readonly interval: SimDuration,
  ) {}

  /** Starts polling task `id` on `node`; `ready` is called once, when an answer says ready. */
  start(id: string, node: string, ready: () => void): void {
    this.stop(id);
    const poll = (): void => {
      this.polls.set(id, this.ctx.after(this.interval, poll));
      this.ctx.net.send('rpc', this.endpoint, node, 'readiness-check', () => {
        const answer = this.ctx.cluster.agent(node).probeReady(id);
        this.ctx.net.send('rpc', node, this.endpoint, 'readiness-answer', () => {
          if (!answer || !this.polls.has(id)) return;
          this.stop(id);
          ready();
        });
      });
    };
    poll();
  }

  /** Stops polling a task (ready, gone, or the framework crashed). */
  stop(id: string): void {
    const t = this.polls.get(id);
    if (t === undefined) return;
    this.ctx.cancel(t);
    this.polls.delete(id);
  }

  /** Stops every poll. */
  stopAll(): void {
    for (const id of [...this.polls.keys()]) this.stop(id);
  }
}
