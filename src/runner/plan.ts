import { type ExplainLevel } from '../engines/engine.js';
import { ENGINE_NAMES } from '../engines/registry.js';
import { lookupEngine as findEngine } from './engine-lookup.js';
import { checkEngineOptions } from './engine-options.js';
import { formatScenarioError, type Scenario, scenarioErrorAt, validateScenarioDoc } from '../workload/load.js';
import { closestMatch } from '../workload/suggest.js';
import { applySweepStep } from '../workload/sweep.js';
import { type SweepPoint, type TrialSpec } from './trial-types.js';
import { dirname } from 'node:path';

/** What to run besides the scenarios. */
export interface PlanOptions {
  /** Engines by registry name, in the order results are listed. */
  readonly engines: readonly string[];
  /** Seeds for every scenario; default: each scenario's own `spec.seeds`. */
  readonly seeds?: readonly number[];
  readonly detail?: boolean;
  readonly explain?: boolean;
  /** With `explain`: how much each explanation lists (default `top`). */
  readonly explainLevel?: ExplainLevel;
}

/** The levels of `--explain=LEVEL`: `top` (the default) and `full` (docs/explain.md). */
export const EXPLAIN_LEVELS: readonly ExplainLevel[] = ['top', 'full'];

/** The explain level a command line names, or undefined when it names none of {@link EXPLAIN_LEVELS}. */
export function parseExplainLevel(text: string): ExplainLevel | undefined {
  return EXPLAIN_LEVELS.find((l) => l === text);
}

/** A plan, or every reason it could not be made (bad input: exit code 2). */
export type PlanOutcome = { readonly ok: true; readonly trials: readonly TrialSpec[] } | { readonly ok: false; readonly errors: readonly string[] };

/**
 * The plan: scenario × sweep value × engine × seed, in that nesting order, each trial with a stable
 * id and index. Engine names and every engine's options are checked here, so a typo fails before
 * any trial runs; options are parsed here once per scenario variant and engine (engine-options.ts)
 * and travel parsed in each TrialSpec.
 */
export function planTrials(scenarios: readonly Scenario[], options: PlanOptions): PlanOutcome {
  const errors: string[] = [];
  for (const name of options.engines) if (!findEngine(name)) errors.push(`unknown engine "${name}" (known: ${ENGINE_NAMES.join(', ')})`);
  if (errors.length > 0) return { ok: false, errors };
  const trials: TrialSpec[] = [];
  for (const scenario of scenarios) {
    const variants = expandSweep(scenario, errors);
    for (const { doc, sweep } of variants) {
      for (const engine of options.engines) {
        const parsed = checkEngineOptions(scenario, engine, doc);
        if (!parsed.ok) {
          for (const e of parsed.errors) errors.push(formatScenarioError(e));
          continue;
        }
        for (const seed of options.seeds ?? doc.spec.seeds) {
          const name = doc.metadata.name;
          const variant = sweep ? `${name}@${sweep.parameter}=${String(sweep.value)}` : name;
          trials.push({
            index: trials.length,
            id: `${variant}/${engine}/seed-${seed}`,
            scenario: name,
            doc,
            scenarioDir: dirname(scenario.file),
            ...(doc.spec.extensions !== undefined && doc.spec.extensions.length > 0 ? { scenarioFile: scenario.file } : {}),
            engine,
            engineOptions: parsed.options,
            seed,
            ...(sweep ? { sweep } : {}),
            ...(options.detail ? { detail: true } : {}),
            ...(options.explain ? { explain: true } : {}),
            ...(options.explain && options.explainLevel === 'full' ? { explainLevel: 'full' as const } : {}),
          });
        }
      }
    }
  }
  for (const scenario of scenarios) {
    for (const name of Object.keys(scenario.doc.spec.engines)) {
      if (!findEngine(name)) {
        const suggestion = closestMatch(name, ENGINE_NAMES);
        const message = `no engine is registered under that name (known: ${ENGINE_NAMES.join(', ')})`;
        errors.push(formatScenarioError(scenarioErrorAt(scenario, ['spec', 'engines', name], message, { atKey: true, ...(suggestion ? { suggestion } : {}) })));
      }
    }
  }
  return errors.length > 0 ? { ok: false, errors: [...new Set(errors)] } : { ok: true, trials };
}

function expandSweep(scenario: Scenario, errors: string[]): { doc: Scenario['doc']; sweep?: SweepPoint }[] {
  const sweep = scenario.doc.spec.sweep;
  if (!sweep) return [{ doc: scenario.doc }];
  const out: { doc: Scenario['doc']; sweep?: SweepPoint }[] = [];
  for (const value of sweep.values) {
    const raw = applySweepStep(scenario.raw, sweep, value);
    const r = validateScenarioDoc(raw, scenario.file);
    if (!r.ok) {
      for (const e of r.errors) errors.push(`${scenario.file}: sweep ${sweep.parameter}=${String(value)}: ${e.path}: ${e.message}`);
      continue;
    }
    out.push({ doc: r.doc, sweep: { parameter: sweep.parameter, value } });
  }
  return out;
}

/** The deterministic slice `i` of `n` (1-based) of a plan: every n-th trial starting at i − 1. */
export function selectShard(trials: readonly TrialSpec[], i: number, n: number): TrialSpec[] {
  return trials.filter((t) => t.index % n === i - 1);
}

/** Parses `i/n` with 1 ≤ i ≤ n. */
export function parseShard(text: string): { i: number; n: number } | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return undefined;
  const i = Number(m[1]);
  const n = Number(m[2]);
  return i >= 1 && n >= 1 && i <= n ? { i, n } : undefined;
}
