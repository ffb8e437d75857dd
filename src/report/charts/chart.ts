import { type TopLevelSpec } from 'vega-lite';
import { engineScales, engineStyle } from '../palette.js';
import { type ScenarioView } from '../scenario-view.js';

/** A chart of one scenario: what it is called, what it says, and the Vega-Lite spec that draws it. */
export interface ChartDef {
  /** Short kind used in the file name and anchor: `cdf-scheduling`, `replicas`, … */
  readonly kind: string;
  readonly title: string;
  readonly caption: string;
  readonly spec: TopLevelSpec;
}

/** Plot size: wide and short enough for a 16:9 slide next to a title. */
export const WIDTH = 560;
export const HEIGHT = 250;

/**
 * Colour, dash and shape encodings keyed by engine, sharing one legend: colour alone would be lost
 * in black-and-white print, so every engine also has its own dash and marker. Line charts use
 * `color` and `strokeDash` (the legend shows dashed lines) plus {@link markerLayerMark} for markers;
 * point-only charts use `color` and `shape` (the legend shows markers).
 */
export function engineChannels(engines: readonly string[], legendTitle: string, field = 'engine'): Record<'color' | 'strokeDash' | 'shape', object> {
  const scales = engineScales(engines);
  const legend = { title: legendTitle, orient: 'right' as const };
  return {
    color: { field, type: 'nominal', scale: scales.color, legend },
    strokeDash: { field, type: 'nominal', scale: scales.strokeDash, legend },
    shape: { field, type: 'nominal', scale: scales.shape, legend },
  };
}

/**
 * Mark of a marker layer on a line chart: colour from the shared engine colour scale and shape from
 * a lookup, both as expressions, so the layer adds no legend (a marker drawn with a dashed outline
 * in the merged legend would be a blur; the line legend names the engines).
 */
export function markerLayerMark(engines: readonly string[], filled = true, field = 'engine'): object {
  const key = `datum[${JSON.stringify(field)}]`;
  const shape = engines.reduceRight((rest, e) => `${key} === ${JSON.stringify(e)} ? ${JSON.stringify(engineStyle(e).shape)} : ${rest}`, "'circle'");
  return { type: 'point', filled, size: 75, opacity: 1, strokeWidth: 2, color: { expr: `scale('color', ${key})` }, shape: { expr: shape } };
}

/** Types a plain spec object as a Vega-Lite spec (the builders write specs as data; vega-lite checks them when compiling). */
export function vl(spec: object): TopLevelSpec {
  return { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', ...spec } as unknown as TopLevelSpec;
}

/** Rounds a value for chart data (keeps SVG files small; 6 significant digits is far below a pixel). */
export function r6(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(6)) : x;
}

/**
 * Vertical rules at each perturbation of one seed (from convergence.csv, the first engine's rows:
 * every engine sees the same perturbations), numbered as in the perturbation table. `layers`
 * takes the chart's x encoding, so the rules share its domain; `times` lists the perturbation times.
 */
export function perturbationMarks(
  view: {
    readonly convergence: readonly { engine: string; seed: number; sweepValue: string; perturbation: number; time: number }[];
    readonly engines: readonly string[];
    readonly sweepValues: readonly string[];
  },
  seed: number | undefined,
): { layers: (x: object) => object[]; times: number[] } {
  const engine = view.engines.find((e) => view.convergence.some((c) => c.engine === e && c.seed === seed));
  const sweep = view.sweepValues[0] ?? '';
  const values = view.convergence
    .filter((c) => c.engine === engine && c.seed === seed && c.sweepValue === sweep)
    .map((c) => ({ time: c.time, label: `#${c.perturbation + 1}` }));
  return {
    times: values.map((v) => v.time),
    layers: (x: object) =>
      values.length === 0
        ? []
        : [
            { data: { values }, mark: { type: 'rule', color: '#777', strokeDash: [3, 3], strokeWidth: 1, clip: true }, encoding: { x } },
            {
              data: { values },
              mark: { type: 'text', align: 'left', baseline: 'top', dx: 3, dy: 2, fontSize: 11, color: '#444', clip: true },
              encoding: { x, y: { value: 0 }, text: { field: 'label' } },
            },
          ],
  };
}

/**
 * A y domain from zero with head room above the highest value, so the perturbation numbers at the
 * top of the plot never sit on a line (and an all-zero series still gets a visible axis).
 */
export function headroomDomain(max: number, minTop = 1): [number, number] {
  const top = Math.max(minTop, Number.isFinite(max) ? max : 0);
  return [0, r6(top * 1.15)];
}

/**
 * The simulated horizon of a scenario, in seconds: the longest simulated time of its normal trials
 * (every normal trial runs to the horizon), or the last sample time when no trial says.
 */
export function horizonOf(view: Pick<ScenarioView, 'runs' | 'series'>): number {
  const fromRuns = Math.max(0, ...view.runs.map((r) => (Number.isFinite(r.simulatedS) ? r.simulatedS : 0)));
  if (fromRuns > 0) return fromRuns;
  return Math.max(1, ...view.series.map((r) => r.time));
}

/**
 * Tick values from `start` to `end` on a round step (1, 2, 2.5, 3, 5 or 6 times a power of ten), at
 * most `maxTicks` of them, never past `end`: a time axis ends at the horizon instead of at the next
 * round number. A step that lands a tick on `end` itself is preferred while it keeps at least half
 * the ticks (360 s gets 0, 60, …, 360 rather than 0, 50, …, 350).
 */
export function tickValues(start: number, end: number, maxTicks = 9): number[] {
  const span = end - start;
  if (!(span > 0)) return [r6(start)];
  const raw = span / Math.max(1, maxTicks - 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  const candidates = [1, 2, 2.5, 3, 5, 6, 10, 20, 25, 30, 50, 60].map((f) => f * power).filter((s) => s >= raw - 1e-12);
  const divides = (s: number): boolean => Math.abs(span / s - Math.round(span / s)) < 1e-9 && span / s + 1 >= maxTicks / 2;
  const step = candidates.find(divides) ?? (candidates[0] as number);
  const out: number[] = [];
  for (let t = Math.ceil(start / step - 1e-9) * step; t <= end + 1e-9; t += step) out.push(r6(t));
  return out;
}

/**
 * The x encoding of a chart over simulated time: the domain is exactly [`from`, `to`] (by default
 * the whole run, 0 to the horizon; the axis never runs past the horizon), ticks on a round step.
 */
export function timeX(title: string, to: number, from = 0, maxTicks = 9): object {
  return {
    field: 'time',
    type: 'quantitative',
    title,
    scale: { domain: [r6(from), r6(to)], nice: false, zero: false },
    axis: { values: tickValues(from, to, maxTicks) },
  };
}

/**
 * The rule of the report for drawing a series over time: it is worth a chart only when some engine
 * averages at least {@link MEANINGFUL_SHARE} of the cluster over the run. A chart of 0.2 % CPU, or
 * of one spike at t = 0, shows nothing a reader can use; the report says it left the chart out.
 */
export const MEANINGFUL_SHARE = 0.01;

/** Mean of the samples per engine (samples are evenly spaced in time, so this is the time average). */
export function meanPerEngine(values: readonly { engine: string; value: number }[]): Map<string, number> {
  const sums = new Map<string, { s: number; n: number }>();
  for (const v of values) {
    const cur = sums.get(v.engine) ?? { s: 0, n: 0 };
    cur.s += v.value;
    cur.n += 1;
    sums.set(v.engine, cur);
  }
  return new Map([...sums].map(([e, { s, n }]) => [e, n > 0 ? s / n : 0]));
}

/**
 * Groups of engines whose curves coincide: the mean distance between the two curves, sampled at the
 * same x values, is below `tolerance` (in units of the value axis). Each group has two engines or
 * more, in the given engine order. Used to say in a caption that a line hides another one.
 */
export function coincidingGroups(engines: readonly string[], curve: (engine: string) => ReadonlyMap<number, number>, tolerance: number): string[][] {
  const curves = new Map(engines.map((e) => [e, curve(e)]));
  const close = (a: string, b: string): boolean => {
    const ca = curves.get(a) as ReadonlyMap<number, number>;
    const cb = curves.get(b) as ReadonlyMap<number, number>;
    let sum = 0;
    let n = 0;
    for (const [x, ya] of ca) {
      const yb = cb.get(x);
      if (yb === undefined) continue;
      sum += Math.abs(ya - yb);
      n++;
    }
    return n > 0 && n >= 0.9 * Math.max(ca.size, cb.size) && sum / n <= tolerance;
  };
  const groups: string[][] = [];
  const placed = new Set<string>();
  for (const e of engines) {
    if (placed.has(e)) continue;
    const group = [e, ...engines.filter((o) => o !== e && !placed.has(o) && close(e, o))];
    for (const g of group) placed.add(g);
    if (group.length > 1) groups.push(group);
  }
  return groups;
}

/**
 * Data values in drawing order with the reference engine (the oracle) last, so that its dotted line
 * is drawn on top of a line that coincides with it instead of being hidden under it.
 */
export function referenceOnTop<T extends { engine: string }>(values: readonly T[], reference = 'oracle'): T[] {
  return [...values.filter((v) => v.engine !== reference), ...values.filter((v) => v.engine === reference)];
}
