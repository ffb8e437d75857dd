import { type TimerHandle } from '../../sim/event-queue.js';
import { type SimDuration, type SimTime } from '../../sim/time.js';
import { type EngineContext } from '../engine.js';

const ALWAYS = (): boolean => true;

/**
 * A heartbeat: runs `beat` every `period` of virtual time, the first one period from now, for as long as
 * `live()` holds when a beat is due (a node agent passes "my incarnation is still the current one", so
 * a crash ends its loops and a boot starts new ones). Used for lease renewals, status reports and
 * monitor passes; the beat runs before the next one is scheduled.
 */
export function repeatEvery(ctx: Pick<EngineContext, 'after'>, period: SimDuration, beat: () => void, live: () => boolean = ALWAYS): void {
  const tick = (): void => {
    if (!live()) return;
    beat();
    ctx.after(period, tick);
  };
  ctx.after(period, tick);
}

/**
 * The liveness side of a heartbeat: the listener's watchdog that fires `onSilent` once nothing was
 * `heard()` for `limit` (a Mesos agent that no longer gets pings; a lease holder whose renewals stay
 * unanswered). It keeps one timer, armed for the moment the silence would reach the limit and re-armed
 * from the last sign of life when it fires early; a watchdog that fires while `live()` is false
 * does nothing.
 */
export class SilenceWatchdog {
  private lastHeard: SimTime;
  private timer: TimerHandle | undefined;

  constructor(
    private readonly ctx: Pick<EngineContext, 'now' | 'after' | 'cancel'>,
    private readonly limit: SimDuration,
    private readonly onSilent: () => void,
    private readonly live: () => boolean = ALWAYS,
  ) {
    this.lastHeard = ctx.now();
  }

  /** A sign of life arrived now, or at `at` (a past arrival accounted in closed form). */
  heard(at: SimTime = this.ctx.now()): void {
    this.lastHeard = at;
  }

  /** How long nothing was heard, as of now. */
  silence(): SimDuration {
    return (this.ctx.now() - this.lastHeard) as SimDuration;
  }

  /** (Re)starts watching from the last sign of life. */
  arm(): void {
    this.stop();
    const wait = Math.max(0, this.lastHeard + this.limit - this.ctx.now()) as SimDuration;
    this.timer = this.ctx.after(wait, () => {
      this.timer = undefined;
      if (!this.live()) return;
      if (this.silence() >= this.limit) this.onSilent();
      else this.arm();
    });
  }

  /** Stops watching (a crash, a shutdown); `arm` starts again. */
  stop(): void {
    if (this.timer !== undefined) this.ctx.cancel(this.timer);
    this.timer = undefined;
  }
}
