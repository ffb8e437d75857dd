import { loadStepsUp } from '../../intents/traffic.js';
import { type SimTime, toSeconds } from '../../sim/time.js';
import { type Sample } from '../quantiles.js';
import { type ServiceTraffic } from './service-traffic.js';
import { type TrafficWindowRow } from './traffic-window.js';

/** One service's traffic over a whole trial (seconds, price units). NaN where there is no value. */
export interface TrafficServiceRow {
  readonly service: string;
  /** The service level that selects it ('' without one), its goal and cost cap. */
  readonly serviceLevel: string;
  readonly goalPercent: number;
  readonly goalLatency: number;
  readonly costCap: number;
  readonly requests: number;
  /** Windows with requests, and how many of them met the goal. */
  readonly windows: number;
  readonly windowsMet: number;
  /** SLA attainment: windowsMet / windows. */
  readonly attainment: number;
  /** Windows in which some requests met overloaded replicas (ρ ≥ 1). */
  readonly windowsOverloaded: number;
  /** Median over windows of the window's p50 and p99; the worst window's p99 (Infinity: unbounded, censored). */
  readonly p50Median: number;
  readonly p99Median: number;
  readonly p99Worst: number;
  readonly costTotal: number;
  readonly costPerHourMean: number;
  readonly costPerHourMax: number;
  readonly servingMean: number;
  readonly allocatedMean: number;
  readonly neededMean: number;
  /** Replica-time allocated over replica-time needed, minus 1 (0.25: a quarter more than the goal needed). */
  readonly overprovision: number;
  /** Load steps up, and the slowest time from one until the goal held again for good (until the next step). */
  readonly loadSteps: number;
  readonly restoreMax: number;
  /** Load steps after which the goal never held again before the next step or the end (restoreMax is then a lower bound). */
  readonly restoreCensored: number;
  readonly endpointsAdded: number;
  readonly endpointsRemoved: number;
  /** Replica running → endpoint published by service discovery: median and maximum. */
  readonly discoveryP50: number;
  readonly discoveryMax: number;
}

/** Summarizes a service's closed windows (call after `ServiceTraffic.finish`). */
export function summarizeService(s: ServiceTraffic, end: SimTime, discovery: Sample, counts: { added: number; removed: number }): TrafficServiceRow {
  const rows = s.rows;
  const busy = rows.filter((r) => r.requests > 0);
  const span = rows.reduce((a, r) => a + (r.end - r.start), 0);
  const weighted = (f: (r: TrafficWindowRow) => number): number => (span > 0 ? rows.reduce((a, r) => a + f(r) * (r.end - r.start), 0) / span : NaN);
  const neededTime = busy.reduce((a, r) => a + r.needed * (r.end - r.start), 0);
  const allocatedTime = busy.reduce((a, r) => a + r.allocated * (r.end - r.start), 0);
  const met = busy.filter((r) => r.met === 1).length;
  const restore = restoreTimes(s, end);
  const d = discovery.summary();
  const goal = s.goal;
  return {
    service: s.name,
    serviceLevel: goal?.name ?? '',
    goalPercent: goal ? goal.fraction * 100 : NaN,
    goalLatency: goal ? toSeconds(goal.latency) : NaN,
    costCap: goal?.costPerHour ?? NaN,
    requests: rows.reduce((a, r) => a + r.requests, 0),
    windows: busy.length,
    windowsMet: met,
    attainment: busy.length > 0 ? met / busy.length : NaN,
    windowsOverloaded: busy.filter((r) => r.overloadedShare > 0).length,
    p50Median: median(busy.map((r) => r.p50)),
    p99Median: median(busy.map((r) => r.p99)),
    p99Worst: busy.length > 0 ? Math.max(...busy.map((r) => r.p99)) : NaN,
    costTotal: rows.length > 0 && !Number.isNaN(rows[0]?.costPerHour ?? NaN) ? s.cost : NaN,
    costPerHourMean: weighted((r) => r.costPerHour),
    costPerHourMax: rows.length > 0 ? Math.max(...rows.map((r) => r.costPerHour)) : NaN,
    servingMean: weighted((r) => r.serving),
    allocatedMean: weighted((r) => r.allocated),
    neededMean: weighted((r) => r.needed),
    overprovision: neededTime > 0 && Number.isFinite(neededTime) ? allocatedTime / neededTime - 1 : NaN,
    loadSteps: restore.length,
    restoreMax: restore.length > 0 ? Math.max(...restore.map((r) => r.seconds)) : NaN,
    restoreCensored: restore.filter((r) => r.censored).length,
    endpointsAdded: counts.added,
    endpointsRemoved: counts.removed,
    discoveryP50: d.count > 0 ? d.p50 : NaN,
    discoveryMax: d.count > 0 ? d.max : NaN,
  };
}

/**
 * For each load step up of a step curve: the time from the step until the goal held for good, to the
 * next step (or the end), measured on the instantaneous state (ServiceTraffic.misses): 0 when it
 * never broke. When it still missed at the next step or the end, the value is censored at that span.
 */
export function restoreTimes(s: ServiceTraffic, end: SimTime): { seconds: number; censored: boolean }[] {
  const rate = s.traffic.rate;
  const changes = rate.kind === 'steps' ? rate.steps.map((x) => x.at as number) : [];
  return loadStepsUp(rate).map((at) => {
    const next = Math.min(end, ...changes.filter((c) => c > at));
    let lastMissEnd = at as number;
    for (const m of s.misses) if (m.to > at && m.from < next) lastMissEnd = Math.max(lastMissEnd, Math.min(m.to, next));
    return { seconds: toSeconds((lastMissEnd - at) as SimTime), censored: lastMissEnd >= next };
  });
}

function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 === 1 ? (v[mid] as number) : ((v[mid - 1] as number) + (v[mid] as number)) / 2;
}
