import { basename, join } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';
import { existsSync } from 'node:fs';
import { chartManifestPath, removeRecordedCharts, writeChartManifest } from './chart-manifest.js';
import { type PlannedChart, planCharts } from './chart-plan.js';
import { claimDataFromView, evaluateClaims, type ClaimResult, tallyClaims } from './claims/index.js';
import { cjkFontCss } from './cjk-font.js';
import { type Block, type ReportDoc } from './doc.js';
import { evidenceSection } from './evidence-section.js';
import { headerSection } from './header-section.js';
import { langSuffix, messagesFor, type ReportLang } from './i18n/messages.js';
import { readResults, type ResultsData } from './read-results.js';
import { renderHtml } from './render-html.js';
import { renderMarkdown } from './render-markdown.js';
import { renderSvg } from './render-svg.js';
import { scenarioSection } from './scenario-section.js';
import { scenarioViews } from './scenario-view.js';

/** Options of {@link buildReport}. */
export interface ReportOptions {
  readonly lang: ReportLang;
}

/** A report in memory: the document, and the chart files it refers to (path relative to the folder → SVG). */
export interface BuiltReport {
  readonly doc: ReportDoc;
  readonly charts: ReadonlyMap<string, string>;
}

/** Folder of a language's charts, relative to the results folder: English in charts/, others in charts/<lang>/. */
export function chartDir(lang: ReportLang): string {
  return lang === 'en' ? 'charts/' : `charts/${lang}/`;
}

/**
 * Composes the report of a results folder's data without writing anything: header, one section per
 * scenario, the closing comparison. Depends only on `data` (and so only on the folder's files).
 */
export async function composeReport(data: ResultsData, lang: ReportLang): Promise<BuiltReport> {
  const m = messagesFor(lang);
  const views = scenarioViews(data);
  const planned = new Map<string, PlannedChart[]>(views.map((v) => [v.meta.name, planCharts(v, m)]));
  const dir = chartDir(lang);
  const svgs = new Map<string, string>();
  const files = new Map<string, string>();
  for (const list of planned.values()) {
    for (const c of list) {
      const svg = await renderSvg(c.def.spec, c.anchor);
      svgs.set(c.anchor, svg);
      files.set(`${dir}${c.file}`, svg);
    }
  }
  const figures = { chartDir: dir, svgs, next: 1 };
  const claims = new Map<string, ClaimResult[]>(views.map((v) => [v.meta.name, evaluateClaims(v.meta.claims ?? [], claimDataFromView(v, data.latency))]));
  const blocks: Block[] = [...headerSection(data, views, m, tallyClaims([...claims.values()].flat()))];
  for (const view of views) blocks.push(...scenarioSection(view, planned.get(view.meta.name) ?? [], m, figures, claims.get(view.meta.name)));
  blocks.push(...evidenceSection(views, planned, m));
  return { doc: { lang: m.htmlLang, title: m.reportTitle, blocks }, charts: files };
}

/** The stylesheet beside a language's chart files that carries the CJK font subset they use. */
const CHART_FONT_CSS = 'cjk-font.css';

/** An SVG file that loads a stylesheet beside it (an xml-stylesheet instruction before the root element). */
function withStylesheet(svg: string, href: string): string {
  return `<?xml-stylesheet href="${href}" type="text/css"?>\n${svg}`;
}

/**
 * Builds the report of a results folder: report.md, report.html (self-contained: inline CSS and
 * SVG) and the charts as SVG files, all written atomically. English goes to report.md/html and
 * charts/; another language to report.<lang>.md/html and charts/<lang>/, so both can live in one
 * folder. Reads only meta.json and the CSV files; the same files give the same bytes. `data` is the
 * folder's results when the caller has read them already (one read serves every language: the
 * timeseries of the default suite alone are ~70 MB). Returns the paths written.
 */
export async function buildReport(dir: string, options: ReportOptions, data: ResultsData = readResults(dir)): Promise<{ files: string[] }> {
  const built = await composeReport(data, options.lang);
  const written: string[] = [];
  const charts = join(dir, chartDir(options.lang));
  const manifest = chartManifestPath(dir, options.lang);
  const names = [...built.charts.keys()].map((f) => basename(f));
  // A chart file opened on its own reads without a CJK font too: the language's chart folder gets one
  // stylesheet with the subset its charts need, which each chart file names (the page has its own).
  const chartFontCss = await cjkFontCss([...built.charts.values()].join('\n'));
  if (chartFontCss) names.push(CHART_FONT_CSS);
  removeRecordedCharts(manifest, charts, new Set(names));
  for (const [file, svg] of built.charts) {
    const path = join(dir, file);
    writeFileAtomic(path, chartFontCss ? withStylesheet(svg, CHART_FONT_CSS) : svg);
    written.push(path);
  }
  if (chartFontCss) {
    const path = join(charts, CHART_FONT_CSS);
    writeFileAtomic(path, `${chartFontCss}\n`);
    written.push(path);
  }
  if (names.length > 0 || existsSync(manifest)) writeChartManifest(manifest, names);
  const suffix = langSuffix(options.lang);
  const md = join(dir, `report${suffix}.md`);
  const html = join(dir, `report${suffix}.html`);
  writeFileAtomic(md, renderMarkdown(built.doc));
  // A page with Chinese text carries the subset of a CJK font it needs, so it reads without one installed.
  const page = renderHtml(built.doc);
  const fontCss = await cjkFontCss(page);
  writeFileAtomic(html, fontCss ? renderHtml(built.doc, fontCss) : page);
  written.push(md, html);
  return { files: written };
}
