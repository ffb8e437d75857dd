import { type Messages } from '../i18n/messages.js';
import { type ScenarioView } from '../scenario-view.js';
import { type ChartDef, engineChannels, HEIGHT, headroomDomain, perturbationMarks, vl, WIDTH } from './chart.js';

/**
 * Desired vs running service instances over time for the chart seed, summed over the scenario's
 * services (timeseries.csv `desired/<svc>`, `running/<svc>`), with the perturbations marked: the
 * self-healing picture. Undefined when the scenario has no service.
 */
export function replicasChart(view: ScenarioView, m: Messages): ChartDef | undefined {
  const seed = view.chartSeed;
  const rows = view.series.filter((r) => r.seed === seed && r.sweepValue === (view.sweepValues[0] ?? ''));
  const services = new Set(rows.filter((r) => r.series.startsWith('desired/')).map((r) => r.series.slice('desired/'.length)));
  if (services.size === 0) return undefined;
  const engines = view.engines.filter((e) => rows.some((r) => r.engine === e));
  const sums = new Map<string, { engine: string; time: number; value: number }>();
  const add = (engine: string, time: number, value: number): void => {
    const k = `${engine}\u0000${time}`;
    const cur = sums.get(k);
    if (cur) cur.value += value;
    else sums.set(k, { engine, time, value });
  };
  const desiredEngine = engines[0];
  for (const r of rows) {
    const slash = r.series.indexOf('/');
    const what = r.series.slice(0, slash);
    const svc = r.series.slice(slash + 1);
    if (!services.has(svc)) continue;
    if (what === 'running') add(r.engine, r.time, r.value);
    else if (what === 'desired' && r.engine === desiredEngine) add(m.desiredSeries, r.time, r.value);
  }
  const values = [...sums.values()];
  const series = [m.desiredSeries, ...engines];
  const channels = engineChannels(series, m.engineLegend, 'engine');
  const color = channels.color as { scale: { range: string[] } };
  // Light grey (not a lower opacity, which the shared legend would apply to every engine's symbol).
  color.scale.range[0] = '#c4c4c4';
  const marks = perturbationMarks(view, seed);
  const encoding = {
    x: { field: 'time', type: 'quantitative', title: m.timeAxis },
    y: { field: 'value', type: 'quantitative', title: m.replicasY, scale: { domain: headroomDomain(Math.max(0, ...values.map((v) => v.value))) } },
    color: channels.color,
    strokeDash: channels.strokeDash,
    order: { field: 'time' },
  };
  return {
    kind: 'replicas',
    title: m.replicasTitle,
    caption: `${m.replicasCaption}${m.sentenceSep}${m.firstSeedNote(seed ?? 0)}`,
    spec: vl({
      width: WIDTH,
      height: HEIGHT,
      layer: [
        ...marks.layers(m.timeAxis),
        // The declared state: a wide light band under the engines' lines, so it shows wherever they leave it.
        {
          data: { values },
          transform: [{ filter: { field: 'engine', equal: m.desiredSeries } }],
          mark: { type: 'line', interpolate: 'step-after', strokeWidth: 8 },
          encoding: { ...encoding, strokeDash: { value: [] } },
        },
        {
          data: { values },
          transform: [{ filter: { not: { field: 'engine', equal: m.desiredSeries } } }],
          mark: { type: 'line', interpolate: 'step-after' },
          encoding,
        },
      ],
    }),
  };
}
