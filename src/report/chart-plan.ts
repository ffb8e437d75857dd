import { cdfChart } from './charts/cdf-chart.js';
import { type ChartDef } from './charts/chart.js';
import { convergenceChart } from './charts/convergence-chart.js';
import { replicasChart } from './charts/replicas-chart.js';
import { resourceChart } from './charts/resource-chart.js';
import { shareChart } from './charts/share-chart.js';
import { sweepChart } from './charts/sweep-chart.js';
import { FIGURES, presentFigures } from './headline.js';
import { type Messages } from './i18n/messages.js';
import { type ScenarioView } from './scenario-view.js';

/** A chart placed in the report: its definition plus where it lives (anchor and file). */
export interface PlannedChart {
  readonly def: ChartDef;
  /** Anchor of the figure in report.md/html. */
  readonly anchor: string;
  /** File name under charts/ (the same in every language; each language has its own folder). */
  readonly file: string;
}

/** Figures a sweep is plotted against, in order of preference; the first two with data are drawn. */
const SWEEP_FIGURES = ['job_wait_p90_s', 'locked_cpu_avg', 'convergence', 'sched_p99_s', 'jain', 'util_cpu'];

/**
 * The charts that fit a scenario's data: a scenario without services gets no desired-vs-running
 * chart, one tenant gets no share chart, an engine without offers no locked-resources chart. A sweep
 * gets its figures against the swept value instead of time series (one per swept value would be
 * too many to read).
 */
export function planCharts(view: ScenarioView, m: Messages): PlannedChart[] {
  const defs: (ChartDef | undefined)[] = [];
  if (view.sweepParameter !== undefined) {
    const present = new Set(presentFigures(view).map((f) => f.key));
    const chosen = SWEEP_FIGURES.filter((k) => present.has(k)).slice(0, 3);
    for (const key of chosen) defs.push(sweepChart(view, FIGURES.find((f) => f.key === key) as (typeof FIGURES)[number], m));
  } else {
    defs.push(replicasChart(view, m), convergenceChart(view, m), cdfChart(view, 'scheduling', m), cdfChart(view, 'job-wait', m), shareChart(view, m), resourceChart(view, 'util/cpu', m), resourceChart(view, 'locked/cpu', m));
  }
  return defs
    .filter((d): d is ChartDef => d !== undefined)
    .map((def) => ({ def, anchor: `fig-${view.meta.name}-${def.kind}`, file: `${view.meta.name}--${def.kind}.svg` }));
}
