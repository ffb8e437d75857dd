import { type SimDuration } from '../../sim/time.js';
import { type EngineContext } from '../engine.js';
import { PollLinks, repeatEvery } from '../kit/index.js';
import { type PollReport, type PollRequest } from './messages.js';

/** What the poll loop asks of the Borgmaster. */
export interface PollHost {
  /** The requests for machine `i` to send now (taken out of its outbox), and whether to ask for its full state. */
  requests(i: number, seq: number): Pick<PollRequest, 'kills' | 'launches' | 'full'>;
  /** Machine `i` left `missed` polls in a row unanswered (called at every further miss too). */
  silent(i: number, missed: number): void;
  /** A reply of machine `i`; `gap`: a reply before it was lost or came out of order. */
  report(i: number, report: PollReport, gap: boolean): void;
  /** Sends the poll to the machine's Borglet. */
  send(i: number, req: PollRequest): void;
}

/**
 * The Borgmaster's poll of every Borglet ([B] §3.3: "every few seconds", a pull model: the master
 * sets the pace, Borglets never push). Machine i is first polled i/n of a period after the start, so
 * the polls of a cell are spread over the period instead of bursting. A poll whose reply has not come
 * by the next one counts as missed; each further miss is reported to the host, which marks the
 * machine down once the count reaches its limit.
 */
export class Polling {
  private readonly links: PollLinks;

  constructor(
    private readonly ctx: EngineContext,
    private readonly period: SimDuration,
    private readonly machines: number,
    private readonly host: PollHost,
  ) {
    this.links = new PollLinks(machines);
  }

  start(): void {
    const n = this.machines;
    for (let i = 0; i < n; i++) {
      const offset = Math.floor((this.period * i) / n) as SimDuration;
      this.ctx.after(offset, () => {
        this.poll(i);
        repeatEvery(this.ctx, this.period, () => this.poll(i));
      });
    }
  }

  /** A reply arrived from machine i. */
  received(i: number, report: PollReport): void {
    const order = this.links.received(i, report.seq);
    if (order === 'stale') return; // an older reply overtaken by a newer one: nothing new in it
    this.host.report(i, report, order === 'gap');
  }

  private poll(i: number): void {
    const poll = this.links.send(i);
    if (poll.missedNow) this.host.silent(i, poll.missed);
    this.host.send(i, { seq: poll.seq, acked: poll.acked, ...this.host.requests(i, poll.seq) });
  }
}
