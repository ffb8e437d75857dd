import { type FigureDef, figureStat } from '../headline.js';
import { type Messages } from '../i18n/messages.js';
import { parameterLabel } from '../parameter-label.js';
import { type ScenarioView } from '../scenario-view.js';
import { type ChartDef, engineChannels, HEIGHT, markerLayerMark, r6, vl, WIDTH } from './chart.js';

/**
 * For a sweep: one figure against the swept value, one line per engine (mean over the seeds), with
 * the lowest-to-highest seed as a bar; hollow markers where a seed was censored. The x axis is
 * quantitative when every swept value is a number, ordinal otherwise (in the scenario's order).
 */
export function sweepChart(view: ScenarioView, def: FigureDef, m: Messages): ChartDef | undefined {
  if (view.sweepParameter === undefined || view.sweepValues.length === 0) return undefined;
  // Axis, title and caption name the parameter in words ("Mesos service framework t_job"), not by its path.
  const parameter = parameterLabel(view.sweepParameter, m.htmlLang === 'zh-CN' ? 'zh-CN' : 'en');
  const numeric = view.sweepValues.every((v) => v.trim() !== '' && Number.isFinite(Number(v)));
  const values: { engine: string; x: number | string; mean: number; min: number; max: number; censored: boolean }[] = [];
  for (const engine of view.engines) {
    for (const v of view.sweepValues) {
      const stat = figureStat(
        def,
        view.runs.filter((r) => r.engine === engine && r.sweepValue === v),
        view,
      );
      if (stat.spread.n === 0) continue;
      values.push({
        engine,
        x: numeric ? Number(v) : v,
        mean: r6(stat.spread.mean),
        min: r6(stat.spread.min),
        max: r6(stat.spread.max),
        censored: stat.censored > 0,
      });
    }
  }
  if (values.length === 0) return undefined;
  const engines = view.engines.filter((e) => values.some((v) => v.engine === e));
  const channels = engineChannels(engines, m.engineLegend);
  const metric = m.metricNames[def.key] ?? def.column(m);
  const unit = def.unit === 'seconds' ? m.unitSeconds : def.unit === 'percent' ? m.unitShare : '';
  const x = numeric
    ? { field: 'x', type: 'quantitative', title: parameter, scale: { zero: false, nice: false, padding: 12 }, axis: { values: view.sweepValues.map(Number) } }
    : { field: 'x', type: 'ordinal', title: parameter, sort: view.sweepValues };
  const y = {
    field: 'mean',
    type: 'quantitative',
    title: m.sweepY(metric, unit),
    scale: { zero: true },
    // '~' trims zeros: a sweep of small shares (0.2 % of CPU locked) reads 0.2%, not a column of 0%.
    ...(def.unit === 'percent' ? { axis: { format: '.2~%' } } : {}),
  };
  return {
    kind: `sweep-${def.key.replace(/_/g, '-')}`,
    title: m.sweepTitle(metric, parameter),
    caption: m.sweepCaption(parameter),
    spec: vl({
      width: WIDTH,
      height: HEIGHT,
      data: { values },
      encoding: { x },
      layer: [
        {
          mark: { type: 'rule', strokeWidth: 1.5, opacity: 0.7 },
          encoding: { y: { field: 'min', type: 'quantitative' }, y2: { field: 'max' }, color: channels.color },
        },
        { mark: { type: 'line' }, encoding: { y, color: channels.color, strokeDash: channels.strokeDash } },
        { transform: [{ filter: '!datum.censored' }], mark: markerLayerMark(engines), encoding: { y: { field: 'mean', type: 'quantitative' } } },
        { transform: [{ filter: 'datum.censored' }], mark: markerLayerMark(engines, false), encoding: { y: { field: 'mean', type: 'quantitative' } } },
      ],
    }),
  };
}
