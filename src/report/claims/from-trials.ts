import { type TrialResult } from '../../runner/trial-types.js';
import { type LatencyStat } from '../../metrics/claims.js';
import { type ClaimData, type ClaimTrial, latencyKey } from './claim-data.js';

/**
 * Claim data from results in memory (the scenario tests run trials in-process). The numbers are the
 * ones the results files are written from (result-tables.ts), so a claim gives the same verdict on
 * these and on the folder the same trials would write.
 */
export function claimDataFromTrials(results: readonly TrialResult[]): ClaimData {
  return { trials: results.map(claimTrial) };
}

function claimTrial(r: TrialResult): ClaimTrial {
  const m = r.status === 'ok' ? r.metrics : undefined;
  const latency = new Map<string, Record<LatencyStat, number>>();
  for (const l of m?.latency ?? []) {
    const q = l.quantiles;
    latency.set(latencyKey(l.metric, l.group), { count: q.count, mean: q.mean, min: q.min, p50: q.p50, p90: q.p90, p99: q.p99, max: q.max });
  }
  const series = new Map<string, { time: number; value: number }[]>();
  for (const p of m?.timeseries ?? []) {
    const list = series.get(p.series);
    if (list) list.push({ time: p.time, value: p.value });
    else series.set(p.series, [{ time: p.time, value: p.value }]);
  }
  return {
    engine: r.engine,
    seed: r.seed,
    sweepValue: r.sweep === undefined ? '' : String(r.sweep.value),
    ok: m !== undefined,
    runs: m ? { simulated_s: r.simulatedSeconds, events: r.events, ...m.summary } : {},
    counters: m?.counters ?? {},
    latency,
    series,
  };
}
