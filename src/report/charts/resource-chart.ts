import { type Messages } from '../i18n/messages.js';
import { type ScenarioView } from '../scenario-view.js';
import { type ChartDef, engineChannels, HEIGHT, headroomDomain, perturbationMarks, r6, vl, WIDTH } from './chart.js';

/** The two resource-over-time charts: CPU allocated (`util/cpu`) and CPU locked in offers (`locked/cpu`). */
export type ResourceSeries = 'util/cpu' | 'locked/cpu';

/**
 * A fraction-of-cluster series over time per engine (chart seed), perturbations marked. Undefined
 * when no engine reports the series (only offer-based engines lock resources) or, for locked CPU,
 * when nothing was ever locked.
 */
export function resourceChart(view: ScenarioView, which: ResourceSeries, m: Messages): ChartDef | undefined {
  const rows = view.series.filter((r) => r.seed === view.chartSeed && r.series === which && r.sweepValue === (view.sweepValues[0] ?? ''));
  if (rows.length === 0 || (which === 'locked/cpu' && !rows.some((r) => r.value > 0))) return undefined;
  const engines = view.engines.filter((e) => rows.some((r) => r.engine === e));
  const channels = engineChannels(engines, m.engineLegend);
  const values = rows.map((r) => ({ engine: r.engine, time: r.time, value: r6(r.value) }));
  const util = which === 'util/cpu';
  return {
    kind: util ? 'utilization' : 'locked',
    title: util ? m.utilTitle : m.lockedTitle,
    caption: `${util ? m.utilCaption : m.lockedCaption}${m.sentenceSep}${m.firstSeedNote(view.chartSeed ?? 0)}`,
    spec: vl({
      width: WIDTH,
      height: HEIGHT,
      layer: [
        ...perturbationMarks(view, view.chartSeed).layers(m.timeAxis),
        {
          data: { values },
          mark: { type: 'line', interpolate: 'step-after' },
          encoding: {
            x: { field: 'time', type: 'quantitative', title: m.timeAxis },
            y: { field: 'value', type: 'quantitative', title: util ? m.utilY : m.lockedY, scale: { domain: util ? [0, 1.12] : headroomDomain(Math.max(0, ...values.map((v) => v.value)), 0.01) }, axis: { format: '.0%', ...(util ? { values: [0, 0.25, 0.5, 0.75, 1] } : {}) } },
            color: channels.color,
            strokeDash: channels.strokeDash,
            order: { field: 'time' },
          },
        },
      ],
    }),
  };
}
