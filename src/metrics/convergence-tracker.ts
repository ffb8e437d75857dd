import { type SimTime, toSeconds } from '../sim/time.js';
import { type Perturbation } from '../intents/index.js';
import { type ConvergenceRow } from './trial-metrics.js';

/** Instance counts over all services at one instant. */
export interface ServiceGauges {
  readonly excess: number;
  readonly surge: number;
  readonly available: number;
  readonly desired: number;
}

interface Window {
  readonly p: Perturbation;
  readonly start: SimTime;
  /** When actual last became equal to desired within the window; undefined while it differs. */
  convergedSince: SimTime | undefined;
  tasksLost: number;
  peakExcess: number;
  peakSurge: number;
  minAvailable: number;
}

/**
 * Convergence per perturbation (DESIGN.md §6): the time from the perturbation until actual state
 * equals desired state and stays so until the next perturbation. A window that ends while the state
 * still differs is censored: reported with its length as a lower bound, never dropped.
 */
export class ConvergenceTracker {
  private current: Window | undefined;
  private readonly rows: ConvergenceRow[] = [];

  /** Closes the open window at `now` and opens one for `p`. */
  open(p: Perturbation, now: SimTime, converged: boolean, g: ServiceGauges): void {
    if (this.current) this.rows.push(this.row(this.current, now));
    this.current = {
      p,
      start: now,
      convergedSince: converged ? now : undefined,
      tasksLost: 0,
      peakExcess: g.excess,
      peakSurge: g.surge,
      minAvailable: availability(g),
    };
  }

  /** Folds the state after a change. */
  observe(now: SimTime, converged: boolean, g: ServiceGauges): void {
    const w = this.current;
    if (!w) return;
    if (converged && w.convergedSince === undefined) w.convergedSince = now;
    else if (!converged) w.convergedSince = undefined;
    if (g.excess > w.peakExcess) w.peakExcess = g.excess;
    if (g.surge > w.peakSurge) w.peakSurge = g.surge;
    const a = availability(g);
    if (a < w.minAvailable) w.minAvailable = a;
  }

  /** Counts an instance lost to a fault in the open window. */
  taskLost(): void {
    if (this.current) this.current.tasksLost++;
  }

  /** Closes the last window at the horizon and returns one row per perturbation. */
  close(end: SimTime, converged: boolean): ConvergenceRow[] {
    if (this.current) {
      if (!converged) this.current.convergedSince = undefined;
      this.rows.push(this.row(this.current, end));
      this.current = undefined;
    }
    return this.rows;
  }

  private row(w: Window, end: SimTime): ConvergenceRow {
    const censored = w.convergedSince === undefined;
    return {
      index: w.p.index,
      time: toSeconds(w.start),
      kind: w.p.kind,
      label: w.p.label,
      convergence: toSeconds((((censored ? end : w.convergedSince) as number) - w.start) as SimTime),
      censored,
      window: toSeconds((end - w.start) as SimTime),
      tasksLost: w.tasksLost,
      peakExcess: w.peakExcess,
      peakSurge: w.peakSurge,
      minAvailable: w.minAvailable,
    };
  }
}

function availability(g: ServiceGauges): number {
  return g.desired > 0 ? g.available / g.desired : 1;
}
