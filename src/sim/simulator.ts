import { EventQueue, type EventHandler, type TimerHandle } from './event-queue.js';
import { addTime, micros, type SimDuration, type SimTime, ZERO } from './time.js';

/**
 * Priorities of same-time events, lowest first. The harness applies faults and hands out intents
 * before any engine reacts at the same instant; samplers read the state after everyone acted.
 */
export const PRIORITY = {
  fault: 0,
  intent: 10,
  engine: 100,
  observe: 1_000,
} as const;

/** Why {@link Simulator.run} returned. */
export type StopReason = 'horizon' | 'drained' | 'event-budget';

/** What {@link Simulator.run} did. */
export interface RunOutcome {
  readonly reason: StopReason;
  readonly events: number;
  readonly endTime: SimTime;
}

/**
 * The discrete-event kernel: a virtual clock and an event queue. Nothing here reads the wall
 * clock; time advances only by popping events, so a run is a pure function of what was scheduled.
 */
export class Simulator {
  private readonly queue = new EventQueue();
  private clock: SimTime = ZERO;
  private processed = 0;

  /** Current virtual time. */
  now(): SimTime {
    return this.clock;
  }

  /** Events processed so far. */
  get eventsProcessed(): number {
    return this.processed;
  }

  /** Events still scheduled. */
  get pending(): number {
    return this.queue.size;
  }

  /** Schedules `handler(arg)` at absolute time `time` (not before now: a broken invariant throws). */
  at<A>(time: SimTime, handler: EventHandler<A>, arg: A, priority: number = PRIORITY.engine): TimerHandle {
    if (time < this.clock) throw new RangeError(`cannot schedule at ${time}us, before now (${this.clock}us)`);
    // Times at or after now that are safe integers need no conversion (micros would only re-check).
    return this.queue.push(Number.isSafeInteger(time) ? time : micros(time), priority, handler, arg);
  }

  /** Schedules `fn()` after `delay` (≥ 0). */
  after(delay: SimDuration, fn: () => void, priority: number = PRIORITY.engine): TimerHandle {
    if (delay < 0) throw new RangeError(`negative delay ${delay}us`);
    return this.queue.push(micros(addTime(this.clock, delay)), priority, callThunk, fn);
  }

  /** Cancels a pending event; false if it already ran or was cancelled. */
  cancel(handle: TimerHandle): boolean {
    return this.queue.cancel(handle);
  }

  /**
   * Runs events in order until the next one would be after `until`, or the queue drains (in both
   * cases the clock then stands at `until`, when it is finite), or `eventBudget` events have run in
   * this call (the clock stands at the last event). A horizon before now throws.
   */
  run(until: SimTime, eventBudget: number = Number.POSITIVE_INFINITY): RunOutcome {
    // A horizon in the past would set the clock back below events that already ran.
    if (until < this.clock) throw new RangeError(`cannot run until ${until}us, before now (${this.clock}us)`);
    let count = 0;
    for (;;) {
      const next = this.queue.peekTime();
      if (next === undefined) {
        // Nothing more happens before the horizon, but virtual time still passes up to it (as in
        // SimPy's run(until)); otherwise a trial whose queue drains would be measured over less time.
        if (Number.isFinite(until)) this.clock = until;
        this.processed += count;
        return { reason: 'drained', events: count, endTime: this.clock };
      }
      if (next > until) {
        this.clock = until;
        this.processed += count;
        return { reason: 'horizon', events: count, endTime: until };
      }
      if (count >= eventBudget) {
        this.processed += count;
        return { reason: 'event-budget', events: count, endTime: this.clock };
      }
      this.clock = next;
      this.queue.runTop();
      count++;
    }
  }
}

function callThunk(fn: () => void): void {
  fn();
}
