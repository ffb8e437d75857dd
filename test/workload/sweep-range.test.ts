import { describe, expect, it } from 'vitest';
import { expandSweepRange } from '../../src/workload/sweep-range.js';
import { minimalScenarioYaml, scenarioFromYaml } from '../support/scenario.js';
import { parseScenarioText } from '../../src/workload/load.js';

describe('expandSweepRange', () => {
  it.each([
    ['whole numbers, linear', { from: 10, to: 50, steps: 5, scale: 'linear' as const }, [10, 20, 30, 40, 50]],
    ['whole numbers, log (rounded, duplicates dropped)', { from: 1, to: 1000, steps: 4, scale: 'log' as const }, [1, 10, 100, 1000]],
    ['fractions keep six significant digits', { from: 0.1, to: 0.4, steps: 4, scale: 'linear' as const }, [0.1, 0.2, 0.3, 0.4]],
    ['durations, log', { from: '100ms', to: '100s', steps: 4, scale: 'log' as const }, ['100ms', '1s', '10s', '1m40s']],
    ['durations, linear', { from: '1s', to: '3s', steps: 3, scale: 'linear' as const }, ['1s', '2s', '3s']],
  ])('%s', (_name, range, expected) => {
    const r = expandSweepRange(range);
    expect(r.ok && r.values).toEqual(expected);
  });

  it.each([
    ['mixed kinds', { from: 1, to: '10s', steps: 3, scale: 'linear' as const }, /both be numbers or both be durations/],
    ['log through zero', { from: 0, to: 10, steps: 3, scale: 'log' as const }, /greater than 0/],
    ['a bad duration', { from: '1x', to: '10s', steps: 3, scale: 'linear' as const }, /both be numbers or both be durations/],
  ])('rejects %s', (_name, range, message) => {
    const r = expandSweepRange(range);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
});

describe('spec.sweep.range in a scenario', () => {
  it('becomes the list of values the plan runs', () => {
    const s = scenarioFromYaml(minimalScenarioYaml + '  sweep:\n    parameter: spec.workloads[0].replicas\n    range: { from: 1, to: 3, steps: 3 }\n');
    expect(s.doc.spec.sweep).toEqual({ parameter: 'spec.workloads[0].replicas', values: [1, 2, 3] });
  });

  it('is an error together with values, naming the field', () => {
    const r = parseScenarioText(
      minimalScenarioYaml + '  sweep:\n    parameter: spec.workloads[0].replicas\n    values: [1]\n    range: { from: 1, to: 3, steps: 3 }\n',
      'x.yaml',
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => `${e.path}: ${e.message}`).join('\n')).toMatch(/spec\.sweep.*either values or range/);
  });
});
