import { cdfChart } from './charts/cdf-chart.js';
import { type ChartDef, coincidingGroups } from './charts/chart.js';
import { convergenceChart } from './charts/convergence-chart.js';
import { replicasChart } from './charts/replicas-chart.js';
import { replicasZoomChart } from './charts/replicas-zoom-chart.js';
import { resourceChart, resourceRows, type ResourceSeries } from './charts/resource-chart.js';
import { shareChart } from './charts/share-chart.js';
import { sweepChart } from './charts/sweep-chart.js';
import { trafficCostChart, trafficLatencyChart, trafficServingChart } from './charts/traffic-charts.js';
import { type FigureKey, FIGURES, presentFigures } from './headline.js';
import { type Messages } from './i18n/messages.js';
import { type ScenarioView } from './scenario-view.js';
import { groupBy, spread } from './stats.js';

/** A chart placed in the report: its definition plus where it lives (anchor and file). */
export interface PlannedChart {
  readonly def: ChartDef;
  /** Anchor of the figure in report.md/html. */
  readonly anchor: string;
  /** File name under charts/ (the same in every language; each language has its own folder). */
  readonly file: string;
}

/**
 * Figures a sweep is plotted against, in order of preference; the first three with data are drawn.
 * The application-lifecycle figures come first: a scenario has them only when its lesson is about them.
 */
const SWEEP_FIGURES: readonly FigureKey[] = [
  'app_ready_max_s',
  'op_done_max_s',
  'container_restarts',
  'job_wait_p90_s',
  'locked_cpu_avg',
  'convergence',
  'sched_p99_s',
  'jain',
  'util_cpu',
];

/**
 * The charts that fit a scenario's data: a scenario without services gets no desired-vs-running
 * chart, one tenant gets no share chart, an engine without offers no locked-resources chart, and a
 * series over time that no engine lifts to 1 % of the cluster on average no chart (see
 * {@link omittedCharts}). A sweep gets its figures against the swept value instead of time series
 * (one per swept value would be too many to read).
 */
export function planCharts(view: ScenarioView, m: Messages): PlannedChart[] {
  const defs: (ChartDef | undefined)[] = [];
  if (view.sweepParameter !== undefined) {
    const present = new Set(presentFigures(view).map((f) => f.key));
    const chosen = SWEEP_FIGURES.filter((k) => present.has(k)).slice(0, 3);
    for (const key of chosen) defs.push(sweepChart(view, FIGURES.find((f) => f.key === key) as (typeof FIGURES)[number], m));
  } else {
    const cdf = (metric: string): ChartDef | undefined => withCdfNotes(cdfChart(view, metric, m), view, metric, m);
    defs.push(
      replicasChart(view, m),
      replicasZoomChart(view, m),
      convergenceChart(view, m),
      cdf('scheduling'),
      cdf('job-wait'),
      shareChart(view, m),
      resourceChart(view, 'util/cpu', m),
      resourceChart(view, 'locked/cpu', m),
      trafficLatencyChart(view, m),
      trafficServingChart(view, m),
      trafficCostChart(view, m),
    );
  }
  return defs
    .filter((d): d is ChartDef => d !== undefined)
    .map((def) => ({ def, anchor: `fig-${view.meta.name}-${def.kind}`, file: `${view.meta.name}--${def.kind}.svg` }));
}

/**
 * Sentences naming the charts over time that the data would call for but that were left out by the
 * report's rule (no engine averages 1 % of the cluster on them), so a reader knows why one is missing.
 */
export function omittedCharts(view: ScenarioView, m: Messages): string[] {
  if (view.sweepParameter !== undefined) return [];
  const series: [ResourceSeries, string][] = [
    ['util/cpu', m.utilTitle],
    ['locked/cpu', m.lockedTitle],
  ];
  return series
    .filter(([which]) => {
      const { rows, meaningful } = resourceRows(view, which);
      return rows.length > 0 && !meaningful && (which === 'util/cpu' || rows.some((r) => r.value > 0));
    })
    .map(([, title]) => m.chartOmitted(title));
}

/**
 * The CDF caption as the run calls for it: the oracle is named as the reference only when it ran,
 * and curves that coincide (quantiles less than 1 % of the axis apart on average) are named.
 */
function withCdfNotes(def: ChartDef | undefined, view: ScenarioView, metric: string, m: Messages): ChartDef | undefined {
  if (!def) return undefined;
  const rows = view.cdf.filter((r) => r.metric === metric && r.group === 'all' && Number.isFinite(r.value));
  const byEngine = groupBy(rows, (r) => r.engine);
  const engines = view.engines.filter((e) => byEngine.has(e));
  const curve = (e: string): Map<number, number> =>
    new Map([...groupBy(byEngine.get(e) ?? [], (r) => String(r.quantile))].map(([q, list]) => [Number(q), spread(list.map((r) => r.value)).mean]));
  const top = Math.max(0, ...rows.map((r) => r.value));
  const groups = top > 0 ? coincidingGroups(engines, curve, top * 0.01) : engines.length > 1 ? [engines] : [];
  const notes = [...(engines.includes('oracle') ? [m.cdfOracleNote] : []), ...groups.map((g) => m.coincideNote(m.list(g), false))];
  return notes.length === 0 ? def : { ...def, caption: [def.caption, ...notes].join(m.sentenceSep) };
}
