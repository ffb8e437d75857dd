import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type TrialResult } from '../runner/trial-types.js';
import { type ClaimSpec } from '../metrics/claims.js';
import { writeFileAtomic } from './atomic-write.js';
import { csvHeader, toCsv } from './csv.js';
import { perfTable } from './result-tables.js';
import { ResultsFolderError } from './results-folder-error.js';
import { parseMetaText, parseTrialLine } from './results-schema.js';
import { isRendered, type RenderedTrial, renderTrial, ROW_TABLES, type RowFile, withoutPerf } from './trial-rows.js';

export { ResultsFolderError } from './results-folder-error.js';

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
  /** What `--resume` runs again; absent in folders written before it was recorded. */
  readonly plan?: RunPlanRecord;
}

/**
 * The plan of a run as `--resume` needs it: every input that decides which trials exist and what
 * they compute. Scenario files are re-read and must still have the recorded SHA-256.
 */
export interface RunPlanRecord {
  readonly scenarios: readonly { readonly name: string; readonly file: string; readonly sha256: string }[];
  readonly engines: readonly string[];
  /** Seeds given on the command line; null: each scenario's own spec.seeds. */
  readonly seeds: readonly number[] | null;
  readonly detail: boolean;
  readonly explain: boolean;
  /** `--explain=full`: explanations list every evaluated node (absent: the default level, `top`). */
  readonly explainLevel?: 'full';
  readonly shard: { readonly i: number; readonly n: number } | null;
  /** `--timeout` in seconds; null: each scenario's limit. */
  readonly timeoutSeconds: number | null;
}

/**
 * Work of a scenario that no node (or not the whole cluster) can ever hold: its trials end with
 * that work pending and the convergence windows censored. Found before the run (see the CLI).
 */
export interface ScenarioWarning {
  readonly workload: string;
  /** `task-fits-no-node`: one task is larger than every node it may run on; `replicas-exceed-capacity`: more replicas than all those nodes hold. */
  readonly kind: 'task-fits-no-node' | 'replicas-exceed-capacity';
  readonly replicas?: number;
  readonly capacity?: number;
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
  /** Work that can never be placed (absent when there is none). */
  readonly warnings?: readonly ScenarioWarning[];
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
export const RESULT_FILES = [
  'meta.json',
  'trials.jsonl',
  'runs.csv',
  'latency.csv',
  'cdf.csv',
  'convergence.csv',
  'timeseries.csv',
  'counters.csv',
  'perf.csv',
] as const;

/** Files a run writes only with --detail / --explain, or (traffic.csv, services.csv) when a scenario declares request traffic. */
export const OPTIONAL_RESULT_FILES = ['tasks.csv', 'explain.jsonl', 'traffic.csv', 'services.csv'] as const;

/** The request-traffic files: written when any trial measured traffic, removed otherwise. */
const TRAFFIC_FILES: ReadonlySet<string> = new Set(['traffic.csv', 'services.csv']);

/**
 * Writes a results folder atomically, file by file, from plain results or trials rendered by the
 * workers (any mix; see trial-rows.ts). Every file but perf.csv is a pure function of the scenarios
 * and seeds; trials are written in plan order whatever the order given.
 */
export function writeResultsFolder(
  dir: string,
  meta: RunMeta,
  trials: readonly (TrialResult | RenderedTrial)[],
  run: { readonly workers: number; readonly startedAt: string },
): void {
  const sorted = trials.map((t) => (isRendered(t) ? t : renderTrial(t))).sort((a, b) => a.head.index - b.head.index);
  writeFileAtomic(join(dir, 'trials.jsonl'), sorted.map((r) => `${r.json}\n`).join(''));
  for (const [file, table] of Object.entries(ROW_TABLES) as [RowFile, (typeof ROW_TABLES)[RowFile]][]) {
    const absent = file === 'tasks.csv' ? !sorted.some((r) => r.hasTasks) : TRAFFIC_FILES.has(file) ? !sorted.some((r) => r.hasTraffic) : false;
    if (absent) {
      // An earlier run of this folder (the caller owns it: new, --force or --resume) may have left one.
      rmSync(join(dir, file), { force: true });
      continue;
    }
    writeFileAtomic(join(dir, file), csvHeader(table([]).columns) + sorted.map((r) => r.rows[file]).join(''));
  }
  if (sorted.some((r) => r.hasExplain)) writeFileAtomic(join(dir, 'explain.jsonl'), sorted.map((r) => r.explain).join(''));
  else rmSync(join(dir, 'explain.jsonl'), { force: true });
  writeFileAtomic(
    join(dir, 'perf.csv'),
    toCsv(
      perfTable(
        sorted.map((r) => r.head),
        run,
      ),
    ),
  );
  writeMeta(dir, meta);
  rmSync(join(dir, CHECKPOINT), { force: true });
}

/** Writes a folder's meta.json (atomically). A run writes it first too, so a killed run keeps its plan. */
export function writeMeta(dir: string, meta: RunMeta): void {
  writeFileAtomic(join(dir, 'meta.json'), JSON.stringify(meta, null, 2) + '\n');
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
 * A damaged or mistyped line is a {@link ResultsFolderError} naming the file, line and field path.
 */
export function readTrials(dir: string): TrialResult[] {
  const file = join(dir, 'trials.jsonl');
  const checkpoint = join(dir, CHECKPOINT);
  assertFolder(dir);
  if (!existsSync(file) && !existsSync(checkpoint)) throw new ResultsFolderError(`${dir} is not a results folder (no trials.jsonl)`);
  const byId = new Map<string, TrialResult>();
  for (const [path, tolerant] of [
    [file, false],
    [checkpoint, true],
  ] as const) {
    if (!existsSync(path)) continue;
    const lines = readFileSync(path, 'utf8').split('\n');
    lines.forEach((l, i) => {
      if (l.length === 0) return;
      // A checkpoint's last line may have been cut off by a kill; anything else is damage.
      const lastOfCheckpoint = tolerant && i >= lines.length - 2;
      const r = parseTrialLine(l, `${path}:${i + 1}`, lastOfCheckpoint);
      if (r) byId.set(r.id, { ...r, perf: { wallMs: 0, events: 0, eventsPerSecond: 0, peakRssBytes: 0 } });
    });
  }
  return [...byId.values()].sort((a, b) => a.index - b.index);
}

/** A folder's meta.json, checked: a missing, truncated or mistyped file is a {@link ResultsFolderError}. */
export function readMeta(dir: string): RunMeta {
  assertFolder(dir);
  const file = join(dir, 'meta.json');
  if (!existsSync(file)) throw new ResultsFolderError(`${dir} is not a results folder (no meta.json)`);
  return parseMetaText(readFileSync(file, 'utf8'), file);
}

/** Throws a {@link ResultsFolderError} unless `dir` is an existing folder. */
export function assertFolder(dir: string): void {
  if (!existsSync(dir)) throw new ResultsFolderError(`${dir}: no such folder, so not a results folder`);
  if (!statSync(dir).isDirectory()) throw new ResultsFolderError(`${dir} is a file, not a results folder`);
}
