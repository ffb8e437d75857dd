import { type Messages } from '../i18n/messages.js';
import { type ScenarioView } from '../scenario-view.js';
import {
  type ChartDef,
  coincidingGroups,
  engineChannels,
  HEIGHT,
  headroomDomain,
  horizonOf,
  MEANINGFUL_SHARE,
  meanPerEngine,
  perturbationMarks,
  r6,
  referenceOnTop,
  timeX,
  vl,
  WIDTH,
} from './chart.js';

/** The two resource-over-time charts: CPU allocated (`util/cpu`) and CPU locked in offers (`locked/cpu`). */
export type ResourceSeries = 'util/cpu' | 'locked/cpu';

/** Two curves closer than this on average (share of the cluster) are said to coincide. */
const COINCIDE_TOLERANCE = 0.005;

/** The rows of a resource series for the chart seed, and whether they pass the report's rule for a chart. */
export function resourceRows(view: ScenarioView, which: ResourceSeries): { rows: ScenarioView['series']; meaningful: boolean } {
  const rows = view.series.filter((r) => r.seed === view.chartSeed && r.series === which && r.sweepValue === (view.sweepValues[0] ?? ''));
  const means = meanPerEngine(rows);
  return { rows, meaningful: [...means.values()].some((v) => v >= MEANINGFUL_SHARE) };
}

/**
 * A fraction-of-cluster series over time per engine (chart seed), perturbations marked, the time
 * axis from 0 to the horizon. Undefined when no engine reports the series (only offer-based engines
 * lock resources) or when no engine averages {@link MEANINGFUL_SHARE} of the cluster (the rule of
 * chart.ts: a 0.2 % line or one spike at t = 0 says nothing). Where lines coincide the caption says
 * so, and the oracle's line is drawn on top.
 */
export function resourceChart(view: ScenarioView, which: ResourceSeries, m: Messages): ChartDef | undefined {
  const { rows, meaningful } = resourceRows(view, which);
  if (rows.length === 0 || !meaningful) return undefined;
  const engines = view.engines.filter((e) => rows.some((r) => r.engine === e));
  const channels = engineChannels(engines, m.engineLegend);
  const values = referenceOnTop(rows.map((r) => ({ engine: r.engine, time: r.time, value: r6(r.value) })));
  const util = which === 'util/cpu';
  const x = timeX(m.timeAxis, horizonOf(view));
  const groups = coincidingGroups(engines, (e) => new Map(values.filter((v) => v.engine === e).map((v) => [v.time, v.value])), COINCIDE_TOLERANCE);
  const notes = [m.firstSeedNote(view.chartSeed ?? 0), ...groups.map((g) => m.coincideNote(m.list(g), g.includes('oracle')))];
  return {
    kind: util ? 'utilization' : 'locked',
    title: util ? m.utilTitle : m.lockedTitle,
    caption: [util ? m.utilCaption : m.lockedCaption, ...notes].join(m.sentenceSep),
    spec: vl({
      width: WIDTH,
      height: HEIGHT,
      layer: [
        ...perturbationMarks(view, view.chartSeed).layers(x),
        {
          data: { values },
          mark: { type: 'line', interpolate: 'step-after', clip: true },
          encoding: {
            x,
            y: {
              field: 'value',
              type: 'quantitative',
              title: util ? m.utilY : m.lockedY,
              scale: { domain: util ? [0, 1.12] : headroomDomain(Math.max(0, ...values.map((v) => v.value)), 0.01) },
              axis: { format: '.0%', ...(util ? { values: [0, 0.25, 0.5, 0.75, 1] } : {}) },
            },
            color: channels.color,
            strokeDash: channels.strokeDash,
            order: { field: 'time' },
          },
        },
      ],
    }),
  };
}
