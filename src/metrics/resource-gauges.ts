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
  // One field per dimension (no vector or keyed access per change): this is on every launch and end.
  private readonly cpu: TimeWeighted;
  private readonly memory: TimeWeighted;
  private readonly gpu: TimeWeighted;
  private heldCpu = 0;
  private heldMemory = 0;
  private heldGpu = 0;
  private readonly dominantShare: TimeWeighted;

  constructor(
    start: SimTime,
    private readonly total: Resources,
  ) {
    this.cpu = new TimeWeighted(start);
    this.memory = new TimeWeighted(start);
    this.gpu = new TimeWeighted(start);
    this.dominantShare = new TimeWeighted(start);
  }

  add(now: SimTime, delta: Resources, sign: 1 | -1): void {
    // Per dimension as before: untouched when the delta is 0, else held += sign × delta.
    const c = delta.cpu;
    if (c !== 0) {
      this.heldCpu += sign * c;
      this.cpu.set(now, share(this.heldCpu, this.total.cpu));
    }
    const m = delta.memory;
    if (m !== 0) {
      this.heldMemory += sign * m;
      this.memory.set(now, share(this.heldMemory, this.total.memory));
    }
    const g = delta.gpu;
    if (g !== 0) {
      this.heldGpu += sign * g;
      this.gpu.set(now, share(this.heldGpu, this.total.gpu));
    }
    this.dominantShare.set(now, this.dominant());
  }

  /** Time-weighted average of the dominant share over [start, until]. */
  averageDominant(until: SimTime): number {
    return this.dominantShare.average(until);
  }

  /** Current fraction of the total held, per dimension. */
  current(d: Dim): number {
    return d === 'cpu' ? share(this.heldCpu, this.total.cpu) : d === 'memory' ? share(this.heldMemory, this.total.memory) : share(this.heldGpu, this.total.gpu);
  }

  /** Current dominant share: the largest fraction over dimensions. */
  dominant(): number {
    return Math.max(share(this.heldCpu, this.total.cpu), share(this.heldMemory, this.total.memory), share(this.heldGpu, this.total.gpu));
  }

  /** Time-weighted average fraction over [start, until]. */
  average(d: Dim, until: SimTime): number {
    return this.series(d).average(until);
  }

  /** Highest fraction seen. */
  peak(d: Dim): number {
    return this.series(d).max;
  }

  private series(d: Dim): TimeWeighted {
    return d === 'cpu' ? this.cpu : d === 'memory' ? this.memory : this.gpu;
  }
}

/** The fraction of `total` that `amount` makes up (0 for an empty total). */
function share(amount: number, total: number): number {
  return total > 0 ? amount / total : 0;
}
