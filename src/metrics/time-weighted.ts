import { type SimTime } from '../sim/time.js';

/**
 * The time-weighted average of a piecewise-constant quantity: call {@link set} whenever it changes;
 * {@link average} integrates up to a given time.
 */
export class TimeWeighted {
  private value = 0;
  private since: number;
  private integral = 0;
  private peak = 0;

  constructor(private readonly start: SimTime) {
    this.since = start;
  }

  get current(): number {
    return this.value;
  }

  get max(): number {
    return this.peak;
  }

  set(now: SimTime, value: number): void {
    this.integral += this.value * (now - this.since);
    this.since = now;
    this.value = value;
    if (value > this.peak) this.peak = value;
  }

  add(now: SimTime, delta: number): void {
    this.set(now, this.value + delta);
  }

  /** Average over [start, until]; the current value if the span is empty. */
  average(until: SimTime): number {
    const span = until - this.start;
    if (span <= 0) return this.value;
    return (this.integral + this.value * (until - this.since)) / span;
  }
}
