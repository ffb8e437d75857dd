import { type TrialResult } from '../runner/trial-types.js';
import { type Cell, KEY_COLUMNS, type Table } from './result-tables.js';

/*
 * The request-traffic results (written only when a trial's scenario declares traffic, so that every
 * other results folder stays as it was): traffic.csv, one row per service and 10 s window, and
 * services.csv, one row per service and trial. Latencies are seconds; a quantile that overloaded
 * replicas make unbounded (ρ ≥ 1 for more than the tail's share of the window's requests) is an
 * empty cell with its `_unbounded` column 1: it is censored, never a number.
 */

function keys(r: TrialResult): Cell[] {
  return [r.scenario, r.sweep?.parameter ?? '', r.sweep === undefined ? '' : String(r.sweep.value), r.engine, r.seed];
}

/** 1 when a latency of a window (or service) that had requests is not a finite number: unbounded. */
function unbounded(value: number | null, requests: number): number {
  return requests > 0 && !Number.isFinite(value ?? NaN) ? 1 : 0;
}

/** traffic.csv: one row per service and window. */
export function trafficTable(results: readonly TrialResult[]): Table {
  return {
    columns: [
      ...KEY_COLUMNS,
      'service',
      'start_s',
      'end_s',
      'rate_rps',
      'requests',
      'replicas_serving',
      'replicas_allocated',
      'replicas_needed',
      'p50_s',
      'p50_unbounded',
      'p99_s',
      'p99_unbounded',
      'goal_quantile_s',
      'goal_unbounded',
      'overloaded_share',
      'met',
      'cost_per_hour',
    ],
    rows: results.flatMap((r) =>
      (r.metrics?.traffic?.windows ?? []).map((w) => [
        ...keys(r),
        w.service,
        w.start,
        w.end,
        w.rate,
        w.requests,
        w.serving,
        w.allocated,
        w.needed,
        w.p50,
        unbounded(w.p50, w.requests),
        w.p99,
        unbounded(w.p99, w.requests),
        w.goalQuantile,
        w.goalQuantile === null || !Number.isNaN(w.goalQuantile) ? unbounded(w.goalQuantile, w.requests) : 0,
        w.overloadedShare,
        w.met,
        w.costPerHour,
      ]),
    ),
  };
}

/** services.csv: one row per service with traffic and trial (see TrafficServiceRow for each figure). */
export function servicesTable(results: readonly TrialResult[]): Table {
  return {
    columns: [
      ...KEY_COLUMNS,
      'service',
      'service_level',
      'goal_percent',
      'goal_latency_s',
      'cost_cap_per_hour',
      'requests',
      'windows',
      'windows_met',
      'attainment',
      'windows_overloaded',
      'p50_median_s',
      'p99_median_s',
      'p99_worst_s',
      'p99_worst_unbounded',
      'cost_total',
      'cost_per_hour_mean',
      'cost_per_hour_max',
      'replicas_serving_mean',
      'replicas_allocated_mean',
      'replicas_needed_mean',
      'overprovision',
      'load_steps',
      'restore_max_s',
      'restore_censored',
      'endpoints_added',
      'endpoints_removed',
      'discovery_p50_s',
      'discovery_max_s',
    ],
    rows: results.flatMap((r) =>
      (r.metrics?.traffic?.services ?? []).map((s) => [
        ...keys(r),
        s.service,
        s.serviceLevel,
        s.goalPercent,
        s.goalLatency,
        s.costCap,
        s.requests,
        s.windows,
        s.windowsMet,
        s.attainment,
        s.windowsOverloaded,
        s.p50Median,
        s.p99Median,
        s.p99Worst,
        unbounded(s.p99Worst, s.windows),
        s.costTotal,
        s.costPerHourMean,
        s.costPerHourMax,
        s.servingMean,
        s.allocatedMean,
        s.neededMean,
        s.overprovision,
        s.loadSteps,
        s.restoreMax,
        s.restoreCensored,
        s.endpointsAdded,
        s.endpointsRemoved,
        s.discoveryP50,
        s.discoveryMax,
      ]),
    ),
  };
}
