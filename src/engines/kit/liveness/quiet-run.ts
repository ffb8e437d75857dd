import { type SimDuration, type SimTime } from '../../../sim/time.js';

/**
 * A run of beats of a periodic loop that are accounted in closed form instead of simulated: beats at
 * `first`, `first + period`, `first + 2·period`, … for as long as the run lasts. Each beat sends
 * messages whose hops happen at fixed offsets after it (constant latencies), so how many hops of a
 * kind happened by a time is arithmetic. Pure: it schedules nothing.
 */
export class QuietRun {
  constructor(
    /** The first beat the run accounts. */
    readonly first: SimTime,
    readonly period: SimDuration,
  ) {
    if (!(period > 0)) throw new RangeError(`QuietRun: period ${period} must be positive`);
  }

  /**
   * How many beats have a hop `offset` after them at or before `time` (`inclusive`), or strictly
   * before it: the hops of that kind that happened by then.
   */
  hopsBy(offset: number, time: SimTime, inclusive: boolean): number {
    const span = time - offset - this.first;
    if (span < 0 || (!inclusive && span === 0)) return 0;
    const n = Math.floor(span / this.period) + 1;
    // Strictly before: a hop exactly at `time` is left out.
    return !inclusive && span % this.period === 0 ? n - 1 : n;
  }

  /** The last beat strictly before `time`, or undefined when the run has none yet. */
  lastBeatBefore(time: SimTime): SimTime | undefined {
    const n = this.hopsBy(0, time, false);
    return n === 0 ? undefined : ((this.first + (n - 1) * this.period) as SimTime);
  }

  /** The first beat at or after `time` (the run's first beat if `time` is before it). */
  nextBeatFrom(time: SimTime): SimTime {
    return (this.first + this.hopsBy(0, time, false) * this.period) as SimTime;
  }
}
