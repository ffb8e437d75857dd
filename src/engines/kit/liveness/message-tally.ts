import { type MessageClass } from '../../../cluster/events.js';
import { type SimTime } from '../../../sim/time.js';
import { type EngineContext } from '../../engine.js';

/** Delivered and dropped messages of one channel and label. */
interface MessageCount {
  readonly channel: MessageClass;
  readonly label: string;
  delivered: number;
  dropped: number;
}

/**
 * What periodic loops accounted in closed form sent and counted: messages by channel and label
 * (delivered or dropped) and named engine counters, added up while the trial runs and reported once
 * when it stops ({@link flush}, from Engine.finish) as `message-tally` and `counter` events. Totals
 * only: the observer keeps totals of both, so when they are reported changes nothing.
 */
export class MessageTally {
  private readonly messages = new Map<string, MessageCount>();
  private readonly counters = new Map<string, number>();

  /** Adds `delivered` and `dropped` messages of a channel and label. */
  message(channel: MessageClass, label: string, delivered: number, dropped = 0): void {
    if (delivered === 0 && dropped === 0) return;
    const key = `${channel}:${label}`;
    let c = this.messages.get(key);
    if (!c) this.messages.set(key, (c = { channel, label, delivered: 0, dropped: 0 }));
    c.delivered += delivered;
    c.dropped += dropped;
  }

  /** Adds `by` to the engine counter `name`. */
  counter(name: string, by: number): void {
    if (by !== 0) this.counters.set(name, (this.counters.get(name) ?? 0) + by);
  }

  /** Reports everything added so far at time `end`, and starts again from zero. */
  flush(ctx: Pick<EngineContext, 'emit'>, end: SimTime): void {
    for (const c of this.messages.values())
      ctx.emit({ kind: 'message-tally', time: end, channel: c.channel, label: c.label, delivered: c.delivered, dropped: c.dropped });
    for (const [name, by] of this.counters) ctx.emit({ kind: 'counter', time: end, name, by });
    this.messages.clear();
    this.counters.clear();
  }
}
