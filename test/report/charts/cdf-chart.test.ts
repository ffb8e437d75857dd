import { describe, expect, it } from 'vitest';
import { cdfChart } from '../../../src/report/charts/cdf-chart.js';
import { en } from '../../../src/report/i18n/en.js';
import { type CdfRow } from '../../../src/report/read-results.js';
import { type ScenarioView } from '../../../src/report/scenario-view.js';

/** An 11-point CDF of one engine and seed: value = 10·q, lower bounds from quantile `censoredFrom` on. */
function curve(engine: string, seed: number, censoredFrom: number): CdfRow[] {
  return Array.from({ length: 11 }, (_, i) => ({
    scenario: 's',
    sweepParameter: '',
    sweepValue: '',
    engine,
    seed,
    metric: 'scheduling',
    group: 'all',
    quantile: i / 10,
    value: i,
    lowerBound: i / 10 >= censoredFrom,
  }));
}

function view(cdf: CdfRow[]): ScenarioView {
  return {
    meta: { name: 's', file: '', hash: '', title: '', description: '', lesson: '', tags: [], seeds: [1, 2], sweep: null, setup: '' },
    engines: ['oracle', 'kubernetes'],
    seeds: [1, 2],
    sweepParameter: undefined,
    sweepValues: [''],
    allRuns: [],
    runs: [],
    cdf,
    convergence: [],
    series: [],
    counters: [],
    traffic: [],
    services: [],
    chartSeed: 1,
  };
}

interface Spec {
  data: { values: { engine: string; q: number; lowerBound: boolean }[] };
  layer: { mark: { type: string; opacity?: number; filled?: boolean }; transform?: { filter: string }[] }[];
}

describe('cdfChart with tasks still waiting at the end (censored values)', () => {
  it('marks a point a lower bound when it is one in any seed, and draws those parts faint with hollow markers', () => {
    // The oracle's seed 2 has its backlog from the median on, seed 1 from p80; kubernetes placed everything.
    const chart = cdfChart(
      view([...curve('oracle', 1, 0.8), ...curve('oracle', 2, 0.5), ...curve('kubernetes', 1, 2), ...curve('kubernetes', 2, 2)]),
      'scheduling',
      en,
    );
    const spec = chart?.spec as unknown as Spec;
    const bounds = spec.data.values.filter((v) => v.lowerBound);
    expect(bounds.every((v) => v.engine === 'oracle')).toBe(true);
    expect(bounds.map((v) => v.q)).toEqual([0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    const faint = spec.layer.filter((l) => l.mark.type === 'line' && l.mark.opacity !== undefined);
    expect(faint).toHaveLength(1);
    expect(spec.layer.some((l) => l.mark.type === 'line' && l.transform?.[0]?.filter === '!datum.lowerBound')).toBe(true);
    expect(spec.layer.some((l) => l.mark.type === 'point' && l.mark.filled === false)).toBe(true);
    expect(chart?.caption).toContain('still waiting at the end');
  });

  it('draws one plain line per engine when nothing is censored', () => {
    const spec = cdfChart(view([...curve('oracle', 1, 2), ...curve('kubernetes', 1, 2)]), 'scheduling', en)?.spec as unknown as Spec;
    expect(spec.layer.map((l) => l.mark.type)).toEqual(['line', 'point']);
    expect(spec.layer[0]?.transform).toBeUndefined();
  });
});
