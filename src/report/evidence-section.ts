import { type PlannedChart } from './chart-plan.js';
import { perturbationName, perturbationStats } from './charts/convergence-chart.js';
import { type Block, type Cell, type Inline, textCell } from './doc.js';
import { fmtValue, type Unit } from './format.js';
import { figureStat, FIGURES } from './headline.js';
import { type Messages } from './i18n/messages.js';
import { CLOSING_ANCHOR } from './header-section.js';
import { anchors } from './scenario-section.js';
import { type ScenarioView } from './scenario-view.js';

/** Perturbations whose convergence shows self-healing (faults, not declared changes). */
const FAULT_KINDS = new Set(['crash', 'partition', 'scheduler-crash']);
/** At most this many fault sentences per scenario, so the table stays readable. */
const MAX_FAULTS = 2;

type Aspect = keyof Messages['aspects'];
const ASPECTS: readonly Aspect[] = ['role', 'abstraction', 'scheduling', 'selfHealing', 'composition', 'sync'];

interface Sentence {
  readonly text: string;
  readonly href: string;
  readonly linkText: string;
}

/** "engine value" for each engine that has the figure, in engine order ("≥ value" where a seed gave only a lower bound); empty when fewer than one has it. */
function engineParts(view: ScenarioView, key: string, unit: Unit, m: Messages): string[] {
  const def = FIGURES.find((f) => f.key === key);
  if (!def) return [];
  return view.engines.flatMap((e) => {
    const s = figureStat(def, view.runs.filter((r) => r.engine === e), view);
    const value = fmtValue(m, unit, s.spread.mean);
    return s.spread.n > 0 ? [m.evPart(e, s.censored > 0 ? m.atLeast(value) : value)] : [];
  });
}

/**
 * Evidence sentences written from the numbers of this run, per aspect of the course's comparison,
 * each linked to the chart or table it comes from. Only scenarios present in the folder (and not
 * sweeps: their figures depend on the swept value) give evidence.
 */
function evidence(views: readonly ScenarioView[], charts: ReadonlyMap<string, readonly PlannedChart[]>, m: Messages): Record<Aspect, Sentence[]> {
  const out: Record<Aspect, Sentence[]> = { role: [], abstraction: [], scheduling: [], selfHealing: [], composition: [], sync: [] };
  for (const view of views) {
    if (view.sweepParameter !== undefined || view.runs.length === 0) continue;
    const name = view.meta.name;
    const planned = charts.get(name) ?? [];
    const chart = (kind: string): string | undefined => planned.find((c) => c.def.kind === kind)?.anchor;
    const table = `#${anchors.headline(name)}`;
    const link = (anchor: string | undefined): { href: string; linkText: string } => (anchor ? { href: `#${anchor}`, linkText: m.seeLink } : { href: table, linkText: m.seeTable });

    const faults = perturbationStats(view.convergence, view.engines).filter((p) => FAULT_KINDS.has(p.kind));
    const faultIndexes = [...new Set(faults.map((p) => p.index))].slice(0, MAX_FAULTS);
    for (const index of faultIndexes) {
      const mine = faults.filter((p) => p.index === index);
      const first = mine[0] as (typeof mine)[number];
      const parts = mine.map((p) => (p.censored > 0 ? m.evNotConverged(p.engine, fmtValue(m, 'seconds', p.spread.mean)) : m.evConverged(p.engine, fmtValue(m, 'seconds', p.spread.mean))));
      out.selfHealing.push({ text: m.evConvergence(perturbationName(m, first), name, m.list(parts), view.seeds.length), ...link(chart('convergence') ?? chart('replicas')) });
    }
    const latency = engineParts(view, 'sched_p50_s', 'seconds', m);
    if (latency.length > 1) out.scheduling.push({ text: m.evLatency(name, m.list(latency)), ...link(chart('cdf-scheduling')) });
    const jain = engineParts(view, 'jain', 'count', m);
    if (jain.length > 0 && chart('share')) out.abstraction.push({ text: m.evJain(name, m.list(jain)), ...link(chart('share')) });
    if (chart('locked')) out.abstraction.push({ text: m.evLocked(name, m.list(engineParts(view, 'locked_cpu_avg', 'percent', m))), ...link(chart('locked')) });
    const syncInformed = engineParts(view, 'sync_informed_p50_s', 'seconds', m);
    if (syncInformed.length > 1) out.sync.push({ text: m.evSyncInformed(name, m.list(syncInformed)), ...link(undefined) });
    const wait = engineParts(view, 'job_wait_p90_s', 'seconds', m);
    const services = view.series.some((r) => r.series.startsWith('desired/'));
    const tenants = new Set(view.series.filter((r) => r.series.startsWith('share/')).map((r) => r.series)).size;
    if (wait.length > 0 && (services || tenants > 1)) out.composition.push({ text: m.evJobWait(name, m.list(wait)), ...link(chart('cdf-job-wait')) });
  }
  return out;
}

/**
 * The closing section: the course's comparison table (Mesos as a programming framework of resource
 * sharing and distributed scheduling, Kubernetes as a runtime platform of declared state and state
 * controllers), each row next to what this run measured.
 */
export function evidenceSection(views: readonly ScenarioView[], charts: ReadonlyMap<string, readonly PlannedChart[]>, m: Messages): Block[] {
  const ev = evidence(views, charts, m);
  const rows: Cell[][] = ASPECTS.map((a) => {
    const sentences = ev[a];
    const cell: Inline[] =
      sentences.length === 0
        ? [m.noEvidence]
        : sentences.flatMap((s, i): Inline[] => [...(i > 0 ? [m.sentenceSep] : []), s.text, m.linkOpen, { kind: 'link', text: s.linkText, href: s.href }, m.linkClose]);
    return [{ inlines: [{ kind: 'strong', text: m.aspects[a].name }] }, textCell(m.aspects[a].mesos), textCell(m.aspects[a].kubernetes), { inlines: cell }];
  });
  return [
    { kind: 'heading', level: 2, text: m.closingTitle, id: CLOSING_ANCHOR },
    { kind: 'paragraph', inlines: [m.closingIntro] },
    { kind: 'table', id: 'course-table', head: [m.colAspect, m.colMesos, m.colKubernetes, m.colEvidence], rows },
  ];
}
