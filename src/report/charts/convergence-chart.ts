import { fmtNum } from '../format.js';
import { type Messages } from '../i18n/messages.js';
import { type ConvergenceCsvRow } from '../read-results.js';
import { type ScenarioView } from '../scenario-view.js';
import { groupBy, spread, type Spread } from '../stats.js';
import { type ChartDef, engineChannels, HEIGHT, r6, vl, WIDTH } from './chart.js';

/** Convergence of one perturbation under one engine, across seeds. */
export interface PerturbationStat {
  readonly index: number;
  readonly time: number;
  readonly kind: string;
  readonly label: string;
  readonly engine: string;
  readonly spread: Spread;
  /** Seeds whose window ended before the state settled (their value is a lower bound). */
  readonly censored: number;
}

/**
 * Convergence per perturbation and engine across seeds (convergence.csv). Perturbations are
 * matched by their index: every engine and seed sees the same perturbation list (fairness rule 1).
 */
export function perturbationStats(rows: readonly ConvergenceCsvRow[], engines: readonly string[]): PerturbationStat[] {
  const out: PerturbationStat[] = [];
  const byIndex = groupBy(
    [...rows].sort((a, b) => a.perturbation - b.perturbation),
    (r) => String(r.perturbation),
  );
  for (const list of byIndex.values()) {
    const first = list[0] as ConvergenceCsvRow;
    for (const engine of engines) {
      const mine = list.filter((r) => r.engine === engine);
      if (mine.length === 0) continue;
      out.push({
        index: first.perturbation,
        time: first.time,
        kind: first.kind,
        label: first.label,
        engine,
        spread: spread(mine.map((r) => r.convergence)),
        censored: mine.filter((r) => r.censored).length,
      });
    }
  }
  return out;
}

/** Name of a perturbation in the report's language, numbered from 1 (tables). */
export function perturbationName(m: Messages, p: { index: number; label: string; kind: string; time: number }): string {
  return m.perturbationName(p.index + 1, p.label, m.kinds[p.kind] ?? p.kind);
}

/** Short name of a perturbation for a chart axis: number, kind and time (the full label is in the table). */
export function perturbationShortName(m: Messages, p: { index: number; kind: string; time: number }): string {
  return `#${p.index + 1} ${m.kinds[p.kind] ?? p.kind} · ${m.seconds(fmtNum(p.time))}`;
}

/**
 * Convergence time per perturbation: a marker at the mean over the seeds and a bar from the lowest
 * to the highest seed, engines side by side; hollow markers flag censored windows. Undefined when
 * the scenario has no perturbation.
 */
export function convergenceChart(view: ScenarioView, m: Messages): ChartDef | undefined {
  const rows = view.convergence.filter((r) => r.sweepValue === (view.sweepValues[0] ?? ''));
  const stats = perturbationStats(rows, view.engines);
  if (stats.length === 0) return undefined;
  const engines = view.engines.filter((e) => stats.some((s) => s.engine === e));
  const values = stats.map((s) => ({
    p: perturbationShortName(m, s),
    index: s.index,
    engine: s.engine,
    mean: r6(s.spread.mean),
    min: r6(s.spread.min),
    max: r6(s.spread.max),
    censored: s.censored > 0,
  }));
  const order = [...new Set(values.map((v) => v.p))];
  const channels = engineChannels(engines, m.engineLegend);
  const x = { field: 'p', type: 'nominal', title: m.convergenceX, sort: order, axis: { labelAngle: order.length > 3 ? -30 : 0, labelLimit: 400 } };
  const xOffset = { field: 'engine', type: 'nominal', sort: engines, scale: { paddingOuter: 0.6 } };
  return {
    kind: 'convergence',
    title: m.convergenceTitle,
    caption: m.convergenceCaption,
    spec: vl({
      width: Math.max(WIDTH, order.length * 28 * Math.max(1, engines.length)),
      height: HEIGHT,
      data: { values },
      encoding: { x, xOffset },
      layer: [
        {
          mark: { type: 'rule', strokeWidth: 2.5 },
          encoding: { y: { field: 'min', type: 'quantitative', title: m.convergenceY, scale: { zero: true } }, y2: { field: 'max' }, color: channels.color },
        },
        {
          transform: [{ filter: '!datum.censored' }],
          mark: { type: 'point', filled: true, size: 90, opacity: 1 },
          encoding: { y: { field: 'mean', type: 'quantitative' }, color: channels.color, shape: channels.shape },
        },
        {
          transform: [{ filter: 'datum.censored' }],
          mark: { type: 'point', filled: false, size: 90, strokeWidth: 2, opacity: 1 },
          encoding: { y: { field: 'mean', type: 'quantitative' }, color: channels.color, shape: channels.shape },
        },
      ],
    }),
  };
}
