import { type ClaimTally } from './claims/index.js';
import { type Block, type Cell, type Inline, textCell } from './doc.js';
import { type Messages } from './i18n/messages.js';
import { engineStyle } from './palette.js';
import { type ResultsData } from './read-results.js';
import { anchors } from './scenario-section.js';
import { type ScenarioView } from './scenario-view.js';
import { scenarioTitle } from './scenario-title.js';

/** Anchor of the closing section. */
export const CLOSING_ANCHOR = 'course-comparison';

function lineName(m: Messages, dash: readonly number[]): string {
  if (dash.length === 0) return m.lineNames.solid;
  if (dash.length > 2) return m.lineNames.dashDot;
  return (dash[0] ?? 0) <= 2 ? m.lineNames.dotted : m.lineNames.dashed;
}

function claimsText(m: Messages, t: ClaimTally): string {
  return m.claimsValue(t.holds, t.total, t.fails + t.errors, t.notEvaluated);
}

/**
 * The head of the report: what was run (scenarios, engines, seeds, trials, how many claims hold,
 * versions, commit, date, command),
 * how to read the report, the engines' look in the charts, and the contents.
 */
export function headerSection(data: ResultsData, views: readonly ScenarioView[], m: Messages, claims?: ClaimTally): Block[] {
  const meta = data.meta;
  const engines = [...new Set([...meta.engines, ...views.flatMap((v) => v.engines)])];
  const seeds = [...new Set(views.flatMap((v) => v.seeds))].sort((a, b) => a - b);
  const total = data.runs.length;
  const ok = data.runs.filter((r) => r.status === 'ok').length;
  const scenarioLinks: Inline[] = views.flatMap((v, i) => [
    ...(i > 0 ? [m.listSep] : []),
    { kind: 'link' as const, text: v.meta.name, href: `#${anchors.scenario(v.meta.name)}` },
  ]);
  const row = (field: string, value: Inline[] | string): Cell[] => [textCell(field), typeof value === 'string' ? textCell(value) : { inlines: value }];
  const rows: Cell[][] = [
    row(m.fieldScenarios, scenarioLinks),
    row(m.fieldEngines, engines.join(m.listSep)),
    row(m.fieldSeeds, seeds.join(m.listSep)),
    row(m.fieldTrials, m.trialsValue(total, ok)),
    ...(claims && claims.total > 0
      ? [row(m.fieldClaims, claims.holds < claims.total ? [{ kind: 'strong' as const, text: claimsText(m, claims) }] : claimsText(m, claims))]
      : []),
    row(m.fieldVersion, meta.tool?.version ?? m.unknown),
    row(m.fieldCommit, meta.gitCommit ? [{ kind: 'code', text: meta.gitCommit }] : m.unknown),
    row(m.fieldNode, meta.node || m.unknown),
    row(m.fieldDate, data.startedAt ?? m.unknown),
    row(m.fieldCommand, meta.command ? [{ kind: 'code', text: meta.command }] : m.unknown),
    ...(meta.shard ? [row(m.fieldShard, m.shardValue(meta.shard.i, meta.shard.n))] : []),
  ];
  const key = engines.map((e): Inline[] => {
    const s = engineStyle(e);
    return [m.engineStyleItem(e, m.colourNames[s.color] ?? s.color, lineName(m, s.dash), m.shapeNames[s.shape] ?? s.shape)];
  });
  return [
    { kind: 'paragraph', inlines: [m.intro] },
    { kind: 'heading', level: 2, text: m.whatWasRun, id: 'what-was-run' },
    { kind: 'table', head: [m.field, m.value], rows },
    { kind: 'heading', level: 2, text: m.howToRead, id: 'how-to-read' },
    // The oracle's item only when the oracle ran: a run without it has no reference to speak of.
    { kind: 'list', items: [...m.howToReadItems, m.howToReadCharts, ...(engines.includes('oracle') ? [m.howToReadOracle] : [])].map((t) => [t]) },
    { kind: 'paragraph', inlines: [m.engineKey] },
    { kind: 'list', items: key },
    { kind: 'paragraph', note: true, inlines: [m.dataNote] },
    { kind: 'heading', level: 2, text: m.contents, id: 'contents' },
    {
      kind: 'list',
      items: [
        ...views.map((v): Inline[] => [{ kind: 'link', text: scenarioTitle(v.meta, m), href: `#${anchors.scenario(v.meta.name)}` }]),
        [{ kind: 'link', text: m.closingTitle, href: `#${CLOSING_ANCHOR}` }],
      ],
    },
  ];
}
