import { type ServiceLevel, type TrafficSpec } from '../../intents/traffic.js';
import { type SimDuration, type SimTime, toSeconds } from '../../sim/time.js';
import { isOverloaded, type QueueState, responseQuantile, type WeightedQueue } from '../queueing.js';

/**
 * Length of a request-latency window: 10 s. Short enough to resolve a load step and the few seconds
 * that service discovery adds (kube-proxy's 1 s min-sync-period, a Borglet poll), and a multiple of
 * nothing the engines run on, so no engine's period lines up with it; long enough that a window holds
 * thousands of requests at the rates of interest, so its p99 means something. Windows start at 0.
 */
export const TRAFFIC_WINDOW: SimDuration = 10_000_000 as SimDuration;

/** One window of one service's request traffic (seconds, requests per second, price units). */
export interface TrafficWindowRow {
  readonly service: string;
  readonly start: number;
  readonly end: number;
  /** Mean arrival rate over the window. */
  readonly rate: number;
  readonly requests: number;
  /** Time-averaged replicas receiving traffic (running and known to service discovery). */
  readonly serving: number;
  /** Time-averaged replicas holding resources (launched, not ended): what is paid for. */
  readonly allocated: number;
  /** Fewest replicas that would have met the goal in this window (the service level; without one, ρ < 1). */
  readonly needed: number;
  /** Response-time quantiles; Infinity when overloaded requests alone exceed the tail share (censored, unbounded). */
  readonly p50: number;
  readonly p99: number;
  /** The service level's own percentile (p99 for 99 %), NaN without one. */
  readonly goalQuantile: number;
  /** Share of the window's requests that arrived while the serving replicas were overloaded (ρ ≥ 1). */
  readonly overloadedShare: number;
  /** 1 when the window met the goal (latency percentile within the goal and cost within its cap), 0 when not, NaN without requests. */
  readonly met: number;
  /** Time-averaged cost rate, price units per hour (NaN without prices). */
  readonly costPerHour: number;
}

/** What a window gathers while it is open. */
export interface WindowParts {
  readonly start: SimTime;
  /** Stationary parts (arrival rate, serving replicas) with the requests each carried. */
  readonly parts: Map<string, WeightedQueue>;
  servingIntegral: number;
  allocatedIntegral: number;
  costIntegral: number;
  requests: number;
}

/** A fresh window starting at `start`. */
export function openWindow(start: SimTime): WindowParts {
  return { start, parts: new Map(), servingIntegral: 0, allocatedIntegral: 0, costIntegral: 0, requests: 0 };
}

/** The queue of `serving` replicas at arrival rate `lambda`. */
export function queueOf(t: TrafficSpec, lambda: number, serving: number): QueueState {
  return { lambda, servers: serving * t.serversPerReplica, meanService: t.meanService, shape: t.shape };
}

/** Adds a stationary segment of `micros` µs: `lambda` req/s over `serving` replicas, `allocated` held at `costRate` per hour. */
export function addSegment(
  w: WindowParts,
  t: TrafficSpec,
  micros: number,
  seg: { readonly lambda: number; readonly serving: number; readonly allocated: number; readonly costRate: number },
): void {
  if (micros <= 0) return;
  const seconds = micros / 1_000_000;
  const requests = seg.lambda * seconds;
  w.servingIntegral += seg.serving * seconds;
  w.allocatedIntegral += seg.allocated * seconds;
  w.costIntegral += seg.costRate * seconds;
  w.requests += requests;
  if (requests <= 0) return;
  const key = `${seg.lambda}/${seg.serving}`;
  const part = w.parts.get(key);
  w.parts.set(key, { queue: queueOf(t, seg.lambda, seg.serving), weight: (part?.weight ?? 0) + requests });
}

/** Most replicas the search for the needed count tries beyond the load's lower bound. */
const NEEDED_SEARCH = 4096;

/**
 * Closes a window at `end`: its quantiles, whether it met the goal, and the replicas it needed.
 * `hasPrices` says whether cost is measured (else the cost column is NaN and no cap applies).
 */
export function closeWindow(
  w: WindowParts,
  end: SimTime,
  service: string,
  t: TrafficSpec,
  goal: ServiceLevel | undefined,
  hasPrices: boolean,
): TrafficWindowRow {
  const seconds = (end - w.start) / 1_000_000;
  const parts = [...w.parts.values()];
  const p50 = w.requests > 0 ? responseQuantile(parts, 0.5) : NaN;
  const p99 = w.requests > 0 ? responseQuantile(parts, 0.99) : NaN;
  const goalQuantile = goal === undefined || w.requests <= 0 ? NaN : goal.fraction === 0.99 ? p99 : responseQuantile(parts, goal.fraction);
  const overloaded = parts.filter((p) => isOverloaded(p.queue)).reduce((s, p) => s + p.weight, 0);
  const costPerHour = hasPrices ? w.costIntegral / seconds : NaN;
  return {
    service,
    start: toSeconds(w.start),
    end: toSeconds(end),
    rate: w.requests / seconds,
    requests: w.requests,
    serving: w.servingIntegral / seconds,
    allocated: w.allocatedIntegral / seconds,
    needed: neededReplicas(parts, t, goal),
    p50,
    p99,
    goalQuantile,
    overloadedShare: w.requests > 0 ? overloaded / w.requests : 0,
    met: w.requests > 0 ? (meetsGoal(goalQuantile, overloaded, goal, costPerHour) ? 1 : 0) : NaN,
    costPerHour,
  };
}

/** Whether a window with requests met the goal: its percentile within the latency and its cost within the cap; without a goal, no overload. */
function meetsGoal(goalQuantile: number, overloaded: number, goal: ServiceLevel | undefined, costPerHour: number): boolean {
  if (goal === undefined) return overloaded === 0;
  const latencyOk = goalQuantile <= toSeconds(goal.latency);
  const costOk = goal.costPerHour === undefined || !(costPerHour > goal.costPerHour);
  return latencyOk && costOk;
}

/**
 * The fewest replicas with which this window's traffic (its parts' arrival rates, each with its
 * weight) would have met the latency goal, or without a goal would not have been overloaded: the
 * ideal count an omniscient autoscaler keeps, against which over-provisioning is measured.
 */
export function neededReplicas(parts: readonly WeightedQueue[], t: TrafficSpec, goal: ServiceLevel | undefined): number {
  const live = parts.filter((p) => p.weight > 0 && p.queue.lambda > 0);
  if (live.length === 0) return 0;
  const maxLambda = Math.max(...live.map((p) => p.queue.lambda));
  const lower = Math.max(1, Math.floor((maxLambda * t.meanService) / t.serversPerReplica));
  const ok = (n: number): boolean => {
    const scaled = live.map((p) => ({ queue: queueOf(t, p.queue.lambda, n), weight: p.weight }));
    if (goal === undefined) return scaled.every((p) => !isOverloaded(p.queue));
    return responseQuantile(scaled, goal.fraction) <= toSeconds(goal.latency);
  };
  // Meeting the goal is monotone in the replica count: binary search, after checking it can be met at all.
  let hi = lower + NEEDED_SEARCH;
  if (!ok(hi)) return Infinity;
  let lo = lower - 1;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (mid >= 1 && ok(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}
