import { basename, join, relative } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';
import { chartDir } from './build-report.js';
import { type ChartDef } from './charts/chart.js';
import { compareChart } from './charts/compare-chart.js';
import { differencesWarning, type InputDifference } from './compare-inputs.js';
import { type Block, type Cell, textCell } from './doc.js';
import { fmtNum, fmtValue } from './format.js';
import { type FigureDef, type FigureKey, FIGURES, figureStat, type FigureStat, presentFigures } from './headline.js';
import { langSuffix, messagesFor, type Messages, type ReportLang } from './i18n/messages.js';
import { readResults, type ResultsData } from './read-results.js';
import { renderHtml } from './render-html.js';
import { renderMarkdown } from './render-markdown.js';
import { renderSvg } from './render-svg.js';
import { scenarioViews, type ScenarioView } from './scenario-view.js';
import { scenarioTitle } from './scenario-title.js';

/** Options of {@link buildComparison}. */
export interface CompareOptions {
  readonly lang: ReportLang;
  /** How the two runs' inputs differ (compare-inputs.ts), when compared anyway: stated in a warning at the top. */
  readonly differences?: readonly InputDifference[];
}

/** A relative change at or above this is highlighted (10%: well above seed-to-seed noise of the headline figures). */
export const HIGHLIGHT = 0.1;

/** Figures drawn as a comparison chart, in order of preference; the first two present in both runs. */
const CHART_FIGURES: readonly FigureKey[] = ['convergence', 'sched_p50_s', 'job_wait_p90_s', 'jain'];

/** "A → B (+x%)", highlighted when the change is large, green when it goes the better way. */
export function changeCell(m: Messages, def: FigureDef, a: FigureStat, b: FigureStat): Cell {
  const text = (s: FigureStat): string => (s.spread.n === 0 ? m.noData : `${s.censored > 0 ? '≥ ' : ''}${fmtValue(m, def.unit, s.spread.mean)}`);
  if (a.spread.n === 0 && b.spread.n === 0) return textCell(m.noData);
  const base = `${text(a)} → ${text(b)}`;
  if (a.spread.n === 0 || b.spread.n === 0 || a.spread.mean === 0) return textCell(base);
  const change = (b.spread.mean - a.spread.mean) / Math.abs(a.spread.mean);
  if (change === 0) return textCell(base);
  const pct = `${change > 0 ? '+' : '−'}${fmtNum(Math.abs(change) * 100)}%`;
  if (Math.abs(change) < HIGHLIGHT) return textCell(`${base} (${pct})`);
  const better = def.better === 'lower' ? change < 0 : change > 0;
  return textCell(`${base} (${pct}, ${better ? m.better : m.worse})`, better ? 'better' : 'worse');
}

function comparisonTable(a: ScenarioView, b: ScenarioView, m: Messages): Block {
  const keys = new Set([...presentFigures(a), ...presentFigures(b)].map((f) => f.key));
  const figures = FIGURES.filter((f) => keys.has(f.key));
  const sweep = a.sweepParameter ?? b.sweepParameter;
  const engines = [...new Set([...a.engines, ...b.engines])];
  const values = sweep === undefined ? [''] : [...new Set([...a.sweepValues, ...b.sweepValues])];
  const rows: Cell[][] = [];
  for (const v of values) {
    for (const e of engines) {
      const pick = (view: ScenarioView) => view.runs.filter((r) => r.engine === e && (sweep === undefined || r.sweepValue === v));
      const ra = pick(a);
      const rb = pick(b);
      if (ra.length === 0 && rb.length === 0) continue;
      const lead = [...(sweep !== undefined ? [textCell(v)] : []), textCell(e)];
      if (ra.length === 0 || rb.length === 0) {
        rows.push([...lead, ...figures.map(() => textCell(m.onlyIn(ra.length === 0 ? 'B' : 'A')))]);
        continue;
      }
      rows.push([...lead, ...figures.map((f) => changeCell(m, f, figureStat(f, ra, a), figureStat(f, rb, b)))]);
    }
  }
  const head = [...(sweep !== undefined ? [m.colSweepValue(sweep)] : []), m.colEngine, ...figures.map((f) => f.column(m))];
  return { kind: 'table', head, rows, numeric: head.map((_, i) => i >= (sweep !== undefined ? 2 : 1)) };
}

function runCells(m: Messages, which: string, data: ResultsData, out: string): Cell[] {
  return [
    textCell(which),
    { inlines: [{ kind: 'code', text: relative(out, data.dir) || '.' }] },
    { inlines: [{ kind: 'code', text: data.meta.command }] },
    textCell(data.meta.gitCommit?.slice(0, 12) ?? m.unknown),
    textCell(data.startedAt ?? m.unknown),
  ];
}

/**
 * Compares two results folders side by side (e.g. default vs tuned timeouts, two versions of an
 * engine): for every scenario both ran, each engine's headline figures as A → B with the relative
 * change, large changes highlighted (green better, red worse), and a chart of the main figure.
 * Writes comparison.md/html (comparison.<lang>.md/html for other languages) and charts into `out`,
 * atomically. Reads only the two folders' meta.json and CSV files.
 */
export async function buildComparison(a: string, b: string, out: string, options: CompareOptions): Promise<{ files: string[] }> {
  const m = messagesFor(options.lang);
  const da = readResults(a);
  const db = readResults(b);
  const va = scenarioViews(da);
  const vb = scenarioViews(db);
  const dir = chartDir(options.lang);
  const blocks: Block[] = [
    ...differencesWarning(m, options.differences ?? []),
    { kind: 'paragraph', inlines: [m.compareIntro(basename(a), basename(b))] },
    { kind: 'heading', level: 2, text: m.compareRuns, id: 'runs' },
    { kind: 'table', head: [m.colRun, m.colFolder, m.fieldCommand, m.fieldCommit, m.fieldDate], rows: [runCells(m, 'A', da, out), runCells(m, 'B', db, out)] },
  ];
  const written: string[] = [];
  let figure = 1;
  const shared = va.filter((x) => vb.some((y) => y.meta.name === x.meta.name));
  if (shared.length === 0) blocks.push({ kind: 'paragraph', inlines: [{ kind: 'strong', text: m.compareNothing }] });
  for (const sa of shared) {
    const sb = vb.find((y) => y.meta.name === sa.meta.name) as ScenarioView;
    const name = sa.meta.name;
    blocks.push({ kind: 'heading', level: 2, text: m.compareScenario(scenarioTitle(sa.meta, m)), id: `scenario-${name}` });
    blocks.push(comparisonTable(sa, sb, m));
    const inBoth = new Set(
      presentFigures(sa)
        .map((f) => f.key)
        .filter((k) => presentFigures(sb).some((f) => f.key === k)),
    );
    const defs = CHART_FIGURES.filter((k) => inBoth.has(k))
      .slice(0, 2)
      .map((k) => compareChart(sa, sb, FIGURES.find((f) => f.key === k) as FigureDef, m))
      .filter((d): d is ChartDef => d !== undefined);
    for (const def of defs) {
      const anchor = `fig-${name}-${def.kind}`;
      const file = `${dir}${name}--${def.kind}.svg`;
      const svg = await renderSvg(def.spec, anchor);
      writeFileAtomic(join(out, file), svg);
      written.push(join(out, file));
      const n = figure++;
      blocks.push({ kind: 'figure', id: anchor, number: n, title: `${m.figure(n)}. ${def.title}`, caption: def.caption, file, svg });
    }
  }
  const only = [
    ...va.filter((x) => !vb.some((y) => y.meta.name === x.meta.name)).map((x) => `${x.meta.name}: ${m.onlyIn('A')}`),
    ...vb.filter((y) => !va.some((x) => x.meta.name === y.meta.name)).map((y) => `${y.meta.name}: ${m.onlyIn('B')}`),
  ];
  if (only.length > 0) blocks.push({ kind: 'list', items: only.map((t) => [t]) });
  const suffix = langSuffix(options.lang);
  const doc = { lang: m.htmlLang, title: m.compareTitle, blocks };
  const md = join(out, `comparison${suffix}.md`);
  const html = join(out, `comparison${suffix}.html`);
  writeFileAtomic(md, renderMarkdown(doc));
  writeFileAtomic(html, renderHtml(doc));
  written.push(md, html);
  return { files: written };
}
