import { type PlannedChart } from './chart-plan.js';
import { perturbationStats } from './charts/convergence-chart.js';
import { type Block, type Cell, type Inline } from './doc.js';
import { fmtValue, type Unit } from './format.js';
import { type FigureKey, figureStat, FIGURES } from './headline.js';
import { type Messages } from './i18n/messages.js';
import { CLOSING_ANCHOR } from './header-section.js';
import { engineName } from './parameter-label.js';
import { anchors } from './scenario-section.js';
import { type ScenarioView } from './scenario-view.js';

/** Perturbations whose convergence shows self-healing (faults, not declared changes). */
const FAULT_KINDS = new Set(['crash', 'partition', 'scheduler-crash']);
/** At most this many faults per scenario count as evidence. */
const MAX_FAULTS = 2;

type Aspect = keyof Messages['aspects'];
const ASPECTS: readonly Aspect[] = ['role', 'abstraction', 'scheduling', 'selfHealing', 'composition', 'sync'];

/** One measured value of one engine in one scenario, filed under an aspect of the course's comparison. */
interface Measure {
  readonly aspect: Aspect;
  /** Key of {@link Messages.evMetrics}. */
  readonly metric: string;
  readonly engine: string;
  readonly scenario: string;
  readonly value: number;
  readonly unit: Unit;
  /** A fault not settled in some seed, or a figure that is only a lower bound (censored latencies). */
  readonly censored: boolean;
  /** The chart (or, without one, the headline table) the value comes from. */
  readonly href: string;
}

/**
 * Every value of this run that speaks to a row of the course's table, per engine and scenario.
 * Sweeps are left out (their figures depend on the swept value), and so are failed trials.
 */
function measures(views: readonly ScenarioView[], charts: ReadonlyMap<string, readonly PlannedChart[]>): Measure[] {
  const out: Measure[] = [];
  for (const view of views) {
    if (view.sweepParameter !== undefined || view.runs.length === 0) continue;
    const scenario = view.meta.name;
    const planned = charts.get(scenario) ?? [];
    const href = (...kinds: string[]): string => {
      const anchor = kinds.map((k) => planned.find((c) => c.def.kind === k)?.anchor).find((a) => a !== undefined);
      return `#${anchor ?? anchors.headline(scenario)}`;
    };
    const figure = (aspect: Aspect, key: FigureKey, unit: Unit, link: string): void => {
      const def = FIGURES.find((f) => f.key === key);
      if (!def) return;
      for (const engine of view.engines) {
        const s = figureStat(
          def,
          view.runs.filter((r) => r.engine === engine),
          view,
        );
        // A figure that is zero unless its mechanism exists (CPU locked in offers) says nothing at zero.
        if (s.spread.n > 0 && Number.isFinite(s.spread.mean) && !(def.onlyWhenPositive && s.spread.mean <= 0))
          out.push({ aspect, metric: key, engine, scenario, value: s.spread.mean, unit, censored: s.censored > 0, href: link });
      }
    };
    const faults = perturbationStats(view.convergence, view.engines).filter((p) => FAULT_KINDS.has(p.kind));
    const faultIndexes = new Set([...new Set(faults.map((p) => p.index))].slice(0, MAX_FAULTS));
    for (const p of faults.filter((f) => faultIndexes.has(f.index))) {
      out.push({
        aspect: 'selfHealing',
        metric: 'fault_convergence',
        engine: p.engine,
        scenario,
        value: p.spread.mean,
        unit: 'seconds',
        censored: p.censored > 0,
        href: href('convergence', 'replicas'),
      });
    }
    figure('scheduling', 'sched_p50_s', 'seconds', href('cdf-scheduling'));
    if (planned.some((c) => c.def.kind === 'share')) figure('abstraction', 'jain', 'count', href('share'));
    figure('abstraction', 'locked_cpu_avg', 'percent', href('locked'));
    figure('abstraction', 'conflict_fraction', 'count', href());
    figure('sync', 'sync_informed_p50_s', 'seconds', href());
    const services = view.series.some((r) => r.series.startsWith('desired/'));
    const tenants = new Set(view.series.filter((r) => r.series.startsWith('share/')).map((r) => r.series)).size;
    if (services || tenants > 1) figure('composition', 'job_wait_p90_s', 'seconds', href('cdf-job-wait'));
  }
  return out;
}

/**
 * One engine's evidence on one row: per metric a single short sentence, the value when one
 * scenario measures it, the range over the scenarios otherwise, linked to the chart of the highest.
 */
function summary(list: readonly Measure[], m: Messages): Inline[] {
  const out: Inline[] = [];
  for (const metric of [...new Set(list.map((x) => x.metric))]) {
    const mine = list.filter((x) => x.metric === metric);
    const name = m.evMetrics[metric] ?? metric;
    const high = mine.reduce((a, b) => (b.value > a.value ? b : a));
    const low = mine.reduce((a, b) => (b.value < a.value ? b : a));
    // A fault's censored convergence is counted ("not settled in k of n"); any other censored figure is a lower bound ("≥ value").
    const faults = metric === 'fault_convergence';
    const fmt = (x: Measure): string => (x.censored && !faults ? m.atLeast(fmtValue(m, x.unit, x.value)) : fmtValue(m, x.unit, x.value));
    let text = mine.length === 1 ? m.evOne(name, fmt(high), high.scenario) : m.evRange(name, fmt(low), fmt(high), mine.length, high.scenario);
    const censored = mine.filter((x) => x.censored).length;
    if (faults && censored > 0) text += `${m.listSep}${m.evNotSettled(censored, mine.length)}`;
    out.push(...(out.length > 0 ? [m.sentenceSep] : []), text, m.linkOpen, { kind: 'link', text: m.seeLink, href: high.href }, m.linkClose, m.fullStop);
  }
  return out;
}

/** The columns of the closing table: every engine that ran, the oracle left out when others ran (it is the reference, not an architecture of the course). */
function columns(views: readonly ScenarioView[]): string[] {
  const engines = [...new Set(views.flatMap((v) => v.engines))];
  const architectures = engines.filter((e) => e !== 'oracle');
  return architectures.length > 0 ? architectures : engines;
}

/**
 * The closing section: the course's comparison table (Mesos as a programming framework of resource
 * sharing and distributed scheduling, Kubernetes as a runtime platform of declared state and state
 * controllers), one column per engine that ran (an engine the course does not describe gets a
 * column all the same), each cell the course's words and, in one or two sentences, what this run
 * measured for that engine.
 */
export function evidenceSection(views: readonly ScenarioView[], charts: ReadonlyMap<string, readonly PlannedChart[]>, m: Messages): Block[] {
  const all = measures(views, charts);
  const engines = columns(views);
  const rows: Cell[][] = ASPECTS.map((a) => [
    { inlines: [{ kind: 'strong', text: m.aspects[a].name }] },
    ...engines.map((engine): Cell => {
      const course = (m.aspects[a] as Readonly<Record<string, string>>)[engine] ?? m.notInCourse;
      const mine = all.filter((x) => x.aspect === a && x.engine === engine);
      return {
        inlines: [
          course,
          ...(mine.length > 0 ? [m.sentenceSep, { kind: 'strong' as const, text: m.measured }, m.sentenceSep === '' ? '' : ' ', ...summary(mine, m)] : []),
        ],
      };
    }),
  ]);
  return [
    { kind: 'heading', level: 2, text: m.closingTitle, id: CLOSING_ANCHOR },
    { kind: 'paragraph', inlines: [m.closingIntroEngines] },
    { kind: 'table', id: 'course-table', head: [m.colAspect, ...engines.map(engineName)], rows },
  ];
}
