import { describe, expect, it } from 'vitest';
import { parseExplainLevel, parseShard, planTrials, selectShard } from '../../src/runner/plan.js';
import { scenarioFromYaml, minimalScenarioYaml } from '../support/scenario.js';

const scenario = scenarioFromYaml(minimalScenarioYaml.replace('seeds: [1]', 'seeds: [1, 2, 3]'));

describe('planTrials', () => {
  it('nests scenario × engine × seed with stable ids and indices', () => {
    const plan = planTrials([scenario], { engines: ['oracle'] });
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.trials.map((t) => [t.index, t.id])).toEqual([
      [0, 'minimal/oracle/seed-1'],
      [1, 'minimal/oracle/seed-2'],
      [2, 'minimal/oracle/seed-3'],
    ]);
  });

  it('uses the seeds given on the command line instead of the scenario’s', () => {
    const plan = planTrials([scenario], { engines: ['oracle'], seeds: [9] });
    expect(plan.ok && plan.trials.map((t) => t.seed)).toEqual([9]);
  });

  it('gives each trial the explain level, written only when it is full', () => {
    const pick = (o: object): unknown[] => {
      const plan = planTrials([scenario], { engines: ['oracle'], seeds: [1], ...o });
      return plan.ok ? plan.trials.map((t) => [t.explain, t.explainLevel]) : [];
    };
    expect(pick({})).toEqual([[undefined, undefined]]);
    expect(pick({ explain: true })).toEqual([[true, undefined]]);
    expect(pick({ explain: true, explainLevel: 'top' })).toEqual([[true, undefined]]);
    expect(pick({ explain: true, explainLevel: 'full' })).toEqual([[true, 'full']]);
    expect(pick({ explainLevel: 'full' })).toEqual([[undefined, undefined]]);
    expect([parseExplainLevel('full'), parseExplainLevel('top'), parseExplainLevel('all')]).toEqual(['full', 'top', undefined]);
  });

  it('rejects an unknown engine by name, listing the known ones', () => {
    const plan = planTrials([scenario], { engines: ['oracel'] });
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.errors[0]).toMatch(/unknown engine "oracel" \(known: oracle/);
  });

  it('rejects options for an engine that does not exist and unknown options of one that does', () => {
    const withOptions = scenarioFromYaml(minimalScenarioYaml + '  engines:\n    oracle: { speed: 2 }\n    condor: {}\n');
    const plan = planTrials([withOptions], { engines: ['oracle'] });
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.errors.join('\n')).toMatch(/spec\.engines\.oracle/);
    expect(plan.errors.join('\n')).toMatch(/spec\.engines\.condor: no engine is registered/);
  });

  it('places an engine-option error at its line and suggests the closest option and engine names', () => {
    const yaml = minimalScenarioYaml + '  engines:\n    mesos:\n      allocationIntervl: 2s\n    kubernets: {}\n';
    const plan = planTrials([scenarioFromYaml(yaml, 'opts.yaml')], { engines: ['mesos'] });
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    const text = plan.errors.join('\n');
    expect(text).toMatch(/opts\.yaml:\d+:\d+: spec\.engines\.mesos\.allocationIntervl: unknown option of engine mesos \(did you mean "allocationInterval"\?\)/);
    expect(text).toMatch(/opts\.yaml:\d+:\d+: spec\.engines\.kubernets: no engine is registered .*did you mean "kubernetes"/);
  });

  it('expands a sweep into one variant per value, carrying the value', () => {
    const swept = scenarioFromYaml(minimalScenarioYaml + '  sweep:\n    parameter: spec.workloads[0].replicas\n    values: [1, 2]\n');
    const plan = planTrials([swept], { engines: ['oracle'] });
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.trials.map((t) => [t.id, t.doc.spec.workloads[0]?.kind === 'Service' ? t.doc.spec.workloads[0].replicas : -1])).toEqual([
      ['minimal@spec.workloads[0].replicas=1/oracle/seed-1', 1],
      ['minimal@spec.workloads[0].replicas=2/oracle/seed-1', 2],
    ]);
  });

  it('a sweep with alsoSet sets the same value at each path; trials are named by the parameter', () => {
    const swept = scenarioFromYaml(
      minimalScenarioYaml +
        '  sweep:\n    parameter: spec.engines.borg.thinkTime.perJob\n    alsoSet: [spec.engines.omega.thinkTime.tJob]\n    values: [20ms, 2s]\n',
    );
    const plan = planTrials([swept], { engines: ['borg', 'omega'] });
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.trials.map((t) => [t.id, t.doc.spec.engines['borg'], t.doc.spec.engines['omega']])).toEqual([
      ['minimal@spec.engines.borg.thinkTime.perJob=20ms/borg/seed-1', { thinkTime: { perJob: '20ms' } }, { thinkTime: { tJob: '20ms' } }],
      ['minimal@spec.engines.borg.thinkTime.perJob=20ms/omega/seed-1', { thinkTime: { perJob: '20ms' } }, { thinkTime: { tJob: '20ms' } }],
      ['minimal@spec.engines.borg.thinkTime.perJob=2s/borg/seed-1', { thinkTime: { perJob: '2s' } }, { thinkTime: { tJob: '2s' } }],
      ['minimal@spec.engines.borg.thinkTime.perJob=2s/omega/seed-1', { thinkTime: { perJob: '2s' } }, { thinkTime: { tJob: '2s' } }],
    ]);
  });
});

describe('shards', () => {
  it.each([
    ['1/1', { i: 1, n: 1 }],
    ['2/3', { i: 2, n: 3 }],
    ['0/3', undefined],
    ['4/3', undefined],
    ['a/b', undefined],
  ])('parseShard(%s)', (text, expected) => {
    expect(parseShard(text)).toEqual(expected);
  });

  it('splits a plan into disjoint slices that together cover it', () => {
    const plan = planTrials([scenario], { engines: ['oracle'], seeds: [1, 2, 3, 4, 5, 6, 7] });
    if (!plan.ok) throw new Error('plan');
    const slices = [1, 2, 3].map((i) => selectShard(plan.trials, i, 3).map((t) => t.index));
    expect(slices.flat().sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(new Set(slices.flat()).size).toBe(7);
  });
});
