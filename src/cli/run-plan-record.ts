import { existsSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { type RunPlanRecord } from '../report/results-folder.js';
import { ROOT } from '../runner/project-paths.js';
import { type Scenario } from '../workload/load.js';
import { InputError } from './exit-codes.js';
import { loadScenarios } from './scenario-files.js';

/** A scenario file as results record it: relative to the project when inside it (bundled), else absolute. */
export function recordedPath(file: string): string {
  const rel = relative(ROOT, file);
  return rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}

/** The plan record of a run (meta.json `plan`), from its loaded scenarios and options. */
export function planRecord(scenarios: readonly Scenario[], p: Omit<RunPlanRecord, 'scenarios'>): RunPlanRecord {
  return {
    scenarios: scenarios.map((s) => ({ name: s.doc.metadata.name, file: recordedPath(s.file), sha256: s.hash })),
    engines: p.engines,
    seeds: p.seeds,
    detail: p.detail,
    explain: p.explain,
    ...(p.explain && p.explainLevel === 'full' ? { explainLevel: 'full' as const } : {}),
    shard: p.shard,
    timeoutSeconds: p.timeoutSeconds,
  };
}

/**
 * Loads the scenarios a recorded plan ran, from their files, and checks each still has the
 * recorded SHA-256: a file that is gone or changed is bad input naming it (results of the old and
 * the new text must never be mixed in one folder).
 */
export function loadRecordedScenarios(plan: RunPlanRecord, dir: string): Scenario[] {
  const errors: string[] = [];
  const paths = plan.scenarios.map((s) => (isAbsolute(s.file) ? s.file : join(ROOT, s.file)));
  paths.forEach((p, i) => {
    if (!existsSync(p))
      errors.push(`--resume ${dir}: scenario ${plan.scenarios[i]?.name} was read from ${p}, which no longer exists; restore it, or start a new run`);
  });
  if (errors.length) throw new InputError(errors);
  const loaded = loadScenarios(paths);
  if (!loaded.ok) throw new InputError([`--resume ${dir}: a scenario file of the run no longer loads:`, ...loaded.errors]);
  loaded.scenarios.forEach((s, i) => {
    const recorded = plan.scenarios[i];
    if (recorded && s.hash !== recorded.sha256) {
      errors.push(
        `--resume ${dir}: scenario file ${s.file} changed since the run (SHA-256 ${recorded.sha256.slice(0, 12)}… then, ${s.hash.slice(0, 12)}… now); restore it, or start a new run in another folder`,
      );
    }
  });
  if (errors.length) throw new InputError(errors);
  return loaded.scenarios;
}

/** Which parts of a plan the command line named (the rest is taken from the recorded plan). */
export interface GivenParts {
  readonly scenarios: boolean;
  readonly engines: boolean;
  readonly seeds: boolean;
  readonly detail: boolean;
  readonly explain: boolean;
  readonly shard: boolean;
  readonly timeoutSeconds: boolean;
}

/** What a plan explains: `off`, or the level. */
const explainSetting = (p: RunPlanRecord): 'off' | 'top' | 'full' => (p.explain ? (p.explainLevel ?? 'top') : 'off');

const show = (v: unknown, none = 'default'): string =>
  v === null ? none : Array.isArray(v) ? v.join(',') : typeof v === 'object' ? `${(v as { i: number }).i}/${(v as { n: number }).n}` : String(v);

/**
 * The differences between the plan recorded in a folder and the parts of a plan given on the
 * command line with `--resume`, one line each; empty when they agree.
 */
export function planConflicts(recorded: RunPlanRecord, given: RunPlanRecord, parts: GivenParts): string[] {
  const out: string[] = [];
  if (parts.scenarios) {
    const names = (p: RunPlanRecord): string => p.scenarios.map((s) => `${s.name} (${s.file}, SHA-256 ${s.sha256.slice(0, 12)}…)`).join(', ');
    const key = (p: RunPlanRecord): string => JSON.stringify(p.scenarios.map((s) => [s.name, s.sha256]));
    if (key(recorded) !== key(given)) out.push(`scenarios: the run has ${names(recorded)}; the command names ${names(given)}`);
  }
  for (const field of ['engines', 'seeds', 'detail', 'explain', 'shard', 'timeoutSeconds'] as const) {
    if (!parts[field]) continue;
    const none = field === 'shard' ? 'none' : 'default';
    const [was, now] = field === 'explain' ? [explainSetting(recorded), explainSetting(given)] : [recorded[field], given[field]];
    if (JSON.stringify(was) !== JSON.stringify(now)) out.push(`${field}: the run has ${show(was, none)}; the command gives ${show(now, none)}`);
  }
  return out;
}
