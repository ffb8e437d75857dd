import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingExtensionModules } from '../../src/cli/extension-paths.js';
import { scenarioFromYaml, scenarioYaml } from '../support/scenario.js';

/* `validate` checks that every module spec.extensions names exists, relative to the scenario file. */

describe('missingExtensionModules', () => {
  const dir = mkdtempSync(join(tmpdir(), 'schedbench-ext-paths-'));
  writeFileSync(join(dir, 'here.ts'), 'export default {};\n');
  const yaml = `${scenarioYaml({})}  extensions:\n    - { engine: kubernetes, controller: ./here.ts }\n    - { engine: kubernetes, controller: ./gone.ts }\n`;

  it('names the file, line, column and field of each module that does not exist', () => {
    const errors = missingExtensionModules(scenarioFromYaml(yaml, join(dir, 's.yaml')));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/s\.yaml:\d+:\d+: spec\.extensions\[1\]\.controller: no such file: .*gone\.ts$/);
  });

  it('is silent for a scenario without extensions', () => {
    expect(missingExtensionModules(scenarioFromYaml(scenarioYaml({}), join(dir, 't.yaml')))).toEqual([]);
  });
});
