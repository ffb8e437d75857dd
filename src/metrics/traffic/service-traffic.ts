import { averageRate, type Prices, rateBreakpoints, type ServiceLevel, type TrafficSpec } from '../../intents/traffic.js';
import { type SimTime } from '../../sim/time.js';
import { isOverloaded, responseQuantile } from '../queueing.js';
import { addSegment, closeWindow, openWindow, queueOf, TRAFFIC_WINDOW, type TrafficWindowRow, type WindowParts } from './traffic-window.js';

/**
 * One service's request traffic over time, folded lazily: between two changes (a replica starts or
 * stops receiving traffic, starts or stops holding resources) nothing is computed; a change first
 * {@link advance}s the service to its time, cutting the elapsed span into stationary segments at
 * window boundaries and at the rate curve's own steps, and closing every window it passes.
 */
export class ServiceTraffic {
  /** Replicas receiving traffic now. */
  serving = 0;
  /** Replicas holding resources now. */
  allocated = 0;
  /** Price units per hour the service's instances cost now. */
  costRate = 0;
  /** Every closed window, in time order. */
  readonly rows: TrafficWindowRow[] = [];
  /** Total cost so far, price units (the integral of the cost rate). */
  cost = 0;
  /**
   * Spans (µs, merged, in time order) in which the instantaneous state missed the goal: the stationary
   * queue of the moment had its goal percentile above the goal's latency or its cost rate above the cap
   * (without a goal: it was overloaded). The time to restore after a load step is read from these, to
   * the microsecond rather than to the window.
   */
  readonly misses: { from: number; to: number }[] = [];
  private readonly metCache = new Map<string, boolean>();
  private folded: SimTime = 0 as SimTime;
  private window: WindowParts = openWindow(0 as SimTime);

  constructor(
    readonly name: string,
    readonly traffic: TrafficSpec,
    readonly goal: ServiceLevel | undefined,
    private readonly prices: Prices | undefined,
  ) {}

  /** Folds the time up to `to` at the current state (idempotent for `to` ≤ the time folded). */
  advance(to: SimTime): void {
    while (this.folded < to) {
      const windowEnd = (this.window.start + TRAFFIC_WINDOW) as SimTime;
      const until = (to < windowEnd ? to : windowEnd) as SimTime;
      let from = this.folded;
      for (const t of [...rateBreakpoints(this.traffic.rate, from, until), until]) {
        this.segment(from, t);
        from = t;
      }
      this.folded = until;
      if (until === windowEnd) {
        this.rows.push(closeWindow(this.window, windowEnd, this.name, this.traffic, this.goal, this.prices !== undefined));
        this.window = openWindow(windowEnd);
      }
    }
  }

  /** Closes the open window at `end` (a trial's last, possibly shorter, window). */
  finish(end: SimTime): void {
    this.advance(end);
    if (end > this.window.start) this.rows.push(closeWindow(this.window, end, this.name, this.traffic, this.goal, this.prices !== undefined));
    this.window = openWindow(end);
  }

  /** The last closed window that ended at or before `t`, if any. */
  lastWindowBy(t: SimTime): TrafficWindowRow | undefined {
    for (let i = this.rows.length - 1; i >= 0; i--) {
      const row = this.rows[i] as TrafficWindowRow;
      if (row.end * 1_000_000 <= t) return row;
    }
    return undefined;
  }

  private segment(from: SimTime, to: SimTime): void {
    if (to <= from) return;
    const lambda = averageRate(this.traffic.rate, from, to);
    this.cost += (this.costRate * (to - from)) / 3_600_000_000;
    addSegment(this.window, this.traffic, to - from, { lambda, serving: this.serving, allocated: this.allocated, costRate: this.costRate });
    if (lambda > 0 && !this.meetsNow(lambda)) {
      const last = this.misses[this.misses.length - 1];
      if (last && last.to === from) last.to = to;
      else this.misses.push({ from, to });
    }
  }

  /** Whether the stationary state (this rate, the serving replicas, the cost rate) meets the goal. */
  private meetsNow(lambda: number): boolean {
    const g = this.goal;
    if (g?.costPerHour !== undefined && this.prices !== undefined && this.costRate > g.costPerHour) return false;
    const key = `${lambda}/${this.serving}`;
    let met = this.metCache.get(key);
    if (met === undefined) {
      const queue = queueOf(this.traffic, lambda, this.serving);
      met = g === undefined ? !isOverloaded(queue) : responseQuantile([{ queue, weight: 1 }], g.fraction) <= g.latency / 1_000_000;
      if (this.metCache.size < 10_000) this.metCache.set(key, met);
    }
    return met;
  }
}
