import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { ENGINE_NAMES } from '../engines/registry.js';
import { claimNameProblems } from './claim-names.js';
import { ROOT } from '../runner/project-paths.js';
import { formatScenarioError, loadScenarioFile, type Scenario, type ScenarioError, scenarioErrorAt } from '../workload/load.js';

/** The folder of the bundled scenarios (beside src/). */
export const SCENARIOS_DIR = join(ROOT, 'scenarios');

/** Scenario files and names resolved to loaded scenarios, or every error (exit code 2). */
export type ScenarioResolution = { readonly ok: true; readonly scenarios: Scenario[] } | { readonly ok: false; readonly errors: string[] };

/** The bundled scenario names (scenarios/*.yaml), sorted. */
export function bundledScenarioNames(): string[] {
  if (!existsSync(SCENARIOS_DIR)) return [];
  return readdirSync(SCENARIOS_DIR)
    .filter((f) => /\.(ya?ml|json)$/.test(f) && f !== 'suites.yaml' && f !== 'schema.json')
    .map((f) => f.replace(/\.(ya?ml|json)$/, ''))
    .sort();
}

/** Suites from scenarios/suites.yaml: name → scenario names. */
export function readSuites(): Record<string, string[]> {
  const file = join(SCENARIOS_DIR, 'suites.yaml');
  if (!existsSync(file)) return {};
  const doc = parse(readFileSync(file, 'utf8')) as Record<string, { scenarios?: string[] }> | null;
  const out: Record<string, string[]> = {};
  for (const [name, suite] of Object.entries(doc ?? {})) out[name] = suite?.scenarios ?? [];
  return out;
}

/** A path to an existing file, or a bundled scenario name (`node-failure` → scenarios/node-failure.yaml). */
export function resolveScenarioPath(arg: string): string | undefined {
  if (existsSync(arg)) return resolve(arg);
  for (const ext of ['.yaml', '.yml', '.json']) {
    const p = join(SCENARIOS_DIR, `${arg}${ext}`);
    if (existsSync(p)) return p;
  }
  return undefined;
}

/**
 * Claims naming an engine or a runs.csv column that does not exist, formatted with file, line and
 * field path. Checked here, where the engine registry and the column list are both known (the
 * scenario schema checks everything else about claims).
 */
export function claimNameErrors(scenario: Scenario): string[] {
  return claimNameProblems(scenario.doc, ENGINE_NAMES).map((p) =>
    formatScenarioError(scenarioErrorAt(scenario, [...p.path], p.message, p.suggestion !== undefined ? { suggestion: p.suggestion } : {})),
  );
}

/** Loads every argument (file or name); collects every error with file, line and field path. */
export function loadScenarios(args: readonly string[]): ScenarioResolution {
  const errors: string[] = [];
  const scenarios: Scenario[] = [];
  for (const arg of args) {
    const path = resolveScenarioPath(arg);
    if (!path) {
      errors.push(`${arg}: no such scenario file or bundled scenario (bundled: ${bundledScenarioNames().join(', ') || 'none'})`);
      continue;
    }
    const r = loadScenarioFile(path);
    if (!r.ok) {
      errors.push(...r.errors.map((e: ScenarioError) => formatScenarioError(e)));
      continue;
    }
    const claimErrors = claimNameErrors(r.scenario);
    if (claimErrors.length > 0) errors.push(...claimErrors);
    else scenarios.push(r.scenario);
  }
  const names = new Map<string, string>();
  for (const s of scenarios) {
    const other = names.get(s.doc.metadata.name);
    if (other && other !== s.file) errors.push(`${s.file}: metadata.name "${s.doc.metadata.name}" is also the name of ${other}`);
    names.set(s.doc.metadata.name, s.file);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, scenarios };
}
