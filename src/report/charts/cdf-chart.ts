import { type Messages } from '../i18n/messages.js';
import { type ScenarioView } from '../scenario-view.js';
import { groupBy, spread } from '../stats.js';
import { type ChartDef, engineChannels, HEIGHT, markerLayerMark, r6, vl, WIDTH } from './chart.js';

/** Quantiles that get a marker on each curve: median, p90 and the maximum. */
const MARKED = [0.5, 0.9, 1];

/**
 * Latency CDF per engine for one metric (cdf.csv, group `all`): the quantile values averaged over
 * the seeds at each quantile (a "Vincentized" CDF, which keeps each seed's shape). Undefined when
 * no engine has the metric. Tasks still waiting at the end are in the curve as censored values
 * (DESIGN.md §6): a point that is a lower bound in any seed is one in the average, and from the first
 * such point on the curve is drawn faint (same colour and dash) and its markers hollow.
 */
export function cdfChart(view: ScenarioView, metric: string, m: Messages): ChartDef | undefined {
  const rows = view.cdf.filter((r) => r.metric === metric && r.group === 'all' && Number.isFinite(r.value));
  if (rows.length === 0) return undefined;
  const values: { engine: string; q: number; value: number; marked: boolean; lowerBound: boolean }[] = [];
  const byEngine = groupBy(rows, (r) => r.engine);
  const engines = view.engines.filter((e) => byEngine.has(e));
  for (const engine of engines) {
    const byQ = groupBy(byEngine.get(engine) ?? [], (r) => String(r.quantile));
    for (const [q, list] of byQ) {
      const qn = Number(q);
      values.push({
        engine,
        q: qn,
        value: r6(spread(list.map((r) => r.value)).mean),
        marked: MARKED.some((x) => Math.abs(x - qn) < 1e-9),
        lowerBound: list.some((r) => r.lowerBound),
      });
    }
  }
  const name = m.metricNames[metric] ?? metric;
  const channels = engineChannels(engines, m.engineLegend);
  // An all-zero distribution (the oracle places instantly) still gets a readable axis.
  const top = Math.max(0, ...values.map((v) => v.value));
  const x = { field: 'value', type: 'quantitative', title: m.cdfX(name), scale: top > 0 ? { zero: true, nice: true } : { domain: [0, 1] } };
  const line = { color: channels.color, strokeDash: channels.strokeDash, order: { field: 'q' } };
  // Layers for lower bounds only where there are some, so that charts without backlog stay as they were.
  const censored = values.some((v) => v.lowerBound);
  const y = { field: 'q', type: 'quantitative', title: m.cdfY, scale: { domain: [0, 1] }, axis: { format: '.0%' } };
  return {
    kind: `cdf-${metric}`,
    title: m.cdfTitle(name),
    caption: m.cdfCaption(name, view.seeds.length),
    spec: vl({
      width: WIDTH,
      height: HEIGHT,
      data: { values },
      encoding: { x, y },
      layer: [
        { ...(censored ? { transform: [{ filter: '!datum.lowerBound' }] } : {}), mark: { type: 'line', interpolate: 'linear' }, encoding: line },
        // The whole curve again, faint, so that it continues through the lower bounds (after the solid
        // layer: the shared legend takes its symbols from the first layer and stays solid).
        ...(censored ? [{ mark: { type: 'line', interpolate: 'linear', opacity: 0.3 }, encoding: line }] : []),
        {
          transform: [{ filter: censored ? 'datum.marked && !datum.lowerBound' : 'datum.marked' }],
          mark: markerLayerMark(engines),
        },
        ...(censored ? [{ transform: [{ filter: 'datum.marked && datum.lowerBound' }], mark: markerLayerMark(engines, false) }] : []),
      ],
    }),
  };
}
