import { type TimerHandle } from '../../../sim/event-queue.js';
import { type SimDuration } from '../../../sim/time.js';
import { type EngineContext } from '../../engine.js';
import { type MesosOptions } from '../options.js';
import { type AgentClient } from '../types.js';

/** What a delivered ping does (one function for every ping). */
const PING = (c: AgentClient): void => c.onPing();

/**
 * The master's health check of one agent, as Mesos's `SlaveObserver` (src/master/master.cpp): every
 * agent_ping_timeout it pings; a ping still unanswered when the next timeout fires counts one
 * timeout; a pong resets the count; at max_agent_ping_timeouts consecutive timeouts the agent is
 * marked unreachable. With the defaults that is 75–90 s after the agent stops answering.
 */
export class AgentObserver {
  private pinged = false;
  private timeouts = 0;
  private stopped = false;
  private send: ((label: string, fn: (c: AgentClient) => void) => void) | undefined;

  constructor(
    private readonly options: MesosOptions,
    private readonly pings: PingScheduler,
    readonly agent: string,
    private readonly onUnreachable: () => void,
  ) {}

  /** Pings now and then every agent_ping_timeout; `send` delivers a ping over the heartbeat channel. */
  start(send: (label: string, fn: (c: AgentClient) => void) => void): void {
    this.send = send;
    this.tick();
    if (!this.stopped) this.pings.add(this);
  }

  /** One agent_ping_timeout has passed since the last ping. */
  tick(): void {
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
    this.send?.('ping', PING);
  }

  /** The agent answered. */
  pong(): void {
    this.pinged = false;
    this.timeouts = 0;
  }

  stop(): void {
    this.stopped = true;
    this.pings.remove(this);
  }
}

/**
 * Drives every observer's `tick` with one timer per phase bucket instead of one per agent: observers
 * that started within the same `granularity` slice of the ping period share a timer. A cluster of
 * 10,000 agents then costs about period / granularity timer events per period instead of 10,000,
 * and a ping is late by less than `granularity` (the 75–90 s detection window moves by < 0.1 s).
 */
export class PingScheduler {
  private readonly buckets = new Map<number, { readonly members: Set<AgentObserver>; timer: TimerHandle | undefined }>();
  private readonly bucketOf = new Map<AgentObserver, number>();

  constructor(
    private readonly ctx: EngineContext,
    private readonly period: SimDuration,
    private readonly granularity: SimDuration,
  ) {}

  add(o: AgentObserver): void {
    const key = Math.floor((this.ctx.now() % this.period) / Math.max(1, this.granularity));
    let b = this.buckets.get(key);
    if (b === undefined) {
      b = { members: new Set(), timer: undefined };
      this.buckets.set(key, b);
    }
    b.members.add(o);
    this.bucketOf.set(o, key);
    if (b.timer === undefined) this.arm(key, b);
  }

  remove(o: AgentObserver): void {
    const key = this.bucketOf.get(o);
    if (key === undefined) return;
    this.bucketOf.delete(o);
    this.buckets.get(key)?.members.delete(o);
  }

  private arm(key: number, b: { readonly members: Set<AgentObserver>; timer: TimerHandle | undefined }): void {
    b.timer = this.ctx.after(this.period, () => {
      b.timer = undefined;
      for (const o of [...b.members]) o.tick();
      if (b.members.size > 0) this.arm(key, b);
      else this.buckets.delete(key);
    });
  }
}
