import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENGINE_FOLDER, importViolation, LAYERS, layerOf, ruleOf, SRC } from '../../eslint/layers.js';

/**
 * DESIGN.md §2's dependency rule over the whole of src/, from the same table and the same check the
 * linter uses (eslint/layers.js): each file's imports must land in a layer its own layer may import.
 * This test reads the files itself (a regular expression, no parser), so it also catches an import the
 * lint configuration would not reach (a file type eslint skips).
 */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.m?ts$/.test(p) && !p.endsWith('.d.mts') ? [p] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

describe('dependency rule (DESIGN.md §2)', () => {
  const violations: string[] = [];
  let checked = 0;
  for (const file of files(SRC)) {
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? '';
      if (spec.startsWith('.')) checked++;
      const why = importViolation(file, spec);
      if (why !== undefined) violations.push(`${relative(SRC, file)}: ${why}`);
    }
  }

  it('every import goes to a layer its layer may import', () => {
    expect(checked).toBeGreaterThan(200);
    expect(violations).toEqual([]);
  });

  it('every folder of src/ and of src/engines/ has a row in the table', () => {
    const top = readdirSync(SRC).filter((n) => statSync(join(SRC, n)).isDirectory());
    for (const folder of top.filter((n) => n !== 'engines')) expect(LAYERS[ruleOf(layerOf(`${folder}/x.ts`))], folder).toBeDefined();
    const engines = readdirSync(join(SRC, 'engines')).filter((n) => statSync(join(SRC, 'engines', n)).isDirectory());
    expect(engines).toContain('kit');
    for (const folder of engines) expect(ruleOf(layerOf(`engines/${folder}/x.ts`))).toBe(folder === 'kit' ? 'engines/kit' : ENGINE_FOLDER);
  });

  it('an engine folder added later is isolated with no edit to the table', () => {
    const inNew = join(SRC, 'engines', 'borg', 'borg-engine.ts');
    expect(importViolation(inNew, '../mesos/index.js')).toMatch(/engines\/borg may not import engines\/mesos/);
    expect(importViolation(join(SRC, 'engines', 'mesos', 'x.ts'), '../borg/borg-engine.js')).toMatch(/may not import engines\/borg/);
    expect(importViolation(inNew, '../../workload/load.js')).toMatch(/may not import workload/);
    expect(importViolation(inNew, 'node:fs')).toMatch(/node built-ins/);
    for (const ok of ['../engine.js', '../kit/index.js', '../../sim/rng.js', '../../cluster/node.js', '../../metrics/events.js'])
      expect(importViolation(inNew, ok), ok).toBeUndefined();
    expect(importViolation(inNew, '../../metrics/observer.js')).toMatch(/may not import metrics/);
    expect(importViolation(join(SRC, 'engines', 'registry.ts'), './borg/index.js')).toBeUndefined();
  });

  it('the kit imports no engine folder', () => {
    expect(importViolation(join(SRC, 'engines', 'kit', 'x.ts'), '../oracle/fit-index.js')).toMatch(/engines\/kit may not import engines\/oracle/);
  });
});
