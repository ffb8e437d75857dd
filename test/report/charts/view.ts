import { type ConvergenceCsvRow, type RunRow, type SeriesRow } from '../../../src/report/read-results.js';
import { type ScenarioView } from '../../../src/report/scenario-view.js';

/** A key of a trial of scenario `s`, seed 1, no sweep. */
const key = (engine: string) => ({ scenario: 's', sweepParameter: '', sweepValue: '', engine, seed: 1 });

/** A normal trial that ran to `horizon` seconds. */
export function runRow(engine: string, horizon: number): RunRow {
  return { ...key(engine), status: 'ok', error: '', simulatedS: horizon, values: {} };
}

/** Samples of one series every `step` seconds from 0 to `horizon`, value given by `f(t)`. */
export function samples(engine: string, series: string, horizon: number, step: number, f: (t: number) => number): SeriesRow[] {
  const out: SeriesRow[] = [];
  for (let t = 0; t <= horizon + 1e-9; t += step) out.push({ ...key(engine), time: Number(t.toFixed(6)), series, value: f(t) });
  return out;
}

/** One convergence row. */
export function convergenceRow(engine: string, perturbation: number, time: number, kind: string, convergence: number): ConvergenceCsvRow {
  return {
    ...key(engine),
    perturbation,
    time,
    kind,
    label: `${kind} at ${time}`,
    convergence,
    censored: false,
    window: 60,
    tasksLost: 0,
    peakExcess: 0,
    minAvailable: 0,
  };
}

/** A plain (non-sweep) scenario view over the given engines and rows, seed 1 charted. */
export function scenarioView(engines: string[], horizon: number, parts: { series?: SeriesRow[]; convergence?: ConvergenceCsvRow[] }): ScenarioView {
  const runs = engines.map((e) => runRow(e, horizon));
  return {
    meta: { name: 's', file: '', hash: '', title: '', description: '', lesson: '', tags: [], seeds: [1], sweep: null, setup: '' },
    engines,
    seeds: [1],
    sweepParameter: undefined,
    sweepValues: [],
    allRuns: runs,
    runs,
    cdf: [],
    convergence: parts.convergence ?? [],
    series: parts.series ?? [],
    counters: [],
    traffic: [],
    services: [],
    chartSeed: 1,
  };
}
