import { type TimerHandle } from '../../sim/event-queue.js';
import { type EngineContext } from '../engine.js';
import { type AgentClient } from './types.js';
import { type MesosOptions } from './options.js';

/**
 * The master's health check of one agent, as Mesos's `SlaveObserver` (src/master/master.cpp): every
 * agent_ping_timeout it pings; a ping still unanswered when the next timeout fires counts one
 * timeout; a pong resets the count; at max_agent_ping_timeouts consecutive timeouts the agent is
 * marked unreachable. With the defaults that is 75–90 s after the agent stops answering.
 */
export class AgentObserver {
  private pinged = false;
  private timeouts = 0;
  private timer: TimerHandle | undefined;
  private stopped = false;

  constructor(
    private readonly ctx: EngineContext,
    private readonly options: MesosOptions,
    readonly agent: string,
    private readonly onUnreachable: () => void,
  ) {}

  /** Starts pinging; `send` delivers a ping to the agent over the heartbeat channel. */
  start(send: (label: string, fn: (c: AgentClient) => void) => void): void {
    const tick = (): void => {
      if (this.stopped) return;
      if (this.pinged) {
        this.timeouts++;
        if (this.timeouts >= this.options.maxAgentPingTimeouts) {
          this.stop();
          this.onUnreachable();
          return;
        }
      }
      this.pinged = true;
      send('ping', (c) => c.onPing());
      this.timer = this.ctx.after(this.options.agentPingTimeout, tick);
    };
    tick();
  }

  /** The agent answered. */
  pong(): void {
    this.pinged = false;
    this.timeouts = 0;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.ctx.cancel(this.timer);
    this.timer = undefined;
  }
}
