import { type SimDuration, type SimTime } from '../../../sim/time.js';
import { type BackoffOptions } from '../options.js';

/**
 * Marathon's per-app launch backoff (core/launchqueue/impl/RateLimiter.scala, docs/docs/backoff.md):
 * the first failure sets the delay to `initial`, each further one multiplies it by `factor` up to
 * `max`; a new version resets it, and so does a quiet period of delay + max with no failure.
 */
export class LaunchBackoff {
  private delay = 0;
  private lastFailure: SimTime | undefined;
  /** No launch before this instant. */
  nextLaunchAt = 0 as SimTime;

  constructor(private readonly options: BackoffOptions) {}

  /** A task of the app failed or finished at `now` (TASK_KILLED does not count). */
  failed(now: SimTime): void {
    if (this.lastFailure !== undefined && now - this.lastFailure > this.delay + this.options.max) this.delay = 0;
    this.delay = this.delay === 0 ? Math.min(this.options.initial, this.options.max) : Math.min(Math.round(this.delay * this.options.factor), this.options.max);
    this.lastFailure = now;
    this.nextLaunchAt = (now + this.delay) as SimTime;
  }

  /** A new app version resets the delay. */
  reset(): void {
    this.delay = 0;
    this.lastFailure = undefined;
    this.nextLaunchAt = 0 as SimTime;
  }

  ready(now: SimTime): boolean {
    return now >= this.nextLaunchAt;
  }

  /** The current delay (for tests and explanations). */
  get current(): SimDuration {
    return this.delay as SimDuration;
  }
}
