import { describe, expect, it } from 'vitest';
import { omittedCharts } from '../../../src/report/chart-plan.js';
import { resourceChart } from '../../../src/report/charts/resource-chart.js';
import { en } from '../../../src/report/i18n/en.js';
import { samples, scenarioView } from './view.js';

describe('resourceChart', () => {
  it('draws a series that some engine lifts to 1 % of the cluster, on an axis that ends at the horizon', () => {
    const view = scenarioView(['oracle', 'mesos'], 150, {
      series: [...samples('oracle', 'util/cpu', 150, 0.5, () => 0.6), ...samples('mesos', 'util/cpu', 150, 0.5, (t) => 0.3 + t / 1000)],
    });
    const chart = resourceChart(view, 'util/cpu', en);
    const spec = chart?.spec as unknown as { layer: { encoding?: { x: { scale: { domain: number[] } } } }[] };
    const x = spec.layer.at(-1)?.encoding?.x;
    expect(x?.scale.domain).toEqual([0, 150]);
    expect(chart?.caption).not.toContain('coincide');
  });

  it.each([
    { name: 'a 0.16 % allocation', series: 'util/cpu' as const, f: (t: number) => (t % 40 < 5 ? 0.0125 : 0) },
    { name: 'locked CPU that is one spike at t = 0', series: 'locked/cpu' as const, f: (t: number) => (t < 1 ? 0.25 : 0) },
  ])('leaves out $name, and the section says so', ({ series, f }) => {
    const view = scenarioView(['oracle', 'mesos'], 300, { series: [...samples('oracle', series, 300, 1, f), ...samples('mesos', series, 300, 1, f)] });
    expect(resourceChart(view, series, en)).toBeUndefined();
    expect(omittedCharts(view, en)).toEqual([en.chartOmitted(series === 'util/cpu' ? en.utilTitle : en.lockedTitle)]);
  });

  it('says when lines coincide and draws the oracle on top', () => {
    const view = scenarioView(['oracle', 'kubernetes'], 100, {
      series: [...samples('oracle', 'util/cpu', 100, 1, () => 0.5), ...samples('kubernetes', 'util/cpu', 100, 1, () => 0.5)],
    });
    const chart = resourceChart(view, 'util/cpu', en);
    expect(chart?.caption).toContain(en.coincideNote('oracle and kubernetes', true));
    const data = (chart?.spec as unknown as { layer: { data: { values: { engine: string }[] } }[] }).layer.at(-1)?.data.values ?? [];
    expect(data.at(-1)?.engine).toBe('oracle');
    expect(data[0]?.engine).toBe('kubernetes');
  });
});
