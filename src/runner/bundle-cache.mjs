// Cached esbuild bundles of the project's TypeScript entry points. Plain JavaScript so that
// bin/schedbench.js can use it before any TypeScript loader is registered; worker-bundle.ts uses it
// too. Types: bundle-cache.d.mts.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The project's root folder: the nearest folder above `fromUrl` whose package.json is schedbench's.
 * Works from src/ and from a bundle in node_modules/.cache/schedbench/ alike.
 */
export function projectRoot(fromUrl) {
  let dir = dirname(fileURLToPath(fromUrl));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'schedbench') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`schedbench: no package.json of schedbench above ${fileURLToPath(fromUrl)}`);
    dir = up;
  }
}

function sources(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') || p.endsWith('.mjs') ? [p] : [];
    });
}

const hashes = new Map();

/**
 * An esbuild plugin that keeps, in a bundle, each source file's own `import.meta.url`: every
 * `import.meta.url` in a .ts file under `src` becomes that file's URL. A module can then name itself
 * (a worker module gives the pool `fileURLToPath(import.meta.url)`) or a neighbour, and mean the same
 * file whether it runs through tsx or inlined in a bundle under node_modules/.cache/schedbench/.
 */
function sourceUrls(src) {
  return {
    name: 'schedbench-source-urls',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        if (!args.path.startsWith(src + sep)) return undefined;
        const text = readFileSync(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts' };
      });
    },
  };
}

/** A hash of every source file under root/src (names and contents): any edit gives a new bundle. */
function sourceHash(root) {
  let h = hashes.get(root);
  if (h === undefined) {
    const src = join(root, 'src');
    const hash = createHash('sha256');
    for (const file of sources(src)) hash.update(relative(src, file)).update(readFileSync(file));
    h = hash.digest('hex').slice(0, 16);
    hashes.set(root, h);
  }
  return h;
}

/**
 * The file URL of a bundle of `entry` (a .ts file under root/src) with every import of the project
 * inlined and packages left external, built on first use and cached under
 * node_modules/.cache/schedbench/ keyed by a hash of all sources, so an edited source is never run
 * stale. Each source keeps its own `import.meta.url` (see sourceUrls). Older bundles of the same entry are removed. Returns undefined when esbuild cannot build it
 * (the caller falls back to tsx: slower to start, same results).
 */
export async function cachedBundle(root, entry) {
  try {
    const dir = join(root, 'node_modules', '.cache', 'schedbench');
    const prefix = `${basename(entry, '.ts')}-`;
    const out = join(dir, `${prefix}${createHash('sha256').update(relative(root, entry)).update(sourceHash(root)).digest('hex').slice(0, 16)}.mjs`);
    if (!existsSync(out)) {
      const { build } = await import('esbuild');
      // With an inline source map (lines and names, no source text), and source maps switched on
      // before a thread loads the bundle, stack traces of errors point at src/, not at the bundle.
      const result = await build({
        entryPoints: [entry],
        outfile: out,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        packages: 'external',
        sourcemap: 'inline',
        sourcesContent: false,
        write: false,
        logLevel: 'silent',
        plugins: [sourceUrls(join(root, 'src'))],
      });
      const code = result.outputFiles[0]?.contents;
      if (!code) return undefined;
      mkdirSync(dir, { recursive: true });
      // Written to a temporary name first: two runs starting at once never load half a file.
      const tmp = `${out}.${process.pid}.tmp`;
      writeFileSync(tmp, code);
      renameSync(tmp, out);
      for (const name of readdirSync(dir))
        if (name.startsWith(prefix) && name.endsWith('.mjs') && join(dir, name) !== out) rmSync(join(dir, name), { force: true });
    }
    return pathToFileURL(out).href;
  } catch {
    return undefined;
  }
}
