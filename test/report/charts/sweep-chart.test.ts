import { describe, expect, it } from 'vitest';
import { sweepChart } from '../../../src/report/charts/sweep-chart.js';
import { FIGURES } from '../../../src/report/headline.js';
import { en } from '../../../src/report/i18n/en.js';
import { type RunRow } from '../../../src/report/read-results.js';
import { type ScenarioView } from '../../../src/report/scenario-view.js';

function run(engine: string, seed: number, sweepValue: string, p99: number): RunRow {
  return { scenario: 's', sweepParameter: 'policy', sweepValue, engine, seed, status: 'ok', error: '', simulatedS: 60, values: { sched_p99_s: p99 } };
}

function view(values: string[], runs: RunRow[]): ScenarioView {
  return {
    meta: { name: 's', file: '', hash: '', title: '', description: '', lesson: '', tags: [], seeds: [1, 2], sweep: { parameter: 'policy', values }, setup: '' },
    engines: ['oracle', 'kubernetes'],
    seeds: [1, 2],
    sweepParameter: 'policy',
    sweepValues: values,
    allRuns: runs,
    runs,
    cdf: [],
    convergence: [],
    series: [],
    counters: [],
    traffic: [],
    services: [],
    chartSeed: 1,
  };
}

const p99 = FIGURES.find((f) => f.key === 'sched_p99_s')!;

describe('sweepChart', () => {
  it.each([
    { name: 'numbers give a quantitative axis with a tick at each value', values: ['10', '2'], type: 'quantitative', x: [10, 2] },
    { name: 'words give an ordinal axis in the scenario’s order', values: ['spread', 'binpack'], type: 'ordinal', x: ['spread', 'binpack'] },
  ])('$name', ({ values, type, x }) => {
    const runs = values.flatMap((v, i) => [run('oracle', 1, v, i), run('oracle', 2, v, i + 1), run('kubernetes', 1, v, 10 + i)]);
    const chart = sweepChart(view(values, runs), p99, en);
    const spec = chart?.spec as unknown as {
      data: { values: { engine: string; x: unknown; mean: number; min: number; max: number }[] };
      encoding: { x: { type: string } };
    };
    expect(spec.encoding.x.type).toBe(type);
    expect(spec.data.values.filter((d) => d.engine === 'oracle').map((d) => d.x)).toEqual(x);
    // Mean over the seeds with the min–max spread.
    expect(spec.data.values[0]).toMatchObject({ engine: 'oracle', mean: 0.5, min: 0, max: 1 });
    expect(chart?.title).toBe('Scheduling latency p99 against policy');
  });

  it('draws nothing without a sweep', () => {
    expect(sweepChart({ ...view([], []), sweepParameter: undefined }, p99, en)).toBeUndefined();
  });
});
