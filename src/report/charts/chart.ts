import { type TopLevelSpec } from 'vega-lite';
import { engineScales, engineStyle } from '../palette.js';

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
 * every engine sees the same perturbations), numbered as in the perturbation table.
 */
export function perturbationMarks(view: { readonly convergence: readonly { engine: string; seed: number; sweepValue: string; perturbation: number; time: number }[]; readonly engines: readonly string[]; readonly sweepValues: readonly string[] }, seed: number | undefined): { layers: (xTitle: string) => object[] } {
  const engine = view.engines.find((e) => view.convergence.some((c) => c.engine === e && c.seed === seed));
  const sweep = view.sweepValues[0] ?? '';
  const values = view.convergence.filter((c) => c.engine === engine && c.seed === seed && c.sweepValue === sweep).map((c) => ({ time: c.time, label: `#${c.perturbation + 1}` }));
  return {
    layers: (xTitle: string) =>
      values.length === 0
        ? []
        : [
            { data: { values }, mark: { type: 'rule', color: '#777', strokeDash: [3, 3], strokeWidth: 1 }, encoding: { x: { field: 'time', type: 'quantitative', title: xTitle } } },
            { data: { values }, mark: { type: 'text', align: 'left', baseline: 'top', dx: 3, dy: 2, fontSize: 11, color: '#444' }, encoding: { x: { field: 'time', type: 'quantitative', title: xTitle }, y: { value: 0 }, text: { field: 'label' } } },
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
