import { describe, expect, it } from 'vitest';
import { replicasZoomChart, zoomWindows } from '../../../src/report/charts/replicas-zoom-chart.js';
import { en } from '../../../src/report/i18n/en.js';
import { convergenceRow, samples, scenarioView } from './view.js';

const replicas = (engine: string) => [
  ...samples(engine, 'desired/web', 240, 0.8, () => 100),
  ...samples(engine, 'running/web', 240, 0.8, (t) => (t > 60 && t < 64 ? 75 : 100)),
];

describe('replicas zoom', () => {
  it('zooms on a rollout that settles in a few seconds of a 240 s run, and not on a slow recovery', () => {
    const view = scenarioView(['oracle', 'mesos'], 240, {
      series: [...replicas('oracle'), ...replicas('mesos')],
      convergence: [
        convergenceRow('oracle', 0, 60, 'rollout', 3),
        convergenceRow('mesos', 0, 60, 'rollout', 6.4),
        convergenceRow('oracle', 1, 120, 'crash', 1),
        convergenceRow('mesos', 1, 120, 'crash', 90),
      ],
    });
    const windows = zoomWindows(view);
    expect(windows).toHaveLength(1);
    const w = windows[0] as (typeof windows)[number];
    expect(w.index).toBe(0);
    expect(w.from).toBeLessThan(60);
    expect(w.to).toBeGreaterThan(66.4);
    expect(w.to - w.from).toBeLessThan(240 * 0.05 * 2);
    const chart = replicasZoomChart(view, en);
    const panels = (chart?.spec as unknown as { hconcat: { layer: { encoding?: { x: { scale: { domain: number[] } } } }[] }[] }).hconcat;
    expect(panels).toHaveLength(1);
    expect(panels[0]?.layer.at(-1)?.encoding?.x.scale.domain).toEqual([w.from, w.to]);
  });

  it('draws no zoom when every perturbation is slow to settle', () => {
    const view = scenarioView(['oracle'], 240, { series: replicas('oracle'), convergence: [convergenceRow('oracle', 0, 60, 'crash', 100)] });
    expect(replicasZoomChart(view, en)).toBeUndefined();
  });
});
