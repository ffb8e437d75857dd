import { readFileSync } from 'node:fs';
import { ESLint } from 'eslint';
import { describe, expect, it, vi } from 'vitest';
import type * as Registry from '../../src/engines/registry.js';
import { ENGINE_NAMES, findEngine } from '../../src/engines/registry.js';
import { describeEngineContract } from './contract.js';

/**
 * A new engine is one folder and one registry line (DESIGN.md §2, §4): the test-only engine in
 * test/fixtures/engines/minimal/ is registered here by one line, keeps the lint rules as if it were
 * src/engines/minimal/, and passes the shared contract suite.
 */
vi.mock('../../src/engines/registry.js', async (importOriginal) => {
  const real = await importOriginal<typeof Registry>();
  const { minimalEngine } = await import('../fixtures/engines/minimal/index.js');
  const ENGINES = { ...real.ENGINES, minimal: minimalEngine }; // the registry line
  return {
    ...real,
    ENGINES,
    ENGINE_NAMES: Object.keys(ENGINES),
    findEngine: (name: string, allowFaulty = false) => (name === 'minimal' ? minimalEngine : real.findEngine(name, allowFaulty)),
  };
});

const FIXTURE = new URL('../fixtures/engines/minimal/', import.meta.url);

describe('a new engine folder', () => {
  it('is in the registry after one line', () => {
    expect(ENGINE_NAMES).toContain('minimal');
    expect(findEngine('minimal')?.name).toBe('minimal');
  });

  it.each(['minimal-engine.ts', 'index.ts'])('keeps the lint rules of an engine folder as src/engines/minimal/%s', async (file) => {
    // The fixture's imports climb out of test/fixtures/engines/minimal/; from src/engines/minimal/ they climb two levels.
    const code = readFileSync(new URL(file, FIXTURE), 'utf8').replaceAll("'../../../../src/", "'../../");
    const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });
    const [result] = await eslint.lintText(code, { filePath: `src/engines/minimal/${file}` });
    expect(result?.messages.map((m) => `${m.line}: ${m.ruleId}: ${m.message}`)).toEqual([]);
  });
});

// Like the oracle, the minimal engine decides at the instant of submission: its bound is 0.
describeEngineContract('minimal', { inThreads: false, tightBound: () => 0 });
