import { describe, expect, it } from 'vitest';
import { parseScenarioText, type ScenarioError } from '../../src/workload/load.js';
import { scenarioYaml } from '../support/scenario.js';

function errorsOf(yaml: string): readonly ScenarioError[] {
  const r = parseScenarioText(yaml, 'x.yaml');
  if (r.ok) throw new Error('expected the scenario to be rejected');
  return r.errors;
}

describe('crossCheck', () => {
  it('reports every cross-reference mistake in document order: seeds, tenants, workloads, generated names, events', () => {
    const errors = errorsOf(
      scenarioYaml({
        seeds: [1, 1],
        tenants: '- name: a\n- name: a',
        workloads: [
          '- kind: Service',
          '  name: web',
          '  tenant: b',
          '  replicas: 1',
          '  startAt: 90s',
          '  resources: { cpu: 1, memory: 1Gi }',
          '- kind: BatchJob',
          '  name: etl',
          '  tenant: a',
          '  tasks: 2',
          '  duration: 10s',
          '  resources: { cpu: 1, memory: 1Gi }',
          '- kind: Service',
          '  name: etl-3',
          '  tenant: a',
          '  replicas: 1',
          '  resources: { cpu: 1, memory: 1Gi }',
        ].join('\n'),
        events: [
          '- at: 10s',
          '  kind: scale',
          '  service: etl',
          '  replicas: 2',
          '- at: 10s',
          '  kind: burst',
          '  job: etk',
          '  count: 2',
          '- at: 10s',
          '  kind: crash',
          '  nodes: { names: [node-9] }',
        ].join('\n'),
      }),
    );
    expect(errors.map((e) => e.path)).toEqual([
      'spec.seeds[1]',
      'spec.tenants[1].name',
      'spec.workloads[0].tenant',
      'spec.workloads[0].startAt',
      'spec.workloads[2].name',
      'spec.events[0].service',
      'spec.events[1].job',
      'spec.events[2].nodes.names[0]',
    ]);
    expect(errors[5]?.message).toBe('"etl" is a BatchJob, not a Service');
    expect(errors[6]).toMatchObject({ message: 'no workload is named "etk"', suggestion: 'etl' });
    expect(errors[7]).toMatchObject({ message: 'no node is named "node-9"' });
  });

  it('reports an event on a service before the service starts, and a selector that matches no node', () => {
    const errors = errorsOf(
      scenarioYaml({
        workloads: ['- kind: Service', '  name: web', '  replicas: 1', '  startAt: 20s', '  resources: { cpu: 1, memory: 1Gi }'].join('\n'),
        events: ['- at: 10s', '  kind: scale', '  service: web', '  replicas: 2', '- at: 10s', '  kind: crash', '  nodes: { selector: { zone: c } }'].join(
          '\n',
        ),
      }),
    );
    expect(errors.map((e) => [e.path, e.message])).toEqual([
      ['spec.events[0].at', 'scale of web happens before it starts (startAt 20s)'],
      ['spec.events[1].nodes.selector', expect.stringContaining('matches no node')],
    ]);
  });
});
