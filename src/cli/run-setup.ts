import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ENGINE_NAMES } from '../engines/registry.js';
import { hasTrials, readMeta, readTrials, type RunPlanRecord } from '../report/results-folder.js';
import { EXPLAIN_LEVELS, parseExplainLevel, parseShard, planTrials } from '../runner/plan.js';
import { type TrialResult, type TrialSpec } from '../runner/trial-types.js';
import { type Scenario } from '../workload/load.js';
import { InputError } from './exit-codes.js';
import { type FolderLock, lockFolder } from './folder-lock.js';
import { checkWritableFolder, claimForNewRun } from './out-folder.js';
import { normalizedCommand } from './run-meta.js';
import { parseListOption, parseSeeds, parseTimeoutSeconds } from './run-inputs.js';
import { type GivenParts, loadRecordedScenarios, planConflicts, planRecord } from './run-plan-record.js';
import { loadScenarios, readSuites } from './scenario-files.js';

/** The options of `schedbench run` that decide the plan and the folder. */
export interface PlanFlags {
  readonly engines?: string;
  readonly seeds?: string;
  readonly out?: string;
  readonly detail?: boolean;
  /** `--explain` (true) or `--explain=LEVEL`. */
  readonly explain?: boolean | string;
  readonly shard?: string;
  readonly suite?: string;
  readonly full?: boolean;
  readonly resume?: string;
  readonly timeout?: string;
  readonly force?: boolean;
}

/** A run ready to go: its folder (locked by this process), scenarios, plan and earlier results. */
export interface RunSetup {
  readonly dir: string;
  readonly lock: FolderLock;
  readonly scenarios: readonly Scenario[];
  readonly plan: RunPlanRecord;
  /** Every trial of the plan (a shard runs its slice of them). */
  readonly trials: readonly TrialSpec[];
  /** meta.json's command: this command line, or the first one of a resumed run. */
  readonly command: string;
  /** Trials already in the folder (a resumed run). */
  readonly previous: readonly TrialResult[];
  /** What the folder is named after when no --out is given. */
  readonly label: string;
}

/** `--shard i/n`, or `job/n` with i from a Kubernetes Indexed Job's JOB_COMPLETION_INDEX (0-based). */
function parseShardFlag(text: string | undefined): { i: number; n: number } | null {
  if (text === undefined) return null;
  const fromJob = text.startsWith('job/') && process.env.JOB_COMPLETION_INDEX !== undefined;
  const s = parseShard(fromJob ? `${Number(process.env.JOB_COMPLETION_INDEX) + 1}/${text.slice(4)}` : text);
  if (!s) throw new InputError([`--shard: "${text}" is not i/n with 1 ≤ i ≤ n`]);
  return s;
}

/** `--explain` and its level: off, `top` (the default) or `full`; an unknown level is bad input. */
function parseExplainFlag(flag: boolean | string | undefined): { explain: boolean; explainLevel?: 'full' } {
  if (flag === undefined || flag === false) return { explain: false };
  if (flag === true) return { explain: true };
  const level = parseExplainLevel(flag);
  if (!level) throw new InputError([`--explain=${flag}: no such level (known: ${EXPLAIN_LEVELS.join(', ')}; --explain alone means top)`]);
  return level === 'full' ? { explain: true, explainLevel: 'full' } : { explain: true };
}

/** The scenarios the command line names (files, names, a suite), or undefined when it names none. */
function namedScenarios(args: readonly string[], flags: PlanFlags): { scenarios: Scenario[]; label: string } | undefined {
  const suiteName = flags.full ? 'full' : flags.suite;
  if (args.length === 0 && suiteName === undefined) return undefined;
  let names = [...args];
  if (suiteName !== undefined) {
    const suites = readSuites();
    const suite = suites[suiteName];
    if (!suite) throw new InputError([`unknown suite "${suiteName}" (known: ${Object.keys(suites).join(', ') || 'none'}; see scenarios/suites.yaml)`]);
    names = [...suite, ...names];
  }
  if (names.length === 0) throw new InputError(['no scenarios to run: name scenario files or bundled names, or use --suite']);
  const loaded = loadScenarios(names);
  if (!loaded.ok) throw new InputError(loaded.errors);
  return { scenarios: loaded.scenarios, label: suiteName ?? loaded.scenarios[0]?.doc.metadata.name ?? 'run' };
}

/** The plan the command line gives (defaults filled), for the scenarios given. */
function givenPlan(scenarios: readonly Scenario[], flags: PlanFlags, warn: (line: string) => void): RunPlanRecord {
  const seeds = parseSeeds(flags.seeds, warn);
  return planRecord(scenarios, {
    engines: parseListOption('--engines', flags.engines, warn) ?? [...ENGINE_NAMES],
    seeds: seeds ?? (flags.full ? [1, 2, 3, 4, 5] : null),
    detail: flags.detail ?? false,
    ...parseExplainFlag(flags.explain),
    shard: parseShardFlag(flags.shard),
    timeoutSeconds: parseTimeoutSeconds(flags.timeout) ?? null,
  });
}

/** The trials of a plan; an unknown engine or a bad engine option is bad input. */
function trialsOf(scenarios: readonly Scenario[], plan: RunPlanRecord): readonly TrialSpec[] {
  const p = planTrials(scenarios, {
    engines: plan.engines,
    ...(plan.seeds ? { seeds: plan.seeds } : {}),
    detail: plan.detail,
    explain: plan.explain,
    ...(plan.explainLevel ? { explainLevel: plan.explainLevel } : {}),
  });
  if (!p.ok) throw new InputError(p.errors);
  return p.trials;
}

/** Runs `fn` with the folder locked; releases the lock if `fn` throws. */
function whileLocked<T>(dir: string, warn: (line: string) => void, fn: (lock: FolderLock) => T): T {
  const lock = lockFolder(dir, 'schedbench run', warn);
  try {
    return fn(lock);
  } catch (err) {
    lock.release();
    throw err;
  }
}

/**
 * Sets up a new run: the plan from the command line (the default suite when nothing is named), the
 * folder checked writable, locked, and empty (or cleared of this tool's files with --force).
 */
export function setUpNewRun(
  args: readonly string[],
  flags: PlanFlags,
  argv: readonly string[],
  warn: (line: string) => void,
  runId: (label: string) => string,
): RunSetup {
  const named = namedScenarios(args, flags) ?? namedScenarios([], { ...flags, suite: 'default' });
  if (!named) throw new InputError(['no scenarios to run']);
  const plan = givenPlan(named.scenarios, flags, warn);
  const trials = trialsOf(named.scenarios, plan);
  const dir = resolve(flags.out ?? join('results', runId(named.label)));
  checkWritableFolder(dir, '--out');
  return whileLocked(dir, warn, (lock) => {
    claimForNewRun(dir, flags.force ?? false, warn);
    return { dir, lock, scenarios: named.scenarios, plan, trials, command: normalizedCommand(argv), previous: [], label: named.label };
  });
}

/**
 * Sets up `--resume DIR`: the plan recorded in DIR's meta.json, its scenario files re-read and
 * checked against their recorded SHA-256. Plan options also given on the command line must agree
 * with the recorded plan (else bad input listing each difference). A folder without a recorded
 * plan (written by an older version) needs the original scenarios and options on the command line.
 */
export function setUpResume(args: readonly string[], flags: PlanFlags, argv: readonly string[], warn: (line: string) => void): RunSetup {
  const given = flags.resume as string;
  const dir = resolve(given);
  if (flags.force) throw new InputError(['--force and --resume do not go together: --resume keeps the finished trials of DIR, --force would delete them']);
  if (flags.out !== undefined && resolve(flags.out) !== dir)
    throw new InputError([`--out ${flags.out} and --resume ${given} name different folders: a resumed run is written where it was started; leave out --out`]);
  if (!existsSync(dir)) throw new InputError([`--resume ${given}: no such folder`]);
  if (!statSync(dir).isDirectory()) throw new InputError([`--resume ${given}: is a file, not a results folder`]);
  if (!hasTrials(dir) && !existsSync(join(dir, 'meta.json')))
    throw new InputError([`--resume ${given}: not a results folder (no meta.json, trials.jsonl or trials.partial.jsonl)`]);
  checkWritableFolder(dir, '--resume');
  return whileLocked(dir, warn, (lock) => {
    const meta = existsSync(join(dir, 'meta.json')) ? readMeta(dir) : undefined;
    const named = namedScenarios(args, flags);
    const previous = hasTrials(dir) ? readTrials(dir) : [];
    if (meta?.plan) {
      const recorded = meta.plan;
      const scenarios = loadRecordedScenarios(recorded, given);
      const parts: GivenParts = {
        scenarios: named !== undefined,
        engines: flags.engines !== undefined,
        seeds: flags.seeds !== undefined || flags.full === true,
        detail: flags.detail !== undefined,
        explain: flags.explain !== undefined,
        shard: flags.shard !== undefined,
        timeoutSeconds: flags.timeout !== undefined,
      };
      const conflicts = planConflicts(recorded, givenPlan(named?.scenarios ?? scenarios, flags, warn), parts);
      if (conflicts.length > 0) {
        throw new InputError([
          `--resume ${given}: the command asks for another plan than the run in that folder (nothing was run):`,
          ...conflicts.map((c) => `  ${c}`),
          `  to continue that run: schedbench run --resume ${given}   (its plan is read from ${join(dir, 'meta.json')})`,
          `  to run the other plan: give it its own --out folder`,
        ]);
      }
      return { dir, lock, scenarios, plan: recorded, trials: trialsOf(scenarios, recorded), command: meta.command, previous, label: '' };
    }
    if (!named) {
      throw new InputError([
        `--resume ${given}: the folder records no plan (written by an older schedbench, or killed before it wrote meta.json); run again with the original scenarios and options and --resume ${given}`,
      ]);
    }
    warn(`warning: ${given} records no plan; continuing it with the scenarios and options on this command line`);
    const plan = givenPlan(named.scenarios, flags, warn);
    return {
      dir,
      lock,
      scenarios: named.scenarios,
      plan,
      trials: trialsOf(named.scenarios, plan),
      command: normalizedCommand(argv),
      previous,
      label: named.label,
    };
  });
}
