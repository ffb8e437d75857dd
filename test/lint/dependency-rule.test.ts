import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * DESIGN.md §2's dependency rule, checked on resolved paths (so it holds for every engine folder,
 * including ones added later): each src file's relative imports must land in a layer its own
 * layer may import.
 */
const SRC = resolve(new URL('../../src', import.meta.url).pathname);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** The layer of a src-relative path: `sim`, `engines/contract`, `engines/registry`, `engines/<folder>`, … */
function layerOf(rel: string): string {
  const parts = rel.split('/');
  if (parts[0] === 'engines') {
    if (parts[1] === 'engine.ts') return 'engines/contract';
    if (parts[1] === 'registry.ts') return 'engines/registry';
    return `engines/${parts[1]}`;
  }
  if (rel === 'workload/intents.ts') return 'workload/intents';
  return parts[0] as string;
}

/** What each layer may import (besides itself). `engine-folder` stands for any engine folder. */
const ALLOWED: Record<string, readonly string[]> = {
  sim: [],
  cluster: ['sim'],
  'workload/intents': ['sim', 'cluster'],
  metrics: ['sim', 'cluster', 'workload/intents'],
  workload: ['sim', 'cluster', 'workload/intents'],
  'engines/contract': ['sim', 'cluster', 'metrics', 'workload/intents'],
  'engine-folder': ['engines/contract', 'sim', 'cluster', 'metrics', 'workload/intents'],
  'engines/registry': ['engines/contract', 'engine-folder'],
  runner: ['sim', 'cluster', 'metrics', 'workload', 'workload/intents', 'engines/contract', 'engines/registry'],
  report: ['metrics', 'runner', 'workload/intents', 'sim', 'cluster'],
  cli: ['runner', 'report', 'workload', 'workload/intents', 'engines/registry', 'sim', 'cluster', 'metrics'],
};

function allowed(from: string, to: string): boolean {
  if (from === to) return true;
  const isEngineFolder = (l: string): boolean => l.startsWith('engines/') && !['engines/contract', 'engines/registry'].includes(l);
  const rules = ALLOWED[isEngineFolder(from) ? 'engine-folder' : from] ?? [];
  return rules.some((r) => r === to || (r === 'engine-folder' && isEngineFolder(to)));
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

describe('dependency rule (DESIGN.md §2)', () => {
  const violations: string[] = [];
  let checked = 0;
  for (const file of files(SRC)) {
    const rel = relative(SRC, file);
    const from = layerOf(rel);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? '';
      if (spec.startsWith('node:')) {
        const nodeOk = ['runner', 'report', 'cli', 'workload'].includes(from);
        if (!nodeOk) violations.push(`${rel}: imports ${spec} (node built-ins only in workload, runner, report, cli)`);
        continue;
      }
      if (!spec.startsWith('.')) continue;
      checked++;
      const target = relative(SRC, resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      const to = layerOf(target);
      if (!allowed(from, to)) violations.push(`${rel}: imports ${spec} (${from} → ${to})`);
    }
  }

  it('every relative import goes to a layer its layer may import', () => {
    expect(checked).toBeGreaterThan(200);
    expect(violations).toEqual([]);
  });
});
