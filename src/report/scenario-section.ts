import { trafficBlocks } from './traffic-section.js';
import { omittedCharts, type PlannedChart } from './chart-plan.js';
import { claimsBlocks, type ClaimResult } from './claims/index.js';
import { perturbationName, perturbationStats } from './charts/convergence-chart.js';
import { type Block, type Cell, type Inline, textCell } from './doc.js';
import { fmtNum } from './format.js';
import { FIGURES, figureCell } from './headline.js';
import { headlineTable } from './headline.js';
import { type Messages } from './i18n/messages.js';
import { paperTable } from './paper-table.js';
import { type ScenarioView } from './scenario-view.js';
import { scenarioTitle } from './scenario-title.js';
import { scenarioWarnings } from './scenario-warnings.js';

/** Where the figures of a report are, and how they are numbered. */
export interface FigureContext {
  /** Folder of the chart files relative to the report (`charts/` or `charts/zh-CN/`). */
  readonly chartDir: string;
  /** SVG text by chart anchor. */
  readonly svgs: ReadonlyMap<string, string>;
  /** Next figure number (figures are numbered through the whole report). */
  next: number;
}

/** Anchor of a scenario's section, headline table and perturbation table. */
export const anchors = {
  scenario: (name: string): string => `scenario-${name}`,
  headline: (name: string): string => `table-${name}`,
  perturbations: (name: string): string => `perturbations-${name}`,
};

/**
 * A text of the scenario in the report's language: its translation where the scenario (or the setup
 * writer) has one, otherwise the English original, marked as such in other languages.
 */
function authored(m: Messages, meta: ScenarioView['meta'], key: 'title' | 'description' | 'lesson' | 'setup'): Inline[] {
  const translated = m.htmlLang === 'en' ? undefined : meta.translations?.[m.htmlLang]?.[key];
  if (translated) return [translated];
  const text = meta[key];
  return m.htmlLang === 'en' ? [text] : [{ kind: 'foreign', lang: 'en', text }, m.authoredNote];
}

/**
 * One scenario's section: title, lesson and its claims (evaluated by the caller), setup, the
 * headline table per engine, convergence per perturbation, and the charts that fit its data.
 */
export function scenarioSection(
  view: ScenarioView,
  charts: readonly PlannedChart[],
  m: Messages,
  figures: FigureContext,
  claims: readonly ClaimResult[] = [],
): Block[] {
  const meta = view.meta;
  const title = scenarioTitle(meta, m);
  const blocks: Block[] = [{ kind: 'heading', level: 2, text: title, id: anchors.scenario(meta.name) }];
  blocks.push({
    kind: 'paragraph',
    note: true,
    inlines: [{ kind: 'code', text: meta.name }, ...(meta.file ? [' · ', { kind: 'code' as const, text: meta.file }] : [])],
  });
  if (meta.description) blocks.push({ kind: 'paragraph', inlines: authored(m, meta, 'description') });
  if (meta.lesson) blocks.push({ kind: 'heading', level: 3, text: m.lesson }, { kind: 'paragraph', inlines: authored(m, meta, 'lesson') });
  blocks.push(...claimsBlocks(claims, m, m.htmlLang === 'en' ? undefined : meta.translations?.[m.htmlLang]?.claims, view.sweepParameter));
  if (meta.setup) blocks.push({ kind: 'heading', level: 3, text: m.setup }, { kind: 'paragraph', inlines: authored(m, meta, 'setup') });

  blocks.push({ kind: 'heading', level: 3, text: m.headline }, ...scenarioWarnings(meta, m));
  if (view.allRuns.length === 0) {
    blocks.push({ kind: 'paragraph', inlines: [m.noTrials] });
    return blocks;
  }
  const failed = view.allRuns.filter((r) => r.status !== 'ok');
  if (failed.length > 0) {
    const statuses = [...new Set(failed.map((r) => m.statuses[r.status] ?? r.status))].join(m.listSep);
    blocks.push({ kind: 'paragraph', inlines: [{ kind: 'strong', text: m.failedTrials(failed.length, view.allRuns.length, statuses) }] });
  }
  const table = headlineTable(view, m);
  blocks.push({ kind: 'paragraph', note: true, inlines: [m.headlineNote(view.seeds.length)] });
  blocks.push({ kind: 'table', id: anchors.headline(meta.name), head: table.head, rows: table.rows, numeric: table.numeric });

  blocks.push(...paperTable(view, m));

  if (view.sweepParameter === undefined) {
    const pt = perturbationTable(view, m);
    if (pt) blocks.push({ kind: 'heading', level: 3, text: m.perturbations }, { kind: 'paragraph', note: true, inlines: [m.perturbationsNote] }, pt);
  }

  blocks.push(...trafficBlocks(view, m));

  for (const c of charts) {
    const n = figures.next++;
    blocks.push({
      kind: 'figure',
      id: c.anchor,
      number: n,
      title: `${m.figure(n)}. ${c.def.title}`,
      caption: c.def.caption,
      file: `${figures.chartDir}${c.file}`,
      svg: figures.svgs.get(c.anchor) ?? '',
    });
  }
  for (const note of omittedCharts(view, m)) blocks.push({ kind: 'paragraph', note: true, inlines: [note] });
  return blocks;
}

/** Convergence per perturbation: one row per perturbation, one column per engine. */
function perturbationTable(view: ScenarioView, m: Messages): Block | undefined {
  const stats = perturbationStats(view.convergence, view.engines);
  if (stats.length === 0) return undefined;
  const def = FIGURES.find((f) => f.key === 'convergence') as (typeof FIGURES)[number];
  const engines = view.engines.filter((e) => stats.some((s) => s.engine === e));
  const rows: Cell[][] = [];
  for (const index of [...new Set(stats.map((s) => s.index))]) {
    const mine = stats.filter((s) => s.index === index);
    const first = mine[0] as (typeof mine)[number];
    rows.push([
      textCell(perturbationName(m, first)),
      textCell(m.seconds(fmtNum(first.time))),
      ...engines.map((e) => {
        const s = mine.find((x) => x.engine === e);
        return s ? figureCell(m, def, { spread: s.spread, censored: s.censored, trials: s.spread.n }) : textCell(m.noData);
      }),
    ]);
  }
  return {
    kind: 'table',
    id: anchors.perturbations(view.meta.name),
    head: [m.colPerturbation, m.colAt, ...engines],
    rows,
    numeric: [false, true, ...engines.map(() => true)],
  };
}
