import { fmtNum } from '../format.js';
import { type Messages } from '../i18n/messages.js';
import { type ScenarioView } from '../scenario-view.js';
import { type ChartDef, HEIGHT, horizonOf, perturbationMarks, r6, timeX, vl, WIDTH } from './chart.js';
import { type ReplicaPoint, replicaEncoding, replicaValues } from './replicas-chart.js';

/**
 * A perturbation is zoomed on when every engine settles within this fraction of the horizon: on the
 * full chart its whole story (a rollout of 100 instances in 6 s of 240) would take a few pixels.
 */
export const ZOOM_FRACTION = 0.05;
/** At most this many zoom panels side by side (the first narrow perturbations in time order). */
const MAX_PANELS = 3;
/** Gap between two panels, in pixels. */
const PANEL_GAP = 24;

/** A time window around one perturbation. */
export interface ZoomWindow {
  readonly index: number;
  readonly kind: string;
  readonly from: number;
  readonly to: number;
}

/**
 * The windows to zoom on: perturbations of the chart seed after which every engine settles, censored
 * or not, within {@link ZOOM_FRACTION} of the horizon (and after more than nothing). Each window runs
 * from a little before the perturbation to a little after the slowest engine settled.
 */
export function zoomWindows(view: ScenarioView): ZoomWindow[] {
  const horizon = horizonOf(view);
  const rows = view.convergence.filter((c) => c.seed === view.chartSeed && c.sweepValue === (view.sweepValues[0] ?? ''));
  const out: ZoomWindow[] = [];
  for (const index of [...new Set(rows.map((r) => r.perturbation))].sort((a, b) => a - b)) {
    const mine = rows.filter((r) => r.perturbation === index);
    const first = mine[0] as (typeof mine)[number];
    const settle = Math.max(...mine.map((r) => r.convergence));
    if (!(settle > 0) || settle > horizon * ZOOM_FRACTION) continue;
    const width = Math.max(settle, 2);
    out.push({ index, kind: first.kind, from: r6(Math.max(0, first.time - 0.15 * width)), to: r6(Math.min(horizon, first.time + 1.3 * width)) });
  }
  return out.slice(0, MAX_PANELS);
}

/** The points of a window: those inside it, plus each series' last point before it (its value at the start). */
function windowPoints(values: readonly ReplicaPoint[], w: ZoomWindow): ReplicaPoint[] {
  const before = new Map<string, ReplicaPoint>();
  for (const v of values) if (v.time < w.from && (before.get(v.engine)?.time ?? -Infinity) < v.time) before.set(v.engine, v);
  return [...values.filter((v) => v.time >= w.from && v.time <= w.to), ...values.filter((v) => before.get(v.engine) === v)];
}

/**
 * The replicas chart zoomed on its short perturbations (a rollout, a quick scale change): one panel
 * per window, side by side, same colours and legend as the full chart. Undefined when the scenario
 * has no service or no perturbation is short enough to need a zoom.
 */
export function replicasZoomChart(view: ScenarioView, m: Messages): ChartDef | undefined {
  const data = replicaValues(view, m);
  const windows = zoomWindows(view);
  if (!data || windows.length === 0) return undefined;
  const panelWidth = Math.floor((WIDTH - PANEL_GAP * (windows.length - 1)) / windows.length);
  const marks = perturbationMarks(view, view.chartSeed);
  const panels = windows.map((w) => {
    const values = windowPoints(data.values, w);
    const x = timeX(m.timeAxis, w.to, w.from, Math.max(3, Math.floor(panelWidth / 60)));
    const top = Math.max(0, ...values.map((v) => v.value));
    const look = replicaEncoding(data.engines, m, x, top);
    return {
      title: { text: m.zoomPanel(`#${w.index + 1} ${m.kinds[w.kind] ?? w.kind}`, fmtNum(w.from), fmtNum(w.to)), fontSize: 12, fontWeight: 'normal' },
      width: panelWidth,
      height: Math.round(HEIGHT * 0.8),
      layer: [...marks.layers(x), ...look.layers(values)],
    };
  });
  return {
    kind: 'replicas-zoom',
    title: m.replicasZoomTitle,
    caption: m.replicasZoomCaption(m.seconds(fmtNum(r6(horizonOf(view) * ZOOM_FRACTION)))),
    spec: vl({ hconcat: panels, spacing: PANEL_GAP, resolve: { scale: { x: 'independent', y: 'independent' } } }),
  };
}
