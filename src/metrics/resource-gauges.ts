import { type Resources } from '../cluster/resources.js';
import { type SimTime } from '../sim/time.js';
import { TimeWeighted } from './time-weighted.js';

/** The resource dimensions whose utilization is reported. */
export const GAUGE_DIMENSIONS = ['cpu', 'memory', 'gpu'] as const;
type Dim = (typeof GAUGE_DIMENSIONS)[number];

/**
 * Time-weighted allocation of a resource vector against a fixed total: utilization of the cluster,
 * a tenant's allocation (for dominant shares), or resources locked in offers.
 */
export class ResourceGauge {
  private readonly dims: Record<Dim, TimeWeighted>;
  private readonly held: Record<Dim, number> = { cpu: 0, memory: 0, gpu: 0 };
  private readonly dominantShare: TimeWeighted;

  constructor(
    start: SimTime,
    private readonly total: Resources,
  ) {
    this.dims = { cpu: new TimeWeighted(start), memory: new TimeWeighted(start), gpu: new TimeWeighted(start) };
    this.dominantShare = new TimeWeighted(start);
  }

  add(now: SimTime, delta: Resources, sign: 1 | -1): void {
    for (const d of GAUGE_DIMENSIONS) {
      const v = delta[d];
      if (v === 0) continue;
      this.held[d] += sign * v;
      this.dims[d].set(now, this.fraction(d, this.held[d]));
    }
    this.dominantShare.set(now, this.dominant());
  }

  /** Time-weighted average of the dominant share over [start, until]. */
  averageDominant(until: SimTime): number {
    return this.dominantShare.average(until);
  }

  private fraction(d: Dim, amount: number): number {
    const t = this.total[d];
    return t > 0 ? amount / t : 0;
  }

  /** Current fraction of the total held, per dimension. */
  current(d: Dim): number {
    return this.fraction(d, this.held[d]);
  }

  /** Current dominant share: the largest fraction over dimensions. */
  dominant(): number {
    return Math.max(this.current('cpu'), this.current('memory'), this.current('gpu'));
  }

  /** Time-weighted average fraction over [start, until]. */
  average(d: Dim, until: SimTime): number {
    return this.dims[d].average(until);
  }

  /** Highest fraction seen. */
  peak(d: Dim): number {
    return this.dims[d].max;
  }
}
