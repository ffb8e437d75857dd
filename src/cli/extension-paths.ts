import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { formatScenarioError, type Scenario, scenarioErrorAt } from '../workload/load.js';
import { moduleFieldOf } from '../workload/schema-extensions.js';

/**
 * `validate`'s check of `spec.extensions`: every module path names a file, relative to the scenario
 * file. One formatted error per missing module (`file:line:column: spec.extensions[0].controller: …`).
 * Whether the module loads and has the API is known only when a trial loads it (runner/extension-loader.ts).
 */
export function missingExtensionModules(scenario: Scenario): string[] {
  const errors: string[] = [];
  scenario.doc.spec.extensions?.forEach((entry, i) => {
    const field = moduleFieldOf(entry);
    const given = entry.engine === 'kubernetes' ? entry.controller : entry.framework;
    const file = resolve(dirname(scenario.file), given);
    const problem = !existsSync(file) ? `no such file: ${file}` : !statSync(file).isFile() ? `is a directory, not a module: ${file}` : undefined;
    if (problem !== undefined) errors.push(formatScenarioError(scenarioErrorAt(scenario, ['spec', 'extensions', i, field], problem)));
  });
  return errors;
}
