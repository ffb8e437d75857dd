import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { approximateTextWidth } from './text-width.js';

// Vega measures text through this hook when no canvas is present (it is how vl-convert plugs in
// its own measure); see text-width.ts for why the default guess is replaced.
(
  (vega as unknown as { textMetrics: object }).textMetrics as { width: (item: { fontSize?: number; fontWeight?: string | number }, text: unknown) => number }
).width = (item, text) => {
  const line = text == null ? '' : String(text).trim();
  const weight = item.fontWeight;
  return approximateTextWidth(
    line,
    item.fontSize != null ? Number(item.fontSize) || 0 : 11,
    weight === 'bold' || (typeof weight === 'number' && weight >= 600),
  );
};

/**
 * Shared chart look: sizes and fonts readable on a projected slide, a light grid, no chart border.
 * The font list names fonts with CJK coverage so Chinese labels render in the browser as well.
 * It starts with the subset of Noto Sans SC that a Chinese report.html embeds (cjk-font.ts): that
 * face covers only the CJK characters of the page (its unicode-range), so Latin text falls through
 * to the next fonts, and a CJK character never falls to a Latin font that fontconfig substituted.
 */
const FONT =
  'Schedbench Noto Sans SC, Noto Sans, DejaVu Sans, Arial, Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, WenQuanYi Micro Hei, sans-serif';
export const CHART_CONFIG = {
  font: FONT,
  background: 'white',
  padding: 8,
  view: { stroke: null },
  // No flush labels (a flush end label is pushed sideways into its neighbour, as 150 and 160 did)
  // and a greedy overlap pass, so two tick labels of one axis never collide.
  axis: {
    labelFlush: false,
    labelOverlap: 'greedy',
    labelSeparation: 6,
    labelFontSize: 12,
    titleFontSize: 13,
    titleFontWeight: 'normal',
    gridColor: '#e4e4e4',
    domainColor: '#555',
    tickColor: '#555',
  },
  legend: { labelFontSize: 12, titleFontSize: 13, titleFontWeight: 'normal', symbolStrokeWidth: 2.5, symbolSize: 120, labelLimit: 260 },
  title: { fontSize: 14, fontWeight: 'bold', anchor: 'start', subtitleFontSize: 12, subtitleColor: '#444' },
  header: { labelFontSize: 13, titleFontSize: 13 },
  line: { strokeWidth: 2.25 },
} as const;

/**
 * Compiles a Vega-Lite spec and renders it to SVG in Node, without a browser (vega's headless
 * 'none' renderer). Element ids (clip paths) are renamed to `<idPrefix>-<n>` in order of appearance:
 * vega numbers them from a process-wide counter, which would make the bytes depend on what was
 * rendered before and would collide when several charts are inlined in one HTML page.
 */
export async function renderSvg(spec: TopLevelSpec, idPrefix: string): Promise<string> {
  const withConfig = { ...spec, config: { ...CHART_CONFIG, ...(spec.config ?? {}) } } as TopLevelSpec;
  const compiled = compile(withConfig).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    return renumberIds(svg, idPrefix);
  } finally {
    view.finalize();
  }
}

function renumberIds(svg: string, prefix: string): string {
  const ids = new Map<string, string>();
  for (const m of svg.matchAll(/\sid="([^"]+)"/g)) {
    const id = m[1] as string;
    if (!ids.has(id)) ids.set(id, `${prefix}-${ids.size + 1}`);
  }
  if (ids.size === 0) return svg;
  return svg
    .replace(/(\sid=")([^"]+)(")/g, (_, a: string, id: string, b: string) => `${a}${ids.get(id) ?? id}${b}`)
    .replace(/url\(#([^)]+)\)/g, (whole, id: string) => (ids.has(id) ? `url(#${ids.get(id) as string})` : whole))
    .replace(/(href=")#([^"]+)(")/g, (whole, a: string, id: string, b: string) => (ids.has(id) ? `${a}#${ids.get(id) as string}${b}` : whole));
}
