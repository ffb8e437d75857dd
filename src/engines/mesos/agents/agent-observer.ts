import { type TimerHandle } from '../../../sim/event-queue.js';
import { type SimDuration, type SimTime } from '../../../sim/time.js';
import { type ClosedFormNetwork, type EngineContext } from '../../engine.js';
import { type MessageTally, QuietRun } from '../../kit/index.js';
import { type MesosOptions } from '../options.js';
import { type AgentClient, MASTER } from '../types.js';

/** What a delivered ping does (one function for every ping). */
const PING = (c: AgentClient): void => c.onPing();

/** What every observer of a trial shares to count its pings in closed form. */
export interface QuietPingSetup {
  readonly net: ClosedFormNetwork;
  /** The heartbeat channel's constant delay (a ping's and a pong's). */
  readonly heartbeat: SimDuration;
  readonly tally: MessageTally;
}

/**
 * The closed-form setup when the context provides it and a ping and its pong take a constant time
 * shorter than the ping period (so at most one ping is on its way at a time); undefined otherwise.
 */
export function quietPingSetup(ctx: EngineContext, tally: MessageTally, period: SimDuration): QuietPingSetup | undefined {
  const net = ctx.net.closedForm;
  const heartbeat = net?.fixed('heartbeat');
  if (net === undefined || heartbeat === undefined || 2 * heartbeat >= period) return undefined;
  return { net, heartbeat, tally };
}

/** The agent end of one observer's pings: who a ping is for and where its pong goes. */
export interface PingedAgent {
  readonly client: AgentClient;
  /** The pong of this registration arrives at the master. */
  readonly pong: () => void;
}

/**
 * The master's health check of one agent, as Mesos's `SlaveObserver` (src/master/master.cpp): every
 * agent_ping_timeout it pings; a ping still unanswered when the next timeout fires counts one
 * timeout; a pong resets the count; at max_agent_ping_timeouts consecutive timeouts the agent is
 * marked unreachable. With the defaults that is 75–90 s after the agent stops answering.
 *
 * While the agent is up, reachable and registered and every ping is answered, the pings are known in
 * closed form ({@link QuietPingSetup}): counted, not sent, and the agent's own watchdog rests (it
 * could not fire). At a crash, boot, cut or heal of the node the run ends: a ping or pong still on its
 * way arrives explicitly, the agent's watchdog watches again from the last ping that arrived, and
 * the pings are sent again until one is answered.
 */
export class AgentObserver {
  private pinged = false;
  private timeouts = 0;
  private stopped = false;
  private send: ((label: string, fn: (c: AgentClient) => void) => void) | undefined;
  private run: QuietRun | undefined;

  constructor(
    private readonly options: MesosOptions,
    private readonly pings: PingScheduler,
    readonly agent: string,
    private readonly onUnreachable: () => void,
    private readonly quiet?: QuietPingSetup,
    private readonly target?: PingedAgent,
  ) {
    if (quiet && target) quiet.net.onReachabilityChange(agent, () => this.settle());
  }

  /** Pings now and then every agent_ping_timeout; `send` delivers a ping over the heartbeat channel. */
  start(send: (label: string, fn: (c: AgentClient) => void) => void): void {
    this.send = send;
    this.tick();
    if (!this.stopped) this.pings.add(this);
  }

  /** One agent_ping_timeout has passed since the last ping (a counted one sends nothing). */
  tick(): void {
    if (this.stopped || this.run !== undefined) return;
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

  /** The agent answered: with nothing else awaited, the next pings are counted instead of sent. */
  pong(): void {
    this.pinged = false;
    this.timeouts = 0;
    const next = this.pings.nextTick(this);
    if (this.quiet === undefined || this.stopped || next === undefined || this.target?.client.restWatchdog() !== true) return;
    this.run = new QuietRun(next, this.options.agentPingTimeout);
  }

  stop(): void {
    this.settle();
    this.stopped = true;
    this.pings.remove(this);
  }

  /** Counts what the counted pings sent up to `end` inclusive (all delivered: nothing changed). */
  finish(end: SimTime): void {
    if (this.run !== undefined) this.tallyRun(this.run, end, true);
  }

  /**
   * Ends the run of counted pings now (a reachability change runs before any engine event of its
   * instant; a stop): the pings before now are counted, a ping or pong still on its way arrives
   * explicitly, and the agent's watchdog watches from the last ping that arrived; the observer pings
   * explicitly from its next tick, unless it stopped.
   */
  private settle(): void {
    const run = this.run;
    const q = this.quiet;
    const agent = this.target;
    if (run === undefined || q === undefined || agent === undefined) return;
    this.run = undefined;
    const now = this.pings.now();
    this.tallyRun(run, now, false);
    const h = q.heartbeat;
    const t = run.lastBeatBefore(now);
    let lastHeard: SimTime | undefined;
    if (t !== undefined) {
      const previous = t - run.period >= run.first ? ((t - run.period + h) as SimTime) : undefined;
      if (t + h >= now) {
        this.pinged = true;
        lastHeard = previous;
        q.net.arrive('heartbeat', MASTER, this.agent, 'ping', (t + h) as SimTime, () => agent.client.onPing());
      } else {
        lastHeard = (t + h) as SimTime;
        if (t + 2 * h >= now) {
          this.pinged = true;
          q.net.arrive('heartbeat', this.agent, MASTER, 'pong', (t + 2 * h) as SimTime, agent.pong);
        }
      }
    }
    agent.client.wakeWatchdog(lastHeard);
  }

  private tallyRun(run: QuietRun, time: SimTime, inclusive: boolean): void {
    const q = this.quiet as QuietPingSetup;
    q.tally.message('heartbeat', 'ping', run.hopsBy(q.heartbeat, time, inclusive));
    q.tally.message('heartbeat', 'pong', run.hopsBy(2 * q.heartbeat, time, inclusive));
  }
}

/** Observers that share a ping timer, and when it fires next. */
interface PingBucket {
  readonly members: Set<AgentObserver>;
  timer: TimerHandle | undefined;
  next: SimTime;
}

/**
 * Drives every observer's `tick` with one timer per phase bucket instead of one per agent: observers
 * that started within the same `granularity` slice of the ping period share a timer. A cluster of
 * 10,000 agents then costs about period / granularity timer events per period instead of 10,000,
 * and a ping is late by less than `granularity` (the 75–90 s detection window moves by < 0.1 s).
 */
export class PingScheduler {
  private readonly buckets = new Map<number, PingBucket>();
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
      b = { members: new Set(), timer: undefined, next: 0 as SimTime };
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

  /** Current virtual time. */
  now(): SimTime {
    return this.ctx.now();
  }

  /** When the observer's bucket pings next (undefined: the observer is in none). */
  nextTick(o: AgentObserver): SimTime | undefined {
    const key = this.bucketOf.get(o);
    const b = key === undefined ? undefined : this.buckets.get(key);
    return b?.timer === undefined ? undefined : b.next;
  }

  private arm(key: number, b: PingBucket): void {
    b.next = (this.ctx.now() + this.period) as SimTime;
    b.timer = this.ctx.after(this.period, () => {
      b.timer = undefined;
      for (const o of [...b.members]) o.tick();
      if (b.members.size > 0) this.arm(key, b);
      else this.buckets.delete(key);
    });
  }
}
