import { describe, expect, it } from 'vitest';
import { loadScenarios, readSuites } from '../../src/cli/scenario-files.js';
import { ENGINE_NAMES } from '../../src/engines/registry.js';
import { claimDataFromTrials } from '../../src/report/claims/from-trials.js';
import { evaluateClaims } from '../../src/report/claims/evaluate.js';
import { formula } from '../../src/report/claims/claims-section.js';
import { planTrials } from '../../src/runner/plan.js';
import { runTrial } from '../../src/runner/trial.js';

/*
 * DESIGN.md §6a: every claim of every scenario of the default suite holds on every engine and on
 * seeds 1–3 (each claim says whether it is about every seed or the mean). The trials run in this
 * thread, as the scenario tests do; the whole suite takes a few seconds of CPU.
 */
const SEEDS = [1, 2, 3];
const loaded = loadScenarios(readSuites().default ?? []);
if (!loaded.ok) throw new Error(loaded.errors.join('\n'));

describe.each(loaded.scenarios.map((s) => [s.doc.metadata.name, s] as const))('claims of %s', (_name, scenario) => {
  const claims = scenario.doc.metadata.claims;

  it('has claims, each with a Chinese text', () => {
    expect(claims.length).toBeGreaterThan(0);
    const zh = scenario.doc.metadata.translations['zh-CN']?.claims ?? {};
    expect(claims.filter((c) => zh[c.id] === undefined).map((c) => c.id)).toEqual([]);
  });

  it('every claim holds on seeds 1–3 with every engine', () => {
    const plan = planTrials([scenario], { engines: ENGINE_NAMES, seeds: SEEDS });
    if (!plan.ok) throw new Error(plan.errors.join('\n'));
    const results = plan.trials.map((t) => runTrial(t));
    expect(results.filter((r) => r.status !== 'ok').map((r) => `${r.id}: ${r.error ?? r.status}`)).toEqual([]);
    const verdicts = evaluateClaims(claims, claimDataFromTrials(results));
    const broken = verdicts
      .filter((v) => v.verdict !== 'holds')
      .map((v) => {
        const failing = v.checks
          .filter((c) => !c.holds)
          .map((c) => `${c.engine}${c.sweepValue ? `@${c.sweepValue}` : ''} seed ${c.seed}: ${c.left} vs ${JSON.stringify(c.right)}`);
        return `${v.claim.id} (${formula(v.claim)}) ${v.verdict}: ${v.reason ?? failing.join('; ')}`;
      });
    expect(broken).toEqual([]);
  });
});
