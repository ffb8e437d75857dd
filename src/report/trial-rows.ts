import { type TrialHead, type TrialResult } from '../runner/trial-types.js';
import { csvRows } from './csv.js';
import { cdfTable, convergenceTable, countersTable, latencyTable, runsTable, tasksTable, timeseriesTable, type Table } from './result-tables.js';
import { servicesTable, trafficTable } from './traffic-tables.js';

/** The results files made of rows per trial, and the table that makes each. */
export const ROW_TABLES = {
  'runs.csv': runsTable,
  'latency.csv': latencyTable,
  'cdf.csv': cdfTable,
  'convergence.csv': convergenceTable,
  'timeseries.csv': timeseriesTable,
  'counters.csv': countersTable,
  'tasks.csv': tasksTable,
  'traffic.csv': trafficTable,
  'services.csv': servicesTable,
} as const satisfies Record<string, (results: readonly TrialResult[]) => Table>;

export type RowFile = keyof typeof ROW_TABLES;

/**
 * One trial already turned into the text of the results files: its trials.jsonl line and its rows
 * of every CSV file. Worker threads render their own trial, so the thread that writes the folder only
 * joins text in plan order (it never holds, clones or walks the metrics of every trial). Joining
 * rendered trials gives the same bytes as rendering all results at once.
 */
export interface RenderedTrial {
  readonly kind: 'rendered';
  readonly head: TrialHead;
  /** The trials.jsonl line (perf left out: it is the one thing that differs between runs), without the line end. */
  readonly json: string;
  /** The trial's records of each file, every record ending in LF ('' when it has none). */
  readonly rows: Readonly<Record<RowFile, string>>;
  /** Whether the trial kept per-task records (tasks.csv is written when any trial did). */
  readonly hasTasks: boolean;
  /** Whether the trial measured request traffic (traffic.csv and services.csv are written when any trial did). */
  readonly hasTraffic: boolean;
  /** Whether the trial kept explanations (explain.jsonl is written when any trial did). */
  readonly hasExplain: boolean;
  /** explain.jsonl lines of the trial, each ending in LF. */
  readonly explain: string;
}

/** True for a rendered trial, false for a plain result. */
export function isRendered(t: TrialResult | RenderedTrial): t is RenderedTrial {
  return (t as RenderedTrial).kind === 'rendered';
}

/** Renders one trial's text (pure: the same result gives the same text). */
export function renderTrial(r: TrialResult): RenderedTrial {
  const { metrics, ...head } = r;
  const one = [r];
  const rows = Object.fromEntries(Object.entries(ROW_TABLES).map(([file, table]) => [file, csvRows(table(one).rows)])) as Record<RowFile, string>;
  const explain = (metrics?.explain ?? []).map((e) => `${JSON.stringify({ trial: r.id, ...e })}\n`).join('');
  return {
    kind: 'rendered',
    head,
    json: JSON.stringify(withoutPerf(r)),
    rows,
    hasTasks: metrics?.tasks !== undefined,
    hasTraffic: metrics?.traffic !== undefined,
    hasExplain: metrics?.explain !== undefined,
    explain,
  };
}

/** A result as trials.jsonl keeps it: without perf. */
export function withoutPerf(r: TrialResult): Omit<TrialResult, 'perf'> {
  const { perf: _perf, ...rest } = r;
  return rest;
}
