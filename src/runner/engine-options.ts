import { lookupEngine } from './engine-lookup.js';
import { formatScenarioErrors, type Scenario, type ScenarioError, scenarioErrorAt } from '../workload/load.js';
import { type ScenarioDoc } from '../workload/schema.js';
import { inInventory, scenarioResourceNames } from '../workload/resource-inventory.js';
import { closestMatch } from '../workload/suggest.js';

/** An engine's options for one scenario variant: parsed with every default, or the errors found. */
export type EngineOptionsCheck = { readonly ok: true; readonly options: unknown } | { readonly ok: false; readonly errors: readonly ScenarioError[] };

/**
 * Parses `doc.spec.engines.<engine>` with the engine's own schema (engines/kit/options-parse.ts maps
 * zod's findings to `{ path, message }`) and places each finding at the scenario file and field path
 * (its line when the file was parsed in this process), with "did you mean" for a misspelt option.
 * This is the only place options are parsed: the plan calls it once per scenario variant and engine
 * and the trial gets the parsed options in its TrialSpec (plain data: zod output of plain objects).
 * `doc` is the variant's document (a sweep value applied), `scenario` the file it came from.
 */
export function checkEngineOptions(scenario: Scenario, engine: string, doc: ScenarioDoc = scenario.doc): EngineOptionsCheck {
  const factory = lookupEngine(engine);
  if (!factory) return { ok: false, errors: [scenarioErrorAt(scenario, ['spec', 'engines', engine], `no engine is registered under the name "${engine}"`)] };
  const parsed = factory.parseOptions(doc.spec.engines[engine] ?? {});
  if (!parsed.ok) return { ok: false, errors: parsed.issues.map((i) => optionError(scenario, engine, i)) };
  const unknown = unknownResources(scenario, engine, doc, factory.referencedResources?.(parsed.options) ?? []);
  return unknown.length > 0 ? { ok: false, errors: unknown } : { ok: true, options: parsed.options };
}

/**
 * The resource names the engine's options refer to that no node and no pod of the scenario can
 * have (a scoring resource spelt `gpus`, or one the cluster lacks): each is an error at its field,
 * with the closest name the scenario does have.
 */
function unknownResources(
  scenario: Scenario,
  engine: string,
  doc: ScenarioDoc,
  referenced: readonly { readonly path: readonly (string | number)[]; readonly name: string }[],
): ScenarioError[] {
  if (referenced.length === 0) return [];
  const inventory = scenarioResourceNames(doc);
  return referenced
    .filter((r) => !inInventory(r.name, inventory))
    .map((r) => {
      const suggestion = closestMatch(r.name, inventory);
      return scenarioErrorAt(
        scenario,
        ['spec', 'engines', engine, ...r.path],
        `no node and no pod of this scenario has resource "${r.name}" (it has ${inventory.join(', ')})`,
        suggestion !== undefined ? { suggestion } : {},
      );
    });
}

/**
 * The parsed options for a trial spec made outside a plan (tests, benchmarks): throws the formatted
 * errors of {@link checkEngineOptions} when they are invalid. `file` names the scenario in them.
 */
export function engineOptionsOrThrow(doc: ScenarioDoc, engine: string, file: string): unknown {
  const checked = checkEngineOptions({ doc, raw: undefined, file, hash: '' }, engine);
  if (!checked.ok) throw new Error(`invalid options for engine ${engine}:\n${formatScenarioErrors(checked.errors)}`);
  return checked.options;
}

/**
 * An engine-option error placed at its line, with "did you mean" for a misspelt option name: the
 * names an engine accepts are the keys of its fully defaulted options.
 */
function optionError(scenario: Scenario, engine: string, issue: { readonly path: readonly (string | number)[]; readonly message: string }): ScenarioError {
  const unknown = /^Unrecognized keys?: "([^"]+)"/.exec(issue.message)?.[1];
  if (unknown === undefined) return scenarioErrorAt(scenario, ['spec', 'engines', engine, ...issue.path], issue.message);
  const defaults = lookupEngine(engine)?.parseOptions({});
  const known = issue.path.length === 0 && defaults?.ok ? Object.keys(defaults.options as object) : [];
  const suggestion = closestMatch(unknown, known);
  return scenarioErrorAt(scenario, ['spec', 'engines', engine, ...issue.path, unknown], `unknown option of engine ${engine}`, {
    atKey: true,
    ...(suggestion ? { suggestion } : {}),
  });
}
