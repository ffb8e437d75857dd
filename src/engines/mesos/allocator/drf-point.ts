import { type Resources } from '../../../cluster/resources.js';

/*
 * The DRF allocation point by progressive filling (Ghodsi et al., "Dominant Resource Fairness",
 * NSDI 2011, §3 and §4): every claimant's dominant share rises at the rate of its weight, along its
 * demand vector, until a resource it uses runs out or its demand is met; then it stops and the
 * others go on. The fair-share offer mode caps each framework's offers at the point this gives.
 */

/** One framework as progressive filling sees it. */
export interface FillingClaimant {
  readonly id: string;
  /** Its weight (role weight over the active frameworks of its role); its share rises at this rate. */
  readonly weight: number;
  /** What it holds now (offers and tasks). */
  readonly held: Resources;
  /**
   * What it still asks for beyond `held`; undefined when it said nothing (then it may grow
   * along every dimension alike, without end). Ignored when `fixed`.
   */
  readonly demand: Resources | undefined;
  /** Keeps what it holds and takes part in nothing (suppressed or disconnected). */
  readonly fixed: boolean;
}

/** Where a claimant stops: its dominant share, and the direction it grew in (per dimension, the dominant one is 1). */
export interface FillingPoint {
  readonly level: number;
  readonly direction: readonly number[];
}

/** Relative slack of comparisons between levels (they are ratios of doubles). */
const EPS = 1e-12;

/** The dimensions of `total` that can be shared (a positive total), as names. */
function sharedDimensions(total: Resources): string[] {
  const dims = (['cpu', 'memory', 'gpu'] as const).filter((d) => total[d] > 0) as string[];
  for (const [k, v] of Object.entries(total.ext ?? {})) if (v > 0) dims.push(`ext:${k}`);
  return dims;
}

function amount(r: Resources, dim: string): number {
  return dim.startsWith('ext:') ? (r.ext?.[dim.slice(4)] ?? 0) : (r[dim as 'cpu' | 'memory' | 'gpu'] ?? 0);
}

/** `r` as shares of `total` over `dims`. */
function shares(r: Resources, total: Resources, dims: readonly string[]): number[] {
  return dims.map((d) => amount(r, d) / amount(total, d));
}

/**
 * The DRF point of the claimants on `total`: per claimant id, the dominant share it reaches and its
 * direction. Fixed claimants and claimants asking for nothing more stay where they are (their
 * holdings are taken off the capacity first). Pure and deterministic: the same claimants in the
 * same order give the same numbers.
 */
export function drfPoint(total: Resources, claimants: readonly FillingClaimant[]): Map<string, FillingPoint> {
  const dims = sharedDimensions(total);
  const out = new Map<string, FillingPoint>();
  const used = dims.map(() => 0);
  interface Growing {
    readonly id: string;
    readonly weight: number;
    readonly direction: number[];
    /** The dominant share at which its demand is met (Infinity when it said nothing). */
    readonly cap: number;
  }
  let growing: Growing[] = [];
  for (const c of claimants) {
    const held = shares(c.held, total, dims);
    const wantAdd = c.fixed ? undefined : c.demand;
    const stays = c.fixed || (wantAdd !== undefined && shares(wantAdd, total, dims).every((x) => x <= 0));
    if (stays) {
      const level = Math.max(0, ...held);
      out.set(c.id, { level, direction: held.map((x) => (level > 0 ? x / level : 0)) });
      for (let d = 0; d < dims.length; d++) used[d] = (used[d] as number) + (held[d] as number);
      continue;
    }
    if (wantAdd === undefined) {
      growing.push({ id: c.id, weight: c.weight, direction: dims.map(() => 1), cap: Number.POSITIVE_INFINITY });
      continue;
    }
    const want = held.map((x, d) => x + (shares(wantAdd, total, dims)[d] as number));
    const cap = Math.max(...want);
    growing.push({ id: c.id, weight: c.weight, direction: want.map((x) => x / cap), cap });
  }
  // Growing claimants hold weight × λ × direction; `used` counts only the ones that stopped.
  while (growing.length > 0) {
    // The λ (share per unit of weight) at which each resource runs out, and the next stop.
    const runsOut = dims.map((_, d) => {
      let rate = 0;
      for (const g of growing) rate += g.weight * (g.direction[d] as number);
      return rate > 0 ? Math.max(0, 1 - (used[d] as number)) / rate : Number.POSITIVE_INFINITY;
    });
    let next = Math.min(...runsOut);
    for (const g of growing) next = Math.min(next, g.cap / g.weight);
    if (!Number.isFinite(next)) {
      // Nothing limits them (no shared dimension): no cap.
      for (const g of growing) out.set(g.id, { level: Number.POSITIVE_INFINITY, direction: g.direction });
      break;
    }
    const saturated = runsOut.map((x) => x <= next * (1 + EPS));
    const stay: Growing[] = [];
    const stopped: Growing[] = [];
    for (const g of growing) {
      const blocked = saturated.some((s, d) => s && (g.direction[d] as number) > 0);
      if (g.cap / g.weight <= next * (1 + EPS) || blocked) stopped.push(g);
      else stay.push(g);
    }
    for (const g of stopped) {
      const level = Math.min(g.cap, g.weight * next);
      out.set(g.id, { level, direction: g.direction });
      for (let d = 0; d < dims.length; d++) used[d] = (used[d] as number) + level * (g.direction[d] as number);
    }
    growing = stay;
  }
  return out;
}

/**
 * What a claimant at `point` may hold of each dimension of `total`: level × direction × total,
 * rounded down to whole units (millicores, bytes) after a slack of 1e-9 of the amount (at most half
 * a unit), so that a point such as 2/3 of 18 GiB computed in doubles still admits exactly 12 GiB.
 * Dimensions with no total are 0.
 */
export function pointAmount(point: FillingPoint, total: Resources): Resources {
  const dims = sharedDimensions(total);
  const values = new Map<string, number>();
  dims.forEach((d, i) => {
    const t = amount(total, d);
    const x = point.level * (point.direction[i] as number) * t;
    values.set(d, Math.floor(x + Math.min(0.5, 1e-9 * x)));
  });
  const ext: Record<string, number> = {};
  for (const [d, v] of values) if (d.startsWith('ext:')) ext[d.slice(4)] = v;
  const r = { cpu: values.get('cpu') ?? 0, memory: values.get('memory') ?? 0, gpu: values.get('gpu') ?? 0 };
  return Object.keys(ext).length > 0 ? { ...r, ext } : r;
}
