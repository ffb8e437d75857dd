import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type TrialResult } from '../runner/trial-types.js';
import { type ClaimSpec } from '../metrics/claims.js';
import { writeFileAtomic } from './atomic-write.js';
import { csvHeader, toCsv } from './csv.js';
import { perfTable } from './result-tables.js';
import { isRendered, type RenderedTrial, renderTrial, ROW_TABLES, type RowFile, withoutPerf } from './trial-rows.js';

/** What meta.json says about a run. Nothing here depends on the wall clock or the worker count. */
export interface RunMeta {
  readonly tool: { readonly name: 'schedbench'; readonly version: string };
  readonly gitCommit: string | null;
  readonly node: string;
  /** The command with the flags that do not change results (workers, out, shard, resume) removed. */
  readonly command: string;
  readonly engines: readonly string[];
  /** Trials in the whole plan (a shard runs a subset). */
  readonly planned: number;
  readonly shard: { readonly i: number; readonly n: number } | null;
  readonly scenarios: readonly ScenarioMeta[];
}

/** A scenario as the report needs it: identity, hash and the words that explain it. */
export interface ScenarioMeta {
  readonly name: string;
  readonly file: string;
  readonly hash: string;
  readonly title: string;
  readonly description: string;
  readonly lesson: string;
  readonly tags: readonly string[];
  readonly seeds: readonly number[];
  readonly sweep: { readonly parameter: string; readonly values: readonly (number | string | boolean)[] } | null;
  /** A one-paragraph description of the setup (cluster, workload, events, overrides). */
  readonly setup: string;
  /** The lesson's claims (DESIGN.md §6a), evaluated by the report; absent in folders written before claims. */
  readonly claims?: readonly ClaimSpec[];
  /** The same texts in other report languages, where the scenario (or the setup writer) has them. */
  readonly translations?: Readonly<Record<string, ScenarioTexts>>;
}

/** A scenario's texts in one language; a missing text falls back to the English one. */
export interface ScenarioTexts {
  readonly title?: string;
  readonly description?: string;
  readonly lesson?: string;
  readonly setup?: string;
  /** Claim texts by claim id. */
  readonly claims?: Readonly<Record<string, string>>;
}

/** Files written for every run (DESIGN.md §7), plus trials.jsonl: the full results that merge and resume read. */
export const RESULT_FILES = ['meta.json', 'trials.jsonl', 'runs.csv', 'latency.csv', 'cdf.csv', 'convergence.csv', 'timeseries.csv', 'counters.csv', 'perf.csv'] as const;

/**
 * Writes a results folder atomically, file by file, from plain results or trials rendered by the
 * workers (any mix; see trial-rows.ts). Every file but perf.csv is a pure function of the scenarios
 * and seeds; trials are written in plan order whatever the order given.
 */
export function writeResultsFolder(dir: string, meta: RunMeta, trials: readonly (TrialResult | RenderedTrial)[], run: { readonly workers: number; readonly startedAt: string }): void {
  const sorted = trials.map((t) => (isRendered(t) ? t : renderTrial(t))).sort((a, b) => a.head.index - b.head.index);
  writeFileAtomic(join(dir, 'trials.jsonl'), sorted.map((r) => `${r.json}\n`).join(''));
  for (const [file, table] of Object.entries(ROW_TABLES) as [RowFile, (typeof ROW_TABLES)[RowFile]][]) {
    if (file === 'tasks.csv' && !sorted.some((r) => r.hasTasks)) continue;
    writeFileAtomic(join(dir, file), csvHeader(table([]).columns) + sorted.map((r) => r.rows[file]).join(''));
  }
  if (sorted.some((r) => r.hasExplain)) writeFileAtomic(join(dir, 'explain.jsonl'), sorted.map((r) => r.explain).join(''));
  writeFileAtomic(join(dir, 'perf.csv'), toCsv(perfTable(sorted.map((r) => r.head), run)));
  writeFileAtomic(join(dir, 'meta.json'), JSON.stringify(meta, null, 2) + '\n');
  rmSync(join(dir, CHECKPOINT), { force: true });
}

/**
 * Where finished trials are appended one line each while a run goes on, so a run that is killed
 * (not just interrupted) keeps what it finished: `--resume` reads it. Removed once the folder is written.
 */
export const CHECKPOINT = 'trials.partial.jsonl';

/** Appends one finished trial to the folder's checkpoint. */
export function checkpointTrial(dir: string, trial: TrialResult | RenderedTrial): void {
  mkdirSync(dir, { recursive: true });
  appendFileSync(join(dir, CHECKPOINT), (isRendered(trial) ? trial.json : JSON.stringify(withoutPerf(trial))) + '\n');
}

/** True when the folder holds results or a checkpoint to resume from. */
export function hasTrials(dir: string): boolean {
  return existsSync(join(dir, 'trials.jsonl')) || existsSync(join(dir, CHECKPOINT));
}

/**
 * The results of a folder: trials.jsonl, plus any checkpoint a killed run left (a last line cut off
 * by the kill is ignored). Perf is zeroed: it is not kept there. Later lines win for the same trial.
 */
export function readTrials(dir: string): TrialResult[] {
  const file = join(dir, 'trials.jsonl');
  const checkpoint = join(dir, CHECKPOINT);
  if (!existsSync(file) && !existsSync(checkpoint)) throw new Error(`${dir} is not a results folder (no trials.jsonl)`);
  const byId = new Map<string, TrialResult>();
  for (const [path, tolerant] of [[file, false], [checkpoint, true]] as const) {
    if (!existsSync(path)) continue;
    const lines = readFileSync(path, 'utf8').split('\n');
    lines.forEach((l, i) => {
      if (l.length === 0) return;
      try {
        const r = JSON.parse(l) as Omit<TrialResult, 'perf'>;
        byId.set(r.id, { ...r, perf: { wallMs: 0, events: 0, eventsPerSecond: 0, peakRssBytes: 0 } });
      } catch {
        // A checkpoint's last line may have been cut off by a kill; anything else is damage.
        if (!(tolerant && i >= lines.length - 2)) throw new Error(`${path}:${i + 1}: not a JSON line`);
      }
    });
  }
  return [...byId.values()].sort((a, b) => a.index - b.index);
}

/** A folder's meta.json. */
export function readMeta(dir: string): RunMeta {
  const file = join(dir, 'meta.json');
  if (!existsSync(file)) throw new Error(`${dir} is not a results folder (no meta.json)`);
  return JSON.parse(readFileSync(file, 'utf8')) as RunMeta;
}
