/**
 * One outstanding status write per key. client-go workers block on their API calls, so a key is never
 * written twice at once; here a sync that finds its key's previous write unanswered skips the write
 * and asks to be synced again when the answer arrives.
 */
export class InFlight {
  private readonly busy = new Set<string>();
  private readonly again = new Set<string>();

  constructor(private readonly resync: (key: string) => void) {}

  /** Runs `send(done)` unless a write for `key` is outstanding; `done` must be called with the answer. */
  run(key: string, send: (done: () => void) => void): void {
    if (this.busy.has(key)) {
      this.again.add(key);
      return;
    }
    this.busy.add(key);
    send(() => {
      this.busy.delete(key);
      if (this.again.delete(key)) this.resync(key);
    });
  }
}
