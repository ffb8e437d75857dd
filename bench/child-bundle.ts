/**
 * How `npm run bench:scale` starts its children: from one esbuild bundle of bench/scale.ts with every
 * project module inlined (packages external), as bin/schedbench.js runs the CLI, instead of through
 * tsx, which transforms each module as it is imported. On the Omega paper's models that start-up was
 * about a second of CPU of a run of five, charged to the model by the CPU figure. The bundle is kept
 * under node_modules/.cache/schedbench/, named by a hash of every file under bench/ and src/, so an
 * edit is never run stale. When esbuild cannot build it the children run through tsx: same results.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? files(p) : /\.(ts|mts|mjs)$/.test(p) ? [p] : [];
    });
}

/** The node arguments that run `script` (bench/scale.ts): its cached bundle, or `--import tsx script`. */
export async function childArgs(root: string, script: string): Promise<string[]> {
  try {
    const hash = createHash('sha256');
    for (const file of [...files(join(root, 'bench')), ...files(join(root, 'src'))]) hash.update(relative(root, file)).update(readFileSync(file));
    const dir = join(root, 'node_modules', '.cache', 'schedbench');
    const out = join(dir, `bench-scale-${hash.digest('hex').slice(0, 16)}.mjs`);
    if (!existsSync(out)) {
      const { build } = await import('esbuild');
      const result = await build({
        entryPoints: [script],
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        packages: 'external',
        write: false,
        logLevel: 'silent',
      });
      const code = result.outputFiles[0]?.contents;
      if (!code) throw new Error('esbuild produced no bundle');
      mkdirSync(dir, { recursive: true });
      const tmp = `${out}.${process.pid}.tmp`;
      writeFileSync(tmp, code);
      renameSync(tmp, out);
      // Earlier bundles of this script (this one's own cache files) are dropped.
      for (const name of readdirSync(dir))
        if (name.startsWith('bench-scale-') && name.endsWith('.mjs') && join(dir, name) !== out) rmSync(join(dir, name), { force: true });
    }
    return [out];
  } catch {
    return ['--import', 'tsx', script];
  }
}
