/** How a poll reply relates to the replies received before it. */
export type ReplyOrder = 'stale' | 'in-order' | 'gap';

/** Poll numbers of one polled machine. */
interface PollLink {
  /** The last poll sent (0: none). */
  seq: number;
  /** The number of the last reply received (0: none). */
  acked: number;
  /** Polls in a row whose reply had not come when the next poll was due. */
  missed: number;
}

/**
 * The bookkeeping of a master that polls its machines (the pull model of Borg's Borgmaster, [B] §3.3,
 * and of a shared-state cell that polls agents the same way): every poll of a machine gets the next
 * number of that machine, every reply carries the number of the poll it answers. A poll whose reply had
 * not come by the time the next poll is sent counts as missed, and the count starts over with any
 * newer reply; the engine decides how many misses make a machine down. Replies may overtake each
 * other or be lost: a reply older than one already received is `stale` (nothing new in it), one that
 * skips a number is a `gap` (a reply in between was lost, so a diff may be missing and the engine
 * asks for the full state). Pure bookkeeping: it sends nothing and schedules nothing.
 */
export class PollLinks {
  private readonly links: PollLink[];

  /** @param machines how many machines are polled (numbered 0 … machines − 1). */
  constructor(machines: number) {
    this.links = Array.from({ length: machines }, () => ({ seq: 0, acked: 0, missed: 0 }));
  }

  /**
   * A poll of machine `i` goes out now. Returns its number, the last reply received (the ack the poll
   * carries) and the misses in a row counted so far, `missedNow` true when this poll found the
   * previous one unanswered (the count just grew).
   */
  send(i: number): { seq: number; acked: number; missed: number; missedNow: boolean } {
    const link = this.link(i);
    const missedNow = link.seq > link.acked;
    if (missedNow) link.missed++;
    const seq = ++link.seq;
    return { seq, acked: link.acked, missed: link.missed, missedNow };
  }

  /** The reply to poll `seq` of machine `i` arrived: how it relates to the earlier ones (a non-stale one resets the missed count). */
  received(i: number, seq: number): ReplyOrder {
    const link = this.link(i);
    if (seq <= link.acked) return 'stale';
    const order: ReplyOrder = seq === link.acked + 1 ? 'in-order' : 'gap';
    link.acked = seq;
    link.missed = 0;
    return order;
  }

  /** Polls of machine `i` in a row left unanswered so far. */
  missed(i: number): number {
    return this.link(i).missed;
  }

  private link(i: number): PollLink {
    const link = this.links[i];
    if (link === undefined) throw new Error(`PollLinks: no machine ${i} (polling ${this.links.length})`);
    return link;
  }
}
