#!/usr/bin/env node
// Entry point of the `schedbench` command. The project has no build step that could go stale: the
// CLI runs from a bundle of src/ that esbuild builds on first use and caches under
// node_modules/.cache/schedbench/, keyed by a hash of every source file (src/runner/bundle-cache.mjs).
// Loading one bundle takes a fraction of the second tsx needs to transform every module on import.
// If no bundle can be built (or SCHEDBENCH_NO_BUNDLE=1), the sources run through tsx: same results.
import { cachedBundle, projectRoot } from '../src/runner/bundle-cache.mjs';

const root = projectRoot(import.meta.url);
const entry = new URL('../src/cli/main.ts', import.meta.url).pathname;
const bundle = process.env.SCHEDBENCH_NO_BUNDLE === '1' ? undefined : await cachedBundle(root, entry);
let main;
if (bundle) {
  process.setSourceMapsEnabled(true); // before the import: maps are read as a module loads
  ({ main } = await import(bundle));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv);
