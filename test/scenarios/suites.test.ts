import { describe, expect, it } from 'vitest';
import { bundledScenarioNames, loadScenarios, readSuites } from '../../src/cli/scenario-files.js';
import { ENGINE_NAMES } from '../../src/engines/registry.js';
import { planTrials } from '../../src/runner/plan.js';

/** The course scenarios of issues 5 and 16 (trace scenarios belong to the full suite only). */
const COURSE = [
  'steady-batch',
  'multi-tenant-sharing',
  'drf-paper-example',
  'node-failure',
  'node-failure-tuned',
  'scale-out-in',
  'rolling-update',
  'picky-constraints',
  'decision-time-sweep',
  'sync-request',
  'short-task-churn',
  'zone-partition',
  'priority-bands',
  'service-dependencies',
  'config-change',
  'one-off-operations',
];

describe('bundled scenarios and suites', () => {
  const suites = readSuites();
  const loaded = loadScenarios(COURSE);

  it('bundles every course scenario', () => {
    expect(bundledScenarioNames()).toEqual(expect.arrayContaining(COURSE));
    expect(loaded.ok).toBe(true);
  });

  it('the default suite is every course scenario; the full suite adds the hour slice, the Omega paper family and service-traffic; the big inputs are in scale only', () => {
    expect([...(suites.default ?? [])].sort()).toEqual([...COURSE].sort());
    expect(suites.full).toEqual([
      ...COURSE,
      'trace-alibaba-2017-hour',
      'omega-paper',
      'omega-paper-sweep',
      'omega-paper-faithful',
      'extensions',
      'service-traffic',
    ]);
    expect(suites.scale).toEqual(['trace-alibaba-2017-day', 'omega-la', 'omega-paper-la']);
    expect(loadScenarios([...(suites.full ?? []), ...(suites.scale ?? [])]).ok).toBe(true);
  });

  it.each(COURSE)('%s has a title, a description, a lesson citing defaults, tags, and 3 seeds', (name) => {
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    const doc = loaded.scenarios.find((s) => s.doc.metadata.name === name)?.doc;
    expect(doc?.metadata.title.length).toBeGreaterThan(5);
    expect(doc?.metadata.description.length).toBeGreaterThan(20);
    expect(doc?.metadata.lesson.length).toBeGreaterThan(200);
    expect(doc?.metadata.lesson).toMatch(/\d/);
    expect(doc?.metadata.tags.length).toBeGreaterThan(0);
    expect(doc?.spec.seeds).toEqual([1, 2, 3]);
  });

  it('plans every course scenario on every registered engine', () => {
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    const plan = planTrials(loaded.scenarios, { engines: ENGINE_NAMES });
    expect(plan.ok ? [] : plan.errors).toEqual([]);
    // 12 scenarios × engines × 3 seeds, plus the sweeps' 4, 2, 2 and 3 values × engines × 3 seeds.
    expect(plan.ok ? plan.trials.length : 0).toBe((12 + 4 + 2 + 2 + 3) * ENGINE_NAMES.length * 3);
  });
});
