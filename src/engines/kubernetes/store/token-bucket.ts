import { type SimDuration, type SimTime } from '../../../sim/time.js';

/**
 * A client-side token bucket as client-go's `flowcontrol.NewTokenBucketRateLimiter(qps, burst)`
 * (golang.org/x/time/rate underneath): it starts full with `burst` tokens, refills `qps` tokens per
 * second up to `burst`, and every request takes one token. A request that finds none waits until
 * its token has refilled; the token is reserved at once, so waiting requests go out in the order
 * they asked (the bucket runs into debt, `rate.Limiter.reserveN`).
 */
export class TokenBucket {
  private tokens: number;
  private last: SimTime | undefined;

  constructor(
    /** Tokens per second (> 0). */
    readonly qps: number,
    /** Bucket size (≥ 1): how many requests may go out at once after a quiet spell. */
    readonly burst: number,
  ) {
    if (!(qps > 0) || !Number.isFinite(qps)) throw new RangeError(`a token bucket needs qps > 0, got ${qps}`);
    if (!Number.isInteger(burst) || burst < 1) throw new RangeError(`a token bucket needs an integer burst ≥ 1, got ${burst}`);
    this.tokens = burst;
  }

  /**
   * Takes one token for a request made at `now` and returns how long the request must wait for it
   * (0 when a token was there), rounded up to a whole microsecond.
   */
  reserve(now: SimTime): SimDuration {
    if (this.last !== undefined && now > this.last) this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.qps) / 1_000_000);
    if (this.last === undefined || now > this.last) this.last = now;
    this.tokens -= 1;
    // A shortfall below a millionth of a token is rounding in the refill sum, not a wait.
    if (this.tokens > -1e-6) return 0 as SimDuration;
    return Math.ceil((-this.tokens * 1_000_000) / this.qps) as SimDuration;
  }
}
