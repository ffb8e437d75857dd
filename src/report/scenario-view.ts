import {
  type CdfRow,
  type ConvergenceCsvRow,
  type CounterRow,
  type ResultsData,
  type RunRow,
  type SeriesRow,
  type ServiceCsvRow,
  type TrafficCsvRow,
  type TrialKey,
} from './read-results.js';
import { type ScenarioMeta } from './results-folder.js';
import { distinct } from './stats.js';

/** One scenario's slice of a results folder, with the engines, seeds and sweep values in report order. */
export interface ScenarioView {
  readonly meta: ScenarioMeta;
  readonly engines: readonly string[];
  readonly seeds: readonly number[];
  /** The swept parameter, or undefined for a plain scenario. */
  readonly sweepParameter: string | undefined;
  /** Sweep values as written in the CSVs, in the order the scenario lists them. */
  readonly sweepValues: readonly string[];
  /** All trials, including failed ones. */
  readonly allRuns: readonly RunRow[];
  /** Trials that ended normally (status ok): the only ones the figures use. */
  readonly runs: readonly RunRow[];
  readonly cdf: readonly CdfRow[];
  readonly convergence: readonly ConvergenceCsvRow[];
  readonly series: readonly SeriesRow[];
  readonly counters: readonly CounterRow[];
  /** Request traffic per window and per service (empty without traffic). */
  readonly traffic: readonly TrafficCsvRow[];
  readonly services: readonly ServiceCsvRow[];
  /** The seed whose time series the charts show (the lowest seed with a normal trial). */
  readonly chartSeed: number | undefined;
}

/** The rows of each scenario, in file order. */
function byScenario<T extends TrialKey>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.scenario);
    if (list) list.push(r);
    else out.set(r.scenario, [r]);
  }
  return out;
}

const trialId = (k: TrialKey): string => `${k.engine}\u0000${k.seed}\u0000${k.sweepValue}`;

/**
 * Slices a results folder by scenario, in meta.json's scenario order; engines follow meta.json's
 * engine list (then any engine found only in the CSVs), so every table and legend has one order.
 */
export function scenarioViews(data: ResultsData): ScenarioView[] {
  const names = distinct([...data.meta.scenarios.map((s) => s.name), ...data.runs.map((r) => r.scenario)]);
  // Rows grouped by scenario once: filtering every file's rows per scenario was quadratic in the suite.
  const cdf = byScenario(data.cdf);
  const convergence = byScenario(data.convergence);
  const series = byScenario(data.series);
  const counters = byScenario(data.counters);
  const traffic = byScenario(data.traffic);
  const services = byScenario(data.services);
  return names.map((name) => {
    const meta = data.meta.scenarios.find((s) => s.name === name) ?? fallbackMeta(name);
    const allRuns = data.runs.filter((r) => r.scenario === name);
    const runs = allRuns.filter((r) => r.status === 'ok');
    const ok = new Set(runs.map(trialId));
    const keep = <T extends TrialKey>(rows: ReadonlyMap<string, T[]>): T[] => (rows.get(name) ?? []).filter((r) => ok.has(trialId(r)));
    const present = new Set(allRuns.map((r) => r.engine));
    const engines = distinct([...data.meta.engines, ...allRuns.map((r) => r.engine)]).filter((e) => present.has(e));
    const seeds = distinct(allRuns.map((r) => r.seed)).sort((a, b) => a - b);
    const sweepParameter = allRuns.find((r) => r.sweepParameter !== '')?.sweepParameter ?? meta.sweep?.parameter;
    const listed = (meta.sweep?.values ?? []).map(String);
    const found = distinct(allRuns.map((r) => r.sweepValue).filter((v) => v !== ''));
    const sweepValues = sweepParameter === undefined ? [] : distinct([...listed.filter((v) => found.includes(v)), ...found]);
    const okSeeds = distinct(runs.map((r) => r.seed)).sort((a, b) => a - b);
    return {
      meta,
      engines,
      seeds,
      sweepParameter,
      sweepValues,
      allRuns,
      runs,
      cdf: keep(cdf),
      convergence: keep(convergence),
      series: keep(series),
      counters: keep(counters),
      traffic: keep(traffic),
      services: keep(services),
      chartSeed: okSeeds[0],
    };
  });
}

function fallbackMeta(name: string): ScenarioMeta {
  return { name, file: '', hash: '', title: '', description: '', lesson: '', tags: [], seeds: [], sweep: null, setup: '' };
}
