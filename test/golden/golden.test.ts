import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { changedFiles, digestFolder, readGolden, runsCsvDiff } from '../../scripts/golden/golden-digests.js';
import { GOLDEN_SETS } from '../../scripts/golden/golden-sets.js';
import { runGoldenSet } from '../../scripts/golden/run-golden-set.js';

const goldenRoot = fileURLToPath(new URL('./', import.meta.url));

describe('golden results', () => {
  for (const set of GOLDEN_SETS) {
    it(`${set.name}: every results file but perf.csv and meta.json is byte-identical to test/golden/${set.name}/ (re-baseline: npm run golden -- --update)`, () => {
      const golden = readGolden(join(goldenRoot, set.name));
      expect(golden, `no golden recorded for ${set.name}: npm run golden -- --update`).toBeDefined();
      const out = runGoldenSet(set);
      try {
        const changed = changedFiles(golden?.digests ?? {}, digestFolder(out));
        const cells = changed.length > 0 ? runsCsvDiff(golden?.runsCsv ?? '', readFileSync(join(out, 'runs.csv'), 'utf8')) : [];
        expect({ changed, cells }).toEqual({ changed: [], cells: [] });
      } finally {
        rmSync(dirname(out), { recursive: true, force: true });
      }
    }, 180_000);
  }
});
