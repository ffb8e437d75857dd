import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cachedBundle, projectRoot } from '../../src/runner/bundle-cache.mjs';
import { ROOT, SRC } from '../../src/runner/project-paths.js';

describe('projectRoot', () => {
  it('finds the folder of schedbench’s package.json from src/ and from the bundle cache alike', () => {
    expect(projectRoot(pathToFileURL(join(SRC, 'runner', 'trial.ts')).href)).toBe(ROOT);
    expect(projectRoot(pathToFileURL(join(ROOT, 'node_modules', '.cache', 'schedbench', 'x.mjs')).href)).toBe(ROOT);
  });

  it('fails with the path when there is no schedbench package above', () => {
    expect(() => projectRoot('file:///tmp/nowhere/x.mjs')).toThrow(/no package.json of schedbench above \/tmp\/nowhere\/x.mjs/);
  });
});

describe('cachedBundle', () => {
  it('builds a loadable bundle once and returns the same file for unchanged sources', async () => {
    const entry = join(SRC, 'runner', 'worker.ts');
    const first = await cachedBundle(ROOT, entry);
    expect(first).toMatch(/node_modules\/\.cache\/schedbench\/worker-[0-9a-f]{16}\.mjs$/);
    expect(await cachedBundle(ROOT, entry)).toBe(first);
    const mod = (await import(first as string)) as { default: unknown };
    expect(typeof mod.default).toBe('function');
  });

  it('keeps each source’s own import.meta.url, so a worker module names itself from a bundle too', async () => {
    const entry = join(SRC, 'report', 'rendering-worker.ts');
    const bundle = await cachedBundle(ROOT, entry);
    expect(bundle).toMatch(/rendering-worker-[0-9a-f]{16}\.mjs$/);
    const mod = (await import(bundle as string)) as { RENDERING_WORKER: { module: string }; default: unknown };
    expect(mod.RENDERING_WORKER.module).toBe(entry);
    expect(typeof mod.default).toBe('function');
  });

  it('returns undefined (the caller falls back to tsx) when the entry cannot be bundled', async () => {
    expect(await cachedBundle(ROOT, join(SRC, 'no-such-entry.ts'))).toBeUndefined();
  });
});
