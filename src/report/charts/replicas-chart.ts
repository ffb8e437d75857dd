import { type Messages } from '../i18n/messages.js';
import { type ScenarioView } from '../scenario-view.js';
import {
  type ChartDef,
  coincidingGroups,
  engineChannels,
  HEIGHT,
  headroomDomain,
  horizonOf,
  perturbationMarks,
  referenceOnTop,
  timeX,
  vl,
  WIDTH,
} from './chart.js';

/** One point of the replicas chart: instances of all services at a time, per engine or declared. */
export interface ReplicaPoint {
  /** An engine, or the declared-state series ({@link Messages.desiredSeries}). */
  readonly engine: string;
  readonly time: number;
  value: number;
}

/**
 * Desired and running instances summed over the scenario's services for the chart seed
 * (timeseries.csv `desired/<svc>`, `running/<svc>`), the declared state first, the oracle last (so
 * it is drawn on top). Undefined when the scenario has no service.
 */
export function replicaValues(view: ScenarioView, m: Messages): { values: ReplicaPoint[]; engines: string[] } | undefined {
  const rows = view.series.filter((r) => r.seed === view.chartSeed && r.sweepValue === (view.sweepValues[0] ?? ''));
  const services = new Set(rows.filter((r) => r.series.startsWith('desired/')).map((r) => r.series.slice('desired/'.length)));
  if (services.size === 0) return undefined;
  const engines = view.engines.filter((e) => rows.some((r) => r.engine === e));
  const sums = new Map<string, ReplicaPoint>();
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
  return { values: referenceOnTop([...sums.values()]), engines };
}

/** The encodings and legend shared by the replicas chart and its zoom: declared state in light grey. */
export function replicaEncoding(
  engines: readonly string[],
  m: Messages,
  x: object,
  top: number,
): { encoding: object; layers: (values: readonly ReplicaPoint[]) => object[] } {
  const channels = engineChannels([m.desiredSeries, ...engines], m.engineLegend, 'engine');
  const color = channels.color as { scale: { range: string[] } };
  // Light grey (not a lower opacity, which the shared legend would apply to every engine's symbol).
  color.scale.range[0] = '#c4c4c4';
  const encoding = {
    x,
    y: { field: 'value', type: 'quantitative', title: m.replicasY, scale: { domain: headroomDomain(top) } },
    color: channels.color,
    strokeDash: channels.strokeDash,
    order: { field: 'time' },
  };
  return {
    encoding,
    layers: (values) => [
      // The declared state: a wide light band under the engines' lines, so it shows wherever they leave it.
      {
        data: { values },
        transform: [{ filter: { field: 'engine', equal: m.desiredSeries } }],
        mark: { type: 'line', interpolate: 'step-after', strokeWidth: 8, clip: true },
        encoding: { ...encoding, strokeDash: { value: [] } },
      },
      {
        data: { values },
        transform: [{ filter: { not: { field: 'engine', equal: m.desiredSeries } } }],
        mark: { type: 'line', interpolate: 'step-after', clip: true },
        encoding,
      },
    ],
  };
}

/** Two replica curves closer than this many instances on average are said to coincide. */
export function replicaTolerance(top: number): number {
  return Math.max(0.5, top * 0.01);
}

/**
 * Desired vs running service instances over time for the chart seed, summed over the scenario's
 * services, with the perturbations marked: the self-healing picture. The time axis runs from 0 to
 * the horizon. Undefined when the scenario has no service.
 */
export function replicasChart(view: ScenarioView, m: Messages): ChartDef | undefined {
  const data = replicaValues(view, m);
  if (!data) return undefined;
  const { values, engines } = data;
  const top = Math.max(0, ...values.map((v) => v.value));
  const x = timeX(m.timeAxis, horizonOf(view));
  const look = replicaEncoding(engines, m, x, top);
  const groups = coincidingGroups(engines, (e) => new Map(values.filter((v) => v.engine === e).map((v) => [v.time, v.value])), replicaTolerance(top));
  const notes = [m.firstSeedNote(view.chartSeed ?? 0), ...groups.map((g) => m.coincideNote(m.list(g), g.includes('oracle')))];
  return {
    kind: 'replicas',
    title: m.replicasTitle,
    caption: [m.replicasCaption, ...notes].join(m.sentenceSep),
    spec: vl({ width: WIDTH, height: HEIGHT, layer: [...perturbationMarks(view, view.chartSeed).layers(x), ...look.layers(values)] }),
  };
}
