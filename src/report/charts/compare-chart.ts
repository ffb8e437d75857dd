import { type FigureDef, figureStat } from '../headline.js';
import { type Messages } from '../i18n/messages.js';
import { type ScenarioView } from '../scenario-view.js';
import { type ChartDef, engineChannels, HEIGHT, r6, vl, WIDTH } from './chart.js';

/** Marker of each run in a comparison chart (A also filled, B hollow), so the pair reads in grey print too. */
const RUN_SHAPES = { A: 'circle', B: 'square' } as const;

/**
 * One figure of a scenario in two runs, per engine: a marker at the mean over the seeds and a bar
 * from the lowest to the highest seed, run A and run B side by side. Undefined when neither run has
 * the figure.
 */
export function compareChart(a: ScenarioView, b: ScenarioView, def: FigureDef, m: Messages): ChartDef | undefined {
  const engines = [...new Set([...a.engines, ...b.engines])];
  const values: { engine: string; run: string; mean: number; min: number; max: number; censored: boolean }[] = [];
  for (const engine of engines) {
    for (const [run, view] of [
      ['A', a],
      ['B', b],
    ] as const) {
      if (view.sweepParameter !== undefined) continue;
      const stat = figureStat(
        def,
        view.runs.filter((r) => r.engine === engine),
        view,
      );
      if (stat.spread.n === 0) continue;
      values.push({ engine, run, mean: r6(stat.spread.mean), min: r6(stat.spread.min), max: r6(stat.spread.max), censored: stat.censored > 0 });
    }
  }
  if (values.length === 0) return undefined;
  const present = engines.filter((e) => values.some((v) => v.engine === e));
  const channels = engineChannels(present, m.engineLegend);
  const metric = m.metricNames[def.key] ?? def.column(m);
  const unit = def.unit === 'seconds' ? m.unitSeconds : def.unit === 'percent' ? m.unitShare : '';
  const shape = { field: 'run', type: 'nominal', title: m.colRun, scale: { domain: ['A', 'B'], range: [RUN_SHAPES.A, RUN_SHAPES.B] }, legend: null };
  // No legend for the run: vega-lite draws its symbols without an outline here; the title says which marker is which.
  return {
    kind: `compare-${def.key.replace(/_/g, '-')}`,
    title: m.compareChartTitle(metric),
    caption: m.compareChartCaption,
    spec: vl({
      width: Math.min(WIDTH, 160 * present.length),
      height: HEIGHT,
      data: { values },
      encoding: {
        x: { field: 'engine', type: 'nominal', title: m.colEngine, sort: present, axis: { labelAngle: 0 } },
        xOffset: { field: 'run', type: 'nominal', sort: ['A', 'B'] },
      },
      layer: [
        {
          mark: { type: 'rule', strokeWidth: 2.5 },
          encoding: {
            y: {
              field: 'min',
              type: 'quantitative',
              title: m.sweepY(metric, unit),
              scale: { zero: true },
              ...(def.unit === 'percent' ? { axis: { format: '.2~%' } } : {}),
            },
            y2: { field: 'max' },
            color: channels.color,
          },
        },
        {
          mark: {
            type: 'point',
            filled: false,
            size: 110,
            opacity: 1,
            strokeWidth: 2.5,
            fill: { expr: "datum.run === 'A' ? scale('color', datum.engine) : 'white'" },
          },
          encoding: { y: { field: 'mean', type: 'quantitative' }, color: channels.color, shape },
        },
      ],
    }),
  };
}
