import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = join(SRC, '..');

function sources(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
    });
}

/**
 * The module worker threads load. Starting a thread through tsx costs about a second (the loader,
 * then every module transformed on import); a single JavaScript bundle of the worker loads in a
 * fraction of that. The bundle is built with esbuild on first use and cached under
 * node_modules/.cache/schedbench/, keyed by a hash of every source file, so an edited source is never
 * run stale. Dependencies stay external (resolved from node_modules as usual). If bundling fails,
 * the tsx bootstrap is used: slower to start, same results.
 */
export async function workerModule(): Promise<string> {
  const fallback = new URL('./worker-bootstrap.mjs', import.meta.url).href;
  if (process.env.SCHEDBENCH_NO_WORKER_BUNDLE === '1') return fallback;
  try {
    const hash = createHash('sha256');
    for (const file of sources(SRC)) hash.update(file.slice(SRC.length)).update(readFileSync(file));
    const dir = join(ROOT, 'node_modules', '.cache', 'schedbench');
    const out = join(dir, `worker-${hash.digest('hex').slice(0, 16)}.mjs`);
    if (!existsSync(out)) {
      const { build } = await import('esbuild');
      const result = await build({
        entryPoints: [join(SRC, 'runner', 'worker.ts')],
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        packages: 'external',
        write: false,
        logLevel: 'silent',
      });
      const code = result.outputFiles[0]?.contents;
      if (!code) return fallback;
      mkdirSync(dir, { recursive: true });
      // Written to a temporary name first: two runs starting at once never load half a file.
      const tmp = `${out}.${process.pid}.tmp`;
      writeFileSync(tmp, code);
      renameSync(tmp, out);
    }
    return new URL(`file://${out}`).href;
  } catch {
    return fallback;
  }
}
