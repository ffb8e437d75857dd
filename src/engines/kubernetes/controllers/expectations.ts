import { type SimDuration, type SimTime } from '../../../sim/time.js';

interface Expectation {
  add: number;
  del: number;
  readonly deleting: Set<string>;
  timestamp: SimTime;
}

/**
 * `UIDTrackingControllerExpectations`: after a controller issues creates and deletes for a key it
 * waits until its informer has observed them before acting on that key again, or until the
 * expectation expires (5 min), so a stale cache never makes it create twice.
 */
export class Expectations {
  private readonly byKey = new Map<string, Expectation>();

  constructor(private readonly timeout: SimDuration) {}

  /** Sets what `key` now waits for. */
  expect(key: string, now: SimTime, adds: number, deletingUids: readonly string[]): void {
    this.byKey.set(key, { add: adds, del: deletingUids.length, deleting: new Set(deletingUids), timestamp: now });
  }

  /** True when nothing is outstanding or the expectation expired. */
  satisfied(key: string, now: SimTime): boolean {
    const e = this.byKey.get(key);
    if (!e) return true;
    return (e.add <= 0 && e.del <= 0) || now - e.timestamp > this.timeout;
  }

  /** A create was observed (or failed and will not be). */
  creationObserved(key: string): void {
    const e = this.byKey.get(key);
    if (e) e.add--;
  }

  /** A deletion of `uid` was observed (or failed). */
  deletionObserved(key: string, uid: string): void {
    const e = this.byKey.get(key);
    if (e && e.deleting.delete(uid)) e.del--;
  }

  forget(key: string): void {
    this.byKey.delete(key);
  }
}
