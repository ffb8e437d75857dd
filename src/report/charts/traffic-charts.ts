import { type Messages } from '../i18n/messages.js';
import { type ScenarioView } from '../scenario-view.js';
import {
  type ChartDef,
  engineChannels,
  HEIGHT,
  headroomDomain,
  horizonOf,
  markerLayerMark,
  perturbationMarks,
  r6,
  referenceOnTop,
  timeX,
  vl,
  WIDTH,
} from './chart.js';

/** The rows of the chart seed (and the first sweep value) of a list of per-trial rows. */
function chartRows<T extends { seed: number; sweepValue: string }>(view: ScenarioView, rows: readonly T[]): T[] {
  return rows.filter((r) => r.seed === view.chartSeed && r.sweepValue === (view.sweepValues[0] ?? ''));
}

/**
 * p99 request latency per 10 s window over time, per engine, for the first service with traffic
 * (chart seed), with the service level's latency as a rule. A window whose p99 is unbounded (its
 * replicas overloaded) is drawn at the top of the axis with a marker: censored, not a value.
 */
export function trafficLatencyChart(view: ScenarioView, m: Messages): ChartDef | undefined {
  const rows = chartRows(view, view.traffic);
  const service = rows[0]?.service;
  if (service === undefined) return undefined;
  const mine = rows.filter((r) => r.service === service && (Number.isFinite(r.p99) || r.p99Unbounded));
  if (mine.length === 0) return undefined;
  const goal = view.services.find((s) => s.service === service && Number.isFinite(s.goalLatency))?.goalLatency;
  const finiteTop = Math.max(0, ...mine.filter((r) => Number.isFinite(r.p99)).map((r) => r.p99 * 1000));
  const top = Math.max(finiteTop, (goal ?? 0) * 1000) * 1.25 || 1;
  const engines = view.engines.filter((e) => mine.some((r) => r.engine === e));
  const channels = engineChannels(engines, m.engineLegend);
  const values = referenceOnTop(
    mine.map((r) => ({ engine: r.engine, time: r.start, value: r6(r.p99Unbounded ? top : r.p99 * 1000), unbounded: r.p99Unbounded })),
  );
  const x = timeX(m.timeAxis, horizonOf(view));
  const y = { field: 'value', type: 'quantitative', title: m.trafficLatencyY, scale: { domain: headroomDomain(top) } };
  const layers: object[] = [
    ...perturbationMarks(view, view.chartSeed).layers(x),
    {
      data: { values },
      mark: { type: 'line', interpolate: 'step-after', clip: true },
      encoding: { x, y, color: channels.color, strokeDash: channels.strokeDash, order: { field: 'time' } },
    },
    {
      data: { values },
      transform: [{ filter: 'datum.unbounded' }],
      mark: markerLayerMark(engines),
      encoding: { x, y },
    },
  ];
  if (goal !== undefined)
    layers.push({
      data: { values: [{ goal: goal * 1000 }] },
      mark: { type: 'rule', strokeDash: [4, 3], color: '#888' },
      encoding: { y: { field: 'goal', type: 'quantitative' } },
    });
  return {
    kind: 'traffic-latency',
    title: m.trafficLatencyTitle(service),
    caption: [m.trafficLatencyCaption, m.firstSeedNote(view.chartSeed ?? 0)].join(m.sentenceSep),
    spec: vl({ width: WIDTH, height: HEIGHT, layer: layers }),
  };
}

/** A per-service time series summed over the services with traffic, per engine (chart seed). */
function summedSeries(view: ScenarioView, prefix: string): { engine: string; time: number; value: number }[] {
  const sums = new Map<string, { engine: string; time: number; value: number }>();
  for (const r of chartRows(view, view.series)) {
    if (!r.series.startsWith(prefix)) continue;
    const k = `${r.engine}\u0000${r.time}`;
    const cur = sums.get(k);
    if (cur) cur.value += r.value;
    else sums.set(k, { engine: r.engine, time: r.time, value: r.value });
  }
  return referenceOnTop([...sums.values()].map((v) => ({ ...v, value: r6(v.value) })));
}

function seriesChart(view: ScenarioView, m: Messages, prefix: string, kind: string, title: string, caption: string, yTitle: string): ChartDef | undefined {
  const values = summedSeries(view, prefix);
  if (values.length === 0) return undefined;
  const engines = view.engines.filter((e) => values.some((v) => v.engine === e));
  const channels = engineChannels(engines, m.engineLegend);
  const x = timeX(m.timeAxis, horizonOf(view));
  const top = Math.max(0, ...values.map((v) => v.value));
  return {
    kind,
    title,
    caption: [caption, m.firstSeedNote(view.chartSeed ?? 0)].join(m.sentenceSep),
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
            y: { field: 'value', type: 'quantitative', title: yTitle, scale: { domain: headroomDomain(top) } },
            color: channels.color,
            strokeDash: channels.strokeDash,
            order: { field: 'time' },
          },
        },
      ],
    }),
  };
}

/** Replicas receiving traffic (running and published by service discovery) over time, per engine. */
export function trafficServingChart(view: ScenarioView, m: Messages): ChartDef | undefined {
  return seriesChart(view, m, 'serving/', 'traffic-serving', m.trafficServingTitle, m.trafficServingCaption, m.replicasY);
}

/** Cost per hour of the services with traffic over time (allocated resources × prices), per engine. */
export function trafficCostChart(view: ScenarioView, m: Messages): ChartDef | undefined {
  return seriesChart(view, m, 'cost/', 'traffic-cost', m.trafficCostTitle, m.trafficCostCaption, m.trafficCostY);
}
