import { type EngineContext } from '../../engine.js';
import { type SimDuration } from '../../../sim/time.js';

/** What a sync reports: done, or try again later with the per-item back-off. */
export type SyncOutcome = 'done' | 'retry';

/** Delays of the per-item exponential rate limiter (client-go `ItemExponentialFailureRateLimiter`). */
export interface RateLimit {
  readonly baseDelay: SimDuration;
  readonly maxDelay: SimDuration;
}

/** client-go's exponential delay: base × 2^failures, capped. */
export function backoffDelay(limit: RateLimit, failures: number): SimDuration {
  const d = limit.baseDelay * 2 ** Math.min(failures, 52);
  return Math.min(d, limit.maxDelay) as SimDuration;
}

/**
 * A deduplicating work queue of keys, as in client-go: a key added while already queued is queued
 * once; keys are processed in FIFO order in a zero-time step after they are added; a failed sync is
 * re-added after a per-item exponential back-off in virtual time, and forgotten after a success.
 */
export class WorkQueue {
  private readonly queue = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly delayed = new Map<string, { readonly timer: ReturnType<EngineContext['after']>; readonly readyAt: number }>();
  private scheduled = false;

  constructor(
    private readonly ctx: EngineContext,
    private readonly sync: (key: string) => SyncOutcome,
    private readonly limit: RateLimit,
  ) {}

  /** Queues a key (deduplicated). */
  add(key: string): void {
    if (this.queue.has(key)) return;
    this.queue.add(key);
    if (!this.scheduled) {
      this.scheduled = true;
      this.ctx.after(0 as SimDuration, () => this.drain());
    }
  }

  /**
   * Queues a key after a delay. A key already waiting keeps the sooner of its two ready times, as
   * client-go's delaying queue does (`waitingForQueue`: "if the entry is already in the waiting
   * queue, only update the time if it's sooner"), so a burst of `addAfter` calls is one add.
   */
  addAfter(key: string, delay: SimDuration): void {
    if (delay <= 0) return this.add(key);
    const readyAt = this.ctx.now() + delay;
    const waiting = this.delayed.get(key);
    if (waiting !== undefined) {
      if (waiting.readyAt <= readyAt) return;
      this.ctx.cancel(waiting.timer);
    }
    const timer = this.ctx.after(delay, () => {
      this.delayed.delete(key);
      this.add(key);
    });
    this.delayed.set(key, { timer, readyAt });
  }

  /** Re-queues a key with its exponential back-off and counts the failure. */
  addRateLimited(key: string): void {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    this.addAfter(key, backoffDelay(this.limit, n));
  }

  /** Clears the failure count of a key. */
  forget(key: string): void {
    this.failures.delete(key);
  }

  /** Keys waiting to be processed now. */
  get length(): number {
    return this.queue.size;
  }

  private drain(): void {
    this.scheduled = false;
    const keys = [...this.queue];
    this.queue.clear();
    for (const key of keys) {
      if (this.sync(key) === 'retry') this.addRateLimited(key);
      else this.forget(key);
    }
  }
}
