import { join, resolve } from 'node:path';
import { ENGINE_NAMES } from '../engines/registry.js';
import { checkpointTrial, hasTrials, readTrials, writeResultsFolder } from '../report/results-folder.js';
import { parseShard, planTrials, selectShard } from '../runner/plan.js';
import { type RenderedTrial } from '../report/trial-rows.js';
import { claimsSummaryLines } from '../report/claims/run-summary.js';
import { defaultWorkers, runTrialsWith } from '../runner/pool.js';
import { shareIdenticalTrials } from '../runner/shared-trials.js';
import { type TrialResult } from '../runner/trial-types.js';
import { EXIT, InputError } from './exit-codes.js';
import { createProgress } from './progress.js';
import { buildMeta } from './run-meta.js';
import { loadScenarios, readSuites } from './scenario-files.js';
import { buildReports } from './report-command.js';
import { RENDERING_WORKER } from './rendering-worker.js';

/** Options of `schedbench run`. */
export interface RunOptions {
  readonly engines?: string;
  readonly seeds?: string;
  readonly workers?: string;
  readonly out?: string;
  readonly detail?: boolean;
  readonly explain?: boolean;
  readonly shard?: string;
  readonly suite?: string;
  readonly full?: boolean;
  readonly resume?: string;
  readonly report?: boolean;
  readonly timeout?: string;
  readonly quiet?: boolean;
}

function parseList(text: string | undefined): string[] | undefined {
  return text === undefined ? undefined : text.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

/** `schedbench run`: plan, run on the pool, write the results folder, build the report. Returns the exit code. */
export async function runCommand(args: readonly string[], opts: RunOptions, argv: readonly string[]): Promise<number> {
  const suites = readSuites();
  const suiteName = opts.full ? 'full' : (opts.suite ?? (args.length === 0 ? 'default' : undefined));
  let names = [...args];
  if (suiteName !== undefined) {
    const suite = suites[suiteName];
    if (!suite) throw new InputError([`unknown suite "${suiteName}" (known: ${Object.keys(suites).join(', ') || 'none'}; see scenarios/suites.yaml)`]);
    names = [...suite, ...names];
  }
  if (names.length === 0) throw new InputError(['no scenarios to run: name scenario files or bundled names, or use --suite']);
  const loaded = loadScenarios(names);
  if (!loaded.ok) throw new InputError(loaded.errors);

  const engines = parseList(opts.engines) ?? [...ENGINE_NAMES];
  const seedList = parseList(opts.seeds);
  const seeds = seedList?.map((s) => {
    const n = Number(s);
    if (!Number.isSafeInteger(n) || n < 0) throw new InputError([`--seeds: "${s}" is not a non-negative integer`]);
    return n;
  });
  const extraSeeds = opts.full && !seeds ? [1, 2, 3, 4, 5] : undefined;
  const plan = planTrials(loaded.scenarios, { engines, ...((seeds ?? extraSeeds) ? { seeds: seeds ?? extraSeeds } : {}), detail: opts.detail ?? false, explain: opts.explain ?? false });
  if (!plan.ok) throw new InputError(plan.errors as string[]);

  let shard: { i: number; n: number } | null = null;
  if (opts.shard !== undefined) {
    // `--shard job/N` takes i from a Kubernetes Indexed Job's JOB_COMPLETION_INDEX (0-based).
    const fromJob = opts.shard.startsWith('job/') && process.env.JOB_COMPLETION_INDEX !== undefined;
    const s = parseShard(fromJob ? `${Number(process.env.JOB_COMPLETION_INDEX) + 1}/${opts.shard.slice(4)}` : opts.shard);
    if (!s) throw new InputError([`--shard: "${opts.shard}" is not i/n with 1 ≤ i ≤ n`]);
    shard = s;
  }
  const workers = opts.workers === undefined ? defaultWorkers() : Number(opts.workers);
  if (!Number.isSafeInteger(workers) || workers < 0) throw new InputError([`--workers: "${opts.workers}" is not a whole number ≥ 0`]);
  const timeoutMs = opts.timeout === undefined ? undefined : Number(opts.timeout) * 1000;
  if (timeoutMs !== undefined && !(timeoutMs > 0)) throw new InputError([`--timeout: "${opts.timeout}" is not a positive number of seconds`]);

  const dir = resolve(opts.resume ?? opts.out ?? join('results', runId(suiteName ?? loaded.scenarios[0]?.doc.metadata.name ?? 'run')));
  let previous: TrialResult[] = [];
  if (opts.resume !== undefined) {
    if (!hasTrials(dir)) throw new InputError([`--resume ${opts.resume}: not a results folder (no trials.jsonl or trials.partial.jsonl)`]);
    previous = readTrials(dir);
  }
  const selected = shard ? selectShard(plan.trials, shard.i, shard.n) : [...plan.trials];
  const have = new Set(previous.map((r) => r.id));
  const todo = selected.filter((t) => !have.has(t.id));
  const kept = previous.filter((r) => selected.some((t) => t.id === r.id));

  const log = (line: string): void => {
    if (!opts.quiet) process.stderr.write(`${line}\n`);
  };
  log(`schedbench: ${todo.length} trial(s) to run (${loaded.scenarios.length} scenario(s) × ${engines.length} engine(s) × seeds${shard ? `, shard ${shard.i}/${shard.n}` : ''}${kept.length ? `, ${kept.length} already done` : ''}) on ${workers} worker(s)`);
  log(`results: ${dir}`);

  const controller = new AbortController();
  const onSigint = (): void => {
    log('\ninterrupted: finishing up and writing the trials that completed…');
    controller.abort();
  };
  process.once('SIGINT', onSigint);
  const progress = opts.quiet ? { tick: () => undefined, stop: () => undefined } : createProgress(todo.length);
  const startedAt = new Date().toISOString(); // wall-clock: recorded in perf.csv only
  let results: RenderedTrial[];
  try {
    const runs = await runTrialsWith(RENDERING_WORKER, shareIdenticalTrials(todo), { workers, signal: controller.signal, onResult: (group) => {
        for (const r of group) {
          checkpointTrial(dir, r);
          progress.tick(r.head);
        }
      }, ...(timeoutMs ? { trialTimeoutMs: timeoutMs } : {}) });
    results = runs.flat();
  } finally {
    progress.stop();
    process.removeListener('SIGINT', onSigint);
  }
  const all = [...kept, ...results];
  const meta = buildMeta(loaded.scenarios, engines, plan.trials.length, shard, argv);
  writeResultsFolder(dir, meta, all, { workers, startedAt });

  const failed = [...kept, ...results.map((r) => r.head)].sort((a, b) => a.index - b.index).filter((r) => r.status !== 'ok');
  for (const r of failed) log(`FAILED ${r.id}: ${r.status}: ${r.error ?? ''}`);
  if (controller.signal.aborted) {
    log(`interrupted: ${all.length} of ${selected.length} trial(s) written to ${dir}; run again with --resume ${dir}`);
    return EXIT.interrupted;
  }
  // A shard holds part of the trials: its claims are evaluated when the shards are merged and reported.
  if (!shard) for (const line of claimsSummaryLines(dir)) log(line);
  if (opts.report !== false && !shard) {
    const files = await buildReports(dir, ['en', 'zh-CN']);
    log(`report: ${files.filter((f) => f.endsWith('.html')).join(', ')}`);
  }
  log(`done: ${all.length - failed.length} ok, ${failed.length} failed → ${dir}`);
  return failed.length > 0 ? EXIT.trialFailed : EXIT.ok;
}

/** A run folder name: UTC timestamp and what ran. */
function runId(what: string): string {
  const t = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z').replace('T', '-'); // wall-clock: folder name only
  return `${t}-${what}`;
}
