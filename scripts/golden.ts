// `npm run golden`: runs every golden set (scripts/golden/golden-sets.ts) and compares its results
// files with the digests kept in test/golden/<set>/, printing the runs.csv cells that moved.
// `npm run golden -- --update` records the new results as the golden (commit them with a note on
// how the headline numbers moved). `-- --set=default` picks one set. Exit 1 when anything differs.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { changedFiles, digestFolder, readGolden, runsCsvDiff } from './golden/golden-digests.js';
import { GOLDEN_SETS } from './golden/golden-sets.js';
import { runGoldenSet } from './golden/run-golden-set.js';

const goldenRoot = fileURLToPath(new URL('../test/golden/', import.meta.url));
const update = process.argv.includes('--update');
const only = process.argv.find((a) => a.startsWith('--set='))?.slice('--set='.length);
const sets = GOLDEN_SETS.filter((s) => only === undefined || s.name === only);
if (sets.length === 0) {
  console.error(`no golden set named ${only}; sets: ${GOLDEN_SETS.map((s) => s.name).join(', ')}`);
  process.exit(2);
}

let differ = false;
for (const set of sets) {
  const out = runGoldenSet(set);
  const now = digestFolder(out);
  const dir = join(goldenRoot, set.name);
  const golden = readGolden(dir);
  const changed = golden ? changedFiles(golden.digests, now) : Object.keys(now);
  if (update) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'digests.json'), `${JSON.stringify(now, null, 2)}\n`);
    copyFileSync(join(out, 'runs.csv'), join(dir, 'runs.csv'));
    console.log(`${set.name}: recorded (${changed.length === 0 ? 'unchanged' : `changed: ${changed.join(', ')}`})`);
  } else if (changed.length === 0) {
    console.log(`${set.name}: identical to the golden (${Object.keys(now).length} files)`);
  } else {
    differ = true;
    console.log(`${set.name}: differs from the golden in ${changed.join(', ')}`);
    for (const line of runsCsvDiff(golden?.runsCsv ?? '', readFileSync(join(out, 'runs.csv'), 'utf8'))) console.log(`  ${line}`);
  }
  rmSync(dirname(out), { recursive: true, force: true });
}
if (differ) console.log('\nIf the change is meant to move results: npm run golden -- --update, and say how in the commit.');
process.exit(differ ? 1 : 0);
