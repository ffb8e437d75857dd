import { dirname } from 'node:path';
import { formatScenarioError, loadScenarioFile } from '../workload/load.js';
import { RateFileError, resolveTraffic } from '../workload/rate-file.js';
import { planTrials } from '../runner/plan.js';
import { ENGINE_NAMES } from '../engines/registry.js';
import { EXIT } from './exit-codes.js';
import { claimNameErrors, resolveScenarioPath } from './scenario-files.js';
import { missingExtensionModules } from './extension-paths.js';

/**
 * `schedbench validate FILE...`: checks each scenario file (schema, cross-references, every engine's
 * options, the names its claims use, the extension modules it names exist) and prints every error as `file:line:column: path: message (did you mean …)`.
 */
export function validateCommand(files: readonly string[]): number {
  let bad = 0;
  for (const arg of files) {
    const path = resolveScenarioPath(arg);
    if (path && /(^|\/)scenarios\/(suites\.yaml|schema\.json)$/.test(path)) {
      process.stdout.write(`${arg}: skipped (not a scenario: the suite list or the JSON Schema)\n`);
      continue;
    }
    if (!path) {
      process.stderr.write(`${arg}: no such file\n`);
      bad++;
      continue;
    }
    const r = loadScenarioFile(path);
    if (!r.ok) {
      for (const e of r.errors) process.stderr.write(`${formatScenarioError(e)}\n`);
      bad++;
      continue;
    }
    const plan = planTrials([r.scenario], { engines: [...ENGINE_NAMES] });
    const claimErrors = [...claimNameErrors(r.scenario), ...missingExtensionModules(r.scenario), ...rateFileErrors(r.scenario.doc, path)];
    if (!plan.ok || claimErrors.length > 0) {
      for (const e of [...(plan.ok ? [] : plan.errors), ...claimErrors]) process.stderr.write(`${e}\n`);
      bad++;
      continue;
    }
    process.stdout.write(`${arg}: ok (${plan.trials.length} trial(s) with every engine)\n`);
  }
  return bad > 0 ? EXIT.badInput : EXIT.ok;
}

/** Request-rate CSV files a scenario names that cannot be read (file and line, or the field naming the file). */
function rateFileErrors(doc: Parameters<typeof resolveTraffic>[0], path: string): string[] {
  try {
    resolveTraffic(doc, dirname(path));
    return [];
  } catch (err) {
    if (err instanceof RateFileError) return [`${path}: ${err.message}`];
    throw err;
  }
}
