import { type RenderedTrial } from '../report/trial-rows.js';
import { checkpointTrial, type ScenarioWarning, writeMeta, writeResultsFolder } from '../report/results-folder.js';
import { selectShard } from '../runner/plan.js';
import { runTrialsWith } from '../runner/pool.js';
import { claimsSummaryLines } from '../report/claims/run-summary.js';
import { shareIdenticalTrials } from '../runner/shared-trials.js';
import { type TrialSpec } from '../runner/trial-types.js';
import { EXIT } from './exit-codes.js';
import { createProgress, type Progress } from './progress.js';
import { buildMeta } from './run-meta.js';
import { parseWorkers } from './run-inputs.js';
import { type PlanFlags, type RunSetup, setUpNewRun, setUpResume } from './run-setup.js';
import { buildReports } from './report-command.js';
import { RENDERING_WORKER } from '../report/rendering-worker.js';
import { describeWarning, unfittableWork } from '../workload/unfittable-work.js';

/** Options of `schedbench run`. */
export interface RunOptions extends PlanFlags {
  readonly workers?: string;
  readonly report?: boolean;
  readonly quiet?: boolean;
}

/** "4 scenario(s) × 3 engine(s) × 2 seed(s) = 24 trial(s)", with sweep variants and unequal seed counts spelled out. */
export function planSummary(trials: readonly TrialSpec[], scenarios: number, engines: number): string {
  const variants = new Set(trials.map((t) => t.id.slice(0, t.id.lastIndexOf('/', t.id.lastIndexOf('/') - 1)))).size;
  const seedCounts = new Map<string, Set<number>>();
  for (const t of trials) seedCounts.set(t.scenario, (seedCounts.get(t.scenario) ?? new Set()).add(t.seed));
  const counts = [...seedCounts.values()].map((s) => s.size);
  const lo = Math.min(...counts);
  const hi = Math.max(...counts);
  const seeds = counts.length === 0 ? '0' : lo === hi ? `${lo}` : `${lo}–${hi}`;
  const sweep = variants > scenarios ? ` (${variants} with their sweep values)` : '';
  return `${scenarios} scenario(s)${sweep} × ${engines} engine(s) × ${seeds} seed(s) = ${trials.length} trial(s)`;
}

/** `schedbench run`: plan, run on the pool, write the results folder, build the report. Returns the exit code. */
export async function runCommand(args: readonly string[], opts: RunOptions, argv: readonly string[]): Promise<number> {
  const warn = (line: string): void => void process.stderr.write(`${line}\n`);
  const workers = parseWorkers(opts.workers, warn);
  const setup = opts.resume !== undefined ? setUpResume(args, opts, argv, warn) : setUpNewRun(args, opts, argv, warn, runId);
  try {
    return await runSetUp(setup, opts, workers, warn);
  } finally {
    setup.lock.release();
  }
}

async function runSetUp(setup: RunSetup, opts: RunOptions, workers: number, warn: (line: string) => void): Promise<number> {
  const { dir, plan } = setup;
  const log = (line: string): void => {
    if (!opts.quiet) process.stderr.write(`${line}\n`);
  };
  const shard = plan.shard;
  const selected = shard ? selectShard(setup.trials, shard.i, shard.n) : [...setup.trials];
  const wanted = new Set(selected.map((t) => t.id));
  const have = new Set(setup.previous.map((r) => r.id));
  const todo = selected.filter((t) => !have.has(t.id));
  const kept = setup.previous.filter((r) => wanted.has(r.id));
  const warnings = new Map<string, ScenarioWarning[]>(setup.scenarios.map((s) => [s.doc.metadata.name, unfittableWork(s.doc)]));
  const meta = buildMeta(setup.scenarios, setup.trials.length, setup.command, plan, warnings);
  // Written first, so that a run killed outright still records the plan that --resume continues.
  writeMeta(dir, meta);

  log(
    `schedbench: ${planSummary(setup.trials, setup.scenarios.length, plan.engines.length)}${shard ? `; shard ${shard.i}/${shard.n}: ${selected.length}` : ''}`,
  );
  log(`  ${todo.length} to run${kept.length ? `, ${kept.length} already done` : ''}, on ${workers} worker(s)`);
  log(`results: ${dir}`);

  const controller = new AbortController();
  const onSigint = (): void => {
    log('\ninterrupted: finishing up and writing the trials that completed…');
    controller.abort();
  };
  process.once('SIGINT', onSigint);
  const progress: Progress = opts.quiet ? { tick: () => undefined, running: () => undefined, stop: () => undefined } : createProgress(todo.length);
  const startedAt = new Date().toISOString(); // wall-clock: recorded in perf.csv only
  let results: RenderedTrial[];
  try {
    const runs = await runTrialsWith(RENDERING_WORKER, shareIdenticalTrials(todo), {
      workers,
      signal: controller.signal,
      onResult: (group) => {
        for (const r of group) {
          checkpointTrial(dir, r);
          progress.tick(r.head);
        }
      },
      onProgress: (p) => progress.running(p),
      ...(plan.timeoutSeconds !== null ? { trialTimeoutMs: plan.timeoutSeconds * 1000 } : {}),
    });
    results = runs.flat();
  } finally {
    progress.stop();
    process.removeListener('SIGINT', onSigint);
  }
  const all = [...kept, ...results];
  writeResultsFolder(dir, meta, all, { workers, startedAt });

  const failed = [...kept, ...results.map((r) => r.head)].sort((a, b) => a.index - b.index).filter((r) => r.status !== 'ok');
  for (const r of failed) log(`FAILED ${r.id}: ${r.status}: ${r.error ?? ''}`);
  for (const [name, list] of warnings) for (const w of list) warn(`warning: ${describeWarning(name, w)}`);
  if (controller.signal.aborted) {
    log(`interrupted: ${all.length} of ${selected.length} trial(s) written to ${dir}`);
    log(`  continue with: schedbench run --resume ${dir}   (the plan is read from its meta.json)`);
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
  const t = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')
    .replace('T', '-'); // wall-clock: folder name only
  return `${t}-${what}`;
}
