import { type Block, type Cell, textCell } from './doc.js';
import { fmtNum } from './format.js';
import { type Messages } from './i18n/messages.js';
import { type CounterRow } from './read-results.js';
import { type ScenarioView } from './scenario-view.js';

/**
 * counters.csv names of the Omega paper models' counters (engines/kit/omega-paper/host.ts; the observer
 * writes an engine's counters as `counter:<name>`), each followed by the scheduler's name.
 */
const USEFUL = 'counter:busy-useful-us:';
const WASTED = 'counter:busy-wasted-us:';
const COMMITTED = 'counter:tx-committed:';
const FAILED = 'counter:tx-failed:';

function mean(xs: readonly number[]): number | undefined {
  return xs.length === 0 ? undefined : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/**
 * The Omega paper's comparison for a scenario run by its models (issue #19): per engine, sweep value
 * and scheduler, the busyness, the wasted share of it, committed and failed transactions, the
 * conflict fraction and the CPU locked in offers. Nothing when no engine of the scenario ran a model.
 */
export function paperTable(view: ScenarioView, m: Messages): Block[] {
  const mine = view.counters.filter((c) => c.name.startsWith(USEFUL) || c.name.startsWith(WASTED));
  if (mine.length === 0) return [];
  const values = view.sweepParameter === undefined ? [''] : view.sweepValues;
  const rows: Cell[][] = [];
  for (const engine of view.engines) {
    const ofEngine = view.counters.filter((c) => c.engine === engine);
    const schedulers = [
      ...new Set(
        ofEngine
          .filter((c) => c.name.startsWith(USEFUL) || c.name.startsWith(WASTED))
          .map((c) => c.name.slice((c.name.startsWith(USEFUL) ? USEFUL : WASTED).length)),
      ),
    ].sort();
    for (const value of values) {
      const here = ofEngine.filter((c) => c.sweepValue === value);
      for (const s of schedulers) rows.push(paperRow(here, view, engine, value, s, m));
    }
  }
  const h = m.paperHead;
  const head = [h.engine, ...(view.sweepParameter === undefined ? [] : [h.sweep]), h.scheduler, h.busy, h.wasted, h.committed, h.failed, h.conflict, h.locked];
  return [
    { kind: 'heading', level: 3, text: m.paperTitle },
    { kind: 'paragraph', note: true, inlines: [m.paperNote] },
    { kind: 'table', head, rows, numeric: head.map((_, i) => i >= head.length - 6) },
  ];
}

function paperRow(counters: readonly CounterRow[], view: ScenarioView, engine: string, value: string, s: string, m: Messages): Cell[] {
  const per = (name: string): number[] =>
    view.seeds.flatMap((seed) => {
      const row = counters.find((c) => c.seed === seed && c.name === name);
      return row ? [row.value] : [];
    });
  const sumOf = (name: string): number => per(name).reduce((a, b) => a + b, 0);
  const useful = sumOf(`${USEFUL}${s}`);
  const wasted = sumOf(`${WASTED}${s}`);
  const committed = per(`${COMMITTED}${s}`);
  const failed = per(`${FAILED}${s}`);
  const okAll = committed.reduce((a, b) => a + b, 0);
  const failedAll = failed.reduce((a, b) => a + b, 0);
  const cell = (x: number | undefined, digits = 3): Cell => textCell(x === undefined || Number.isNaN(x) ? m.noData : fmtNum(Number(x.toPrecision(digits))));
  return [
    textCell(engine),
    ...(view.sweepParameter === undefined ? [] : [textCell(value)]),
    textCell(s),
    cell(mean(per(`busy:${s}`))),
    cell(useful + wasted > 0 ? wasted / (useful + wasted) : undefined),
    cell(mean(committed)),
    cell(mean(failed) ?? (committed.length > 0 ? 0 : undefined)),
    cell(okAll + failedAll > 0 ? failedAll / (okAll + failedAll) : undefined),
    cell(mean(per(`locked-avg:${s}:cpu`)) ?? 0),
  ];
}
