import { describe, expect, it } from 'vitest';
import { validateScenarioDoc } from '../../src/workload/load.js';
import { applySweepStep, applySweepValue, parseSweepPath, sweepPathProblem } from '../../src/workload/sweep.js';
import { scenarioFromYaml, scenarioYaml } from '../support/scenario.js';

const s = scenarioFromYaml(
  scenarioYaml({
    workloads: '- { kind: Service, name: web, replicas: 2, resources: { cpu: 1 } }\n- { kind: Service, name: api, replicas: 5, resources: { cpu: 1 } }',
    engines: 'mesos: { offerTimeout: 5s }',
  }),
);

describe('parseSweepPath', () => {
  const cases = [
    { name: 'dotted', parameter: 'spec.engines.mesos.offerTimeout', path: ['spec', 'engines', 'mesos', 'offerTimeout'] },
    { name: 'index', parameter: 'spec.workloads[1].replicas', path: ['spec', 'workloads', 1, 'replicas'] },
    {
      name: 'quoted key',
      parameter: 'spec.cluster.nodeGroups[0].labels["example.com/tier"]',
      path: ['spec', 'cluster', 'nodeGroups', 0, 'labels', 'example.com/tier'],
    },
  ];
  it.each(cases)('$name', ({ parameter, path }) => expect(parseSweepPath(parameter)).toEqual({ ok: true, path }));
  it('rejects garbage', () => expect(parseSweepPath('spec..x').ok).toBe(false));
});

describe('sweepPathProblem', () => {
  const cases: { name: string; parameter: string; ok: boolean }[] = [
    { name: 'an existing field', parameter: 'spec.workloads[1].replicas', ok: true },
    { name: 'an existing engine override', parameter: 'spec.engines.mesos.offerTimeout', ok: true },
    { name: 'a new engine override (created)', parameter: 'spec.engines.kubernetes.scheduler.podInitialBackoff', ok: true },
    { name: 'a defaulted field of an existing object', parameter: 'spec.workloads[0].priority', ok: true },
    { name: 'an index past the end', parameter: 'spec.workloads[2].replicas', ok: false },
    { name: 'a field the schema does not have', parameter: 'spec.workloads[0].replicaz', ok: false },
    { name: 'outside spec', parameter: 'metadata.name', ok: false },
    { name: 'the sweep itself', parameter: 'spec.sweep.values', ok: false },
    { name: 'an engine without a setting', parameter: 'spec.engines.mesos', ok: false },
  ];
  it.each(cases)('$name', ({ parameter, ok }) => expect(sweepPathProblem(s.raw, parameter) === undefined).toBe(ok));
});

describe('applySweepValue', () => {
  it('sets a value in a copy and leaves the original alone', () => {
    const before = JSON.stringify(s.raw);
    const changed = applySweepValue(s.raw, 'spec.workloads[1].replicas', 40);
    expect(JSON.stringify(s.raw)).toBe(before);
    const r = validateScenarioDoc(changed, 'swept');
    expect(r.ok && r.doc.spec.workloads[1]).toMatchObject({ name: 'api', replicas: 40 });
    expect(r.ok && r.doc.spec.workloads[0]).toMatchObject({ name: 'web', replicas: 2 });
  });

  it('creates engine overrides on demand', () => {
    const changed = applySweepValue(s.raw, 'spec.engines.kubernetes.scheduler.podInitialBackoff', '2s') as { spec: { engines: unknown } };
    expect(changed.spec.engines).toEqual({ mesos: { offerTimeout: '5s' }, kubernetes: { scheduler: { podInitialBackoff: '2s' } } });
  });

  it('a value the schema rejects fails validation with the path', () => {
    const r = validateScenarioDoc(applySweepValue(s.raw, 'spec.workloads[0].replicas', 'many'), 'swept');
    expect(r.ok ? [] : r.errors.map((e) => e.path)).toEqual(['spec.workloads[0].replicas']);
  });

  it('throws on a path that validation would have rejected', () => {
    expect(() => applySweepValue(s.raw, 'spec.nothing.here', 1)).toThrow(/does not exist/);
  });
});

describe('applySweepStep', () => {
  it('sets the value at the parameter and at every alsoSet path, leaving the original alone', () => {
    const before = JSON.stringify(s.raw);
    const sweep = { parameter: 'spec.engines.mesos.offerTimeout', alsoSet: ['spec.engines.kubernetes.scheduler.podInitialBackoff'] };
    const changed = applySweepStep(s.raw, sweep, '7s') as { spec: { engines: unknown } };
    expect(JSON.stringify(s.raw)).toBe(before);
    expect(changed.spec.engines).toEqual({ mesos: { offerTimeout: '7s' }, kubernetes: { scheduler: { podInitialBackoff: '7s' } } });
  });

  it('without alsoSet is applySweepValue', () => {
    expect(applySweepStep(s.raw, { parameter: 'spec.workloads[1].replicas' }, 9)).toEqual(applySweepValue(s.raw, 'spec.workloads[1].replicas', 9));
  });
});
