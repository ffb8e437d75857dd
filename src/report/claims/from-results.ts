import { type LatencyStat } from '../../metrics/claims.js';
import { type LatencyCsvRow, type TrialKey } from '../read-results.js';
import { type ScenarioView } from '../scenario-view.js';
import { type ClaimData, type ClaimTrial, latencyKey } from './claim-data.js';

const trialId = (k: { readonly engine: string; readonly seed: number; readonly sweepValue: string }): string =>
  `${k.engine}\u0000${k.seed}\u0000${k.sweepValue}`;

/**
 * Claim data from a results folder: one scenario's slice (its view) plus the folder's latency rows.
 * Reads only what the CSV files hold, so the report's verdicts can be rebuilt from the folder.
 */
export function claimDataFromView(view: ScenarioView, latencyRows: readonly LatencyCsvRow[]): ClaimData {
  const trials = new Map<
    string,
    {
      trial: ClaimTrial;
      counters: Record<string, number>;
      latency: Map<string, Record<LatencyStat, number>>;
      series: Map<string, { time: number; value: number }[]>;
    }
  >();
  for (const r of view.allRuns) {
    const counters: Record<string, number> = {};
    const latency = new Map<string, Record<LatencyStat, number>>();
    const series = new Map<string, { time: number; value: number }[]>();
    const ok = r.status === 'ok';
    trials.set(trialId(r), {
      trial: {
        engine: r.engine,
        seed: r.seed,
        sweepValue: r.sweepValue,
        ok,
        runs: ok ? { simulated_s: r.simulatedS, ...r.values } : {},
        counters,
        latency,
        series,
      },
      counters,
      latency,
      series,
    });
  }
  const find = (k: TrialKey): ReturnType<typeof trials.get> => (k.scenario === view.meta.name ? trials.get(trialId(k)) : undefined);
  for (const c of view.counters) {
    const t = find(c);
    if (t?.trial.ok) t.counters[c.name] = c.value;
  }
  for (const l of latencyRows) {
    const t = find(l);
    if (t?.trial.ok) t.latency.set(latencyKey(l.metric, l.group), { count: l.count, mean: l.mean, min: l.min, p50: l.p50, p90: l.p90, p99: l.p99, max: l.max });
  }
  for (const p of view.series) {
    const t = find(p);
    if (!t?.trial.ok) continue;
    const list = t.series.get(p.series);
    if (list) list.push({ time: p.time, value: p.value });
    else t.series.set(p.series, [{ time: p.time, value: p.value }]);
  }
  return { trials: [...trials.values()].map((t) => t.trial) };
}
