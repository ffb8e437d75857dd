import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkEngineOptions, engineOptionsOrThrow } from '../../src/runner/engine-options.js';
import { lookupEngine } from '../../src/runner/engine-lookup.js';
import { planTrials } from '../../src/runner/plan.js';
import { runTrial } from '../../src/runner/trial.js';
import { minimalScenarioYaml, scenarioFromYaml } from '../support/scenario.js';

const withMesos = (options: string) =>
  scenarioFromYaml(`${minimalScenarioYaml.replace('seeds: [1]', 'seeds: [1, 2, 3]')}  engines:\n    mesos:\n${options}`, 'opts.yaml');

describe('engine options', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('are parsed once per scenario and engine by the plan, and never again by a trial', () => {
    const mesos = lookupEngine('mesos');
    if (!mesos) throw new Error('mesos is not registered');
    const parse = vi.spyOn(mesos, 'parseOptions');
    const plan = planTrials([withMesos('      allocationInterval: 2s\n')], { engines: ['mesos'] });
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(parse).toHaveBeenCalledTimes(1);
    expect(plan.trials).toHaveLength(3);
    // Parsed and defaulted, plain data (they cross the worker boundary by structured clone).
    const options = plan.trials[0]?.engineOptions;
    expect(structuredClone(options)).toEqual(options);
    expect((options as { allocationInterval: number }).allocationInterval).toBe(2_000_000);
    expect(runTrial(plan.trials[0] as (typeof plan.trials)[number]).status).toBe('ok');
    expect(parse).toHaveBeenCalledTimes(1);
  });

  it('fail the plan with the file and the field path, once for all seeds', () => {
    const plan = planTrials([withMesos('      allocationInterval: -1s\n')], { engines: ['mesos'] });
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.errors).toHaveLength(1);
    expect(plan.errors[0]).toMatch(/^opts\.yaml:\d+:\d+: spec\.engines\.mesos\.allocationInterval: /);
  });

  it('name the file and field of a hand-made spec’s bad option', () => {
    const s = withMesos('      allocationIntervl: 2s\n');
    const checked = checkEngineOptions(s, 'mesos');
    expect(checked.ok).toBe(false);
    expect(() => engineOptionsOrThrow(s.doc, 'mesos', 'hand.yaml')).toThrow(
      /hand\.yaml: spec\.engines\.mesos\.allocationIntervl: unknown option of engine mesos/,
    );
  });
});
