/** A change with the number that acknowledges it (0: not numbered yet). */
interface NumberedChange<T> {
  seq: number;
  readonly value: T;
}

/**
 * A machine agent's changes (launches received, instances started or ended, launches refused) that it
 * repeats in every reply to the master's polls until a poll acknowledges them: a reply lost on the way
 * then costs one poll period, never a change the master does not learn of ([B] §3.3: the Borglet
 * reports what changed; the link shard passes only the differences on). A change is numbered either
 * when it happens (the agent's own sequence, given to `add`) or by the first reply that carries it
 * (`carry`); a poll that acknowledges number n drops every change numbered n or lower, and never one
 * still unnumbered. Order is kept: changes come out in the order they were added.
 */
export class UnackedChanges<T> {
  private changes: NumberedChange<T>[] = [];

  /** Records a change, numbered `seq` now or, with 0 (the default), by the first reply that carries it. */
  add(value: T, seq = 0): void {
    this.changes.push({ seq, value });
  }

  /** The master has everything numbered `acked` or lower: drop it. */
  dropAckedThrough(acked: number): void {
    if (this.changes.length > 0) this.changes = this.changes.filter((c) => c.seq === 0 || c.seq > acked);
  }

  /** The changes a reply numbered `replySeq` carries (all that are left); unnumbered ones take that number. */
  carry(replySeq: number): T[] {
    return this.changes.map((c) => {
      if (c.seq === 0) c.seq = replySeq;
      return c.value;
    });
  }

  /** The changes still unacknowledged, oldest first (a fresh array). */
  values(): T[] {
    return this.changes.map((c) => c.value);
  }

  /** How many changes are unacknowledged. */
  get size(): number {
    return this.changes.length;
  }

  /** Forgets every change (the agent rebooted or crashed: its changes are gone with it). */
  clear(): void {
    this.changes = [];
  }
}
