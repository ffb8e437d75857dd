import { fmtNum } from '../format.js';
import { type Messages } from '../i18n/messages.js';
import { SERIES_COLORS, SERIES_DASHES } from '../palette.js';
import { type ScenarioView } from '../scenario-view.js';
import { spread } from '../stats.js';
import { type ChartDef, HEIGHT, horizonOf, r6, timeX, vl, WIDTH } from './chart.js';

/**
 * Dominant share per tenant over time (timeseries.csv `share/<tenant>`, chart seed), one panel per
 * engine titled with its Jain's index (runs.csv `jain`, mean over seeds), time from 0 to the horizon. Undefined unless the
 * scenario has two tenants or more: with one tenant there is no sharing to show.
 */
export function shareChart(view: ScenarioView, m: Messages): ChartDef | undefined {
  const rows = view.series.filter((r) => r.seed === view.chartSeed && r.series.startsWith('share/'));
  const tenants = [...new Set(rows.map((r) => r.series.slice('share/'.length)))];
  if (tenants.length < 2) return undefined;
  const engines = view.engines.filter((e) => rows.some((r) => r.engine === e));
  const panel = new Map(
    engines.map((e) => {
      const jain = spread(view.runs.filter((r) => r.engine === e).map((r) => r.values.jain ?? NaN));
      return [e, m.sharePanel(e, jain.n ? fmtNum(jain.mean) : m.noData)];
    }),
  );
  const values = rows.map((r) => ({ panel: panel.get(r.engine) as string, tenant: r.series.slice('share/'.length), time: r.time, value: r6(r.value) }));
  const legend = { title: m.tenantLegend, orient: 'right' };
  return {
    kind: 'share',
    title: m.shareTitle,
    caption: `${m.shareCaption}${m.sentenceSep}${m.firstSeedNote(view.chartSeed ?? 0)}`,
    spec: vl({
      data: { values },
      facet: {
        row: {
          field: 'panel',
          type: 'nominal',
          sort: engines.map((e) => panel.get(e)),
          title: null,
          header: { labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelOrient: 'top', labelFontWeight: 'bold' },
        },
      },
      spacing: 14,
      spec: {
        width: WIDTH,
        height: Math.round(HEIGHT * 0.6),
        mark: { type: 'line', interpolate: 'step-after', clip: true },
        encoding: {
          x: timeX(m.timeAxis, horizonOf(view)),
          y: { field: 'value', type: 'quantitative', title: m.shareY, scale: { domain: [0, 1] }, axis: { format: '.0%', tickCount: 4 } },
          color: {
            field: 'tenant',
            type: 'nominal',
            sort: tenants,
            scale: { domain: tenants, range: tenants.map((_, i) => SERIES_COLORS[i % SERIES_COLORS.length]) },
            legend,
          },
          strokeDash: {
            field: 'tenant',
            type: 'nominal',
            sort: tenants,
            scale: { domain: tenants, range: tenants.map((_, i) => [...(SERIES_DASHES[i % SERIES_DASHES.length] as number[])]) },
            legend,
          },
          order: { field: 'time' },
        },
      },
    }),
  };
}
