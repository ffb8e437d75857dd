import { ENGINES } from '../engines/registry.js';
import { loadScenarioFile } from '../workload/load.js';
import { bundledScenarioNames, readSuites, resolveScenarioPath } from './scenario-files.js';

/** `schedbench list`: bundled scenarios with their titles, suites, and registered engines. */
export function listCommand(): number {
  const out = process.stdout;
  out.write('Scenarios (scenarios/):\n');
  for (const name of bundledScenarioNames()) {
    const r = loadScenarioFile(resolveScenarioPath(name) as string);
    out.write(`  ${name.padEnd(28)} ${r.ok ? r.scenario.doc.metadata.title : '(invalid: run schedbench validate)'}\n`);
  }
  out.write('\nSuites (scenarios/suites.yaml):\n');
  for (const [name, members] of Object.entries(readSuites())) out.write(`  ${name.padEnd(28)} ${members.join(', ')}\n`);
  out.write('\nEngines:\n');
  for (const [name, f] of Object.entries(ENGINES)) out.write(`  ${name.padEnd(28)} ${f.description}\n`);
  return 0;
}
