import { describe, expect, it } from 'vitest';
import { loadScenarios } from '../../src/cli/scenario-files.js';
import { ENGINE_NAMES } from '../../src/engines/registry.js';
import { claimDataFromTrials } from '../../src/report/claims/from-trials.js';
import { evaluateClaims } from '../../src/report/claims/evaluate.js';
import { planTrials } from '../../src/runner/plan.js';
import { runTrials } from '../../src/runner/pool.js';

/*
 * extensions (full suite): the worked examples of docs/extending.md run from their files
 * (examples/extensions/) through the runner's loader, and every claim of the lesson holds on seeds
 * 1–3 with every engine. The default-suite claims test runs trials without loading modules, so this
 * scenario has its own test.
 */
describe('the extensions scenario', () => {
  it('every claim holds on seeds 1–3 with every engine', async () => {
    const loaded = loadScenarios(['extensions']);
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    const scenario = loaded.scenarios[0];
    if (scenario === undefined) throw new Error('no extensions scenario');
    const plan = planTrials([scenario], { engines: ENGINE_NAMES, seeds: [1, 2, 3] });
    if (!plan.ok) throw new Error(plan.errors.join('\n'));
    const results = await runTrials(plan.trials, { workers: 0 });
    expect(results.filter((r) => r.status !== 'ok').map((r) => `${r.id}: ${r.error ?? r.status}`)).toEqual([]);
    const verdicts = evaluateClaims(scenario.doc.metadata.claims, claimDataFromTrials(results));
    expect(verdicts.filter((v) => v.verdict !== 'holds').map((v) => `${v.claim.id}: ${v.reason ?? v.verdict}`)).toEqual([]);
    expect(verdicts).toHaveLength(6);
  });
});
