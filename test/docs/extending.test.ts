import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/*
 * docs/extending.md stays true to the code: every file it links or names exists, and every member of
 * `api.` (controllers) and `driver.` (frameworks) it mentions is declared in the API it documents.
 */
const DOC = readFileSync('docs/extending.md', 'utf8');
const CONTROLLER_API = readFileSync('src/engines/kubernetes/extension/controller-api.ts', 'utf8');
const FRAMEWORK_API = readFileSync('src/engines/mesos/extension/framework-api.ts', 'utf8');

describe('docs/extending.md', () => {
  it('names only files that exist', () => {
    const paths = new Set([...DOC.matchAll(/\b((?:src|examples|scenarios)\/[\w./-]+\.(?:ts|yaml))\b/g)].map((m) => m[1] as string));
    expect(paths.size).toBeGreaterThan(3);
    expect([...paths].filter((p) => !existsSync(p))).toEqual([]);
  });

  it.each([
    ['api', CONTROLLER_API],
    ['driver', FRAMEWORK_API],
  ])('documents only members of %s that the API declares', (prefix, source) => {
    const members = new Set([...DOC.matchAll(new RegExp(`(?<![\\w/-])${prefix}\\.(\\w+)`, 'g'))].map((m) => m[1] as string));
    expect(members.size).toBeGreaterThan(5);
    expect([...members].filter((m) => !new RegExp(`\\b${m}\\b[?]?[(:<]`).test(source))).toEqual([]);
  });

  it('is linked from the README', () => {
    expect(readFileSync('README.md', 'utf8')).toContain('(docs/extending.md)');
  });
});
