import { type SimDuration, type SimTime } from '../../../sim/time.js';

/** The kubelet's container restart back-off (defaults.ts `kubelet.crashLoopBackOff`). */
export interface BackoffConfig {
  readonly initial: SimDuration;
  readonly max: SimDuration;
}

interface Entry {
  backoff: SimDuration;
  lastUpdate: SimTime;
}

/**
 * The kubelet's per-container restart back-off, as client-go's `flowcontrol.Backoff` keeps it and
 * `kuberuntime_manager.go` `doBackOff` uses it (without jitter, which the kubelet's back-off does not
 * set): after a container exited at `finishedAt`, it is in back-off while less than the entry's
 * back-off has passed since then; when it may restart, `next` doubles the entry (capped at `max`) or
 * starts a fresh one at `initial`. An entry whose last update is more than `2 × max` before the exit
 * has expired ("consider stable if it's ok for twice the maxDuration"): with the defaults, a container
 * that ran 10 min since its last restart starts over at 10 s. So the first exit restarts at once and
 * later ones wait 10 s, 20 s, 40 s … 300 s after the exit.
 */
export class CrashLoopBackoff {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly config: BackoffConfig) {}

  /** `IsInBackOffSince`: how long the container exited at `finishedAt` must still wait at `now` (0: it may restart). */
  remaining(key: string, finishedAt: SimTime, now: SimTime): SimDuration {
    const e = this.entries.get(key);
    if (e === undefined || this.expired(e, finishedAt)) return 0 as SimDuration;
    return Math.max(0, finishedAt + e.backoff - now) as SimDuration;
  }

  /** `Next`: the container restarts now; the back-off for its next exit doubles (or starts over). */
  next(key: string, finishedAt: SimTime, now: SimTime): void {
    const e = this.entries.get(key);
    if (e === undefined || this.expired(e, finishedAt)) {
      this.entries.set(key, { backoff: this.config.initial, lastUpdate: now });
      return;
    }
    e.backoff = Math.min(e.backoff * 2, this.config.max) as SimDuration;
    e.lastUpdate = now;
  }

  /** The back-off the container's next exit would wait (0 when it has none yet): for tests and reports. */
  current(key: string): SimDuration {
    return (this.entries.get(key)?.backoff ?? 0) as SimDuration;
  }

  /** The pod is gone from the node (`backOff.GC` drops such entries later; they can never match again). */
  forget(key: string): void {
    this.entries.delete(key);
  }

  private expired(e: Entry, eventTime: SimTime): boolean {
    return eventTime - e.lastUpdate > 2 * this.config.max;
  }
}
