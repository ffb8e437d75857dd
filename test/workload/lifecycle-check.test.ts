import { describe, expect, it } from 'vitest';
import { parseScenarioText, type ScenarioError } from '../../src/workload/load.js';
import { scenarioFromYaml, scenarioYaml } from '../support/scenario.js';

function errorsOf(yaml: string): readonly ScenarioError[] {
  const r = parseScenarioText(yaml, 'apps.yaml');
  if (r.ok) throw new Error('expected the scenario to be rejected');
  return r.errors;
}

/** A scenario with `configs` (YAML list items) inserted before the workloads. */
function withConfigs(configs: string, parts: Parameters<typeof scenarioYaml>[0]): string {
  return scenarioYaml(parts).replace('  workloads:', `  configs:\n${configs}\n  workloads:`);
}

describe('lifecycle validation', () => {
  it('rejects a dependency cycle at the entry that closes it, naming the cycle, with file and line', () => {
    const errors = errorsOf(
      scenarioYaml({
        workloads: [
          '- { kind: Service, name: db, replicas: 1, resources: { cpu: 1, memory: 1Gi }, dependsOn: [web] }',
          '- { kind: Service, name: api, replicas: 1, resources: { cpu: 1, memory: 1Gi }, dependsOn: [db] }',
          '- { kind: Service, name: web, replicas: 1, resources: { cpu: 1, memory: 1Gi }, dependsOn: [api] }',
        ].join('\n'),
      }),
    );
    expect(errors.map((e) => [e.file, e.line, e.path, e.message])).toEqual([
      ['apps.yaml', 16, 'spec.workloads[1].dependsOn[0]', 'dependency cycle: db → web → api → db'],
    ]);
  });

  it('rejects a dependency on an unknown service (with a suggestion), on itself, and twice on one', () => {
    const errors = errorsOf(
      scenarioYaml({
        workloads: [
          '- { kind: Service, name: db, replicas: 1, resources: { cpu: 1, memory: 1Gi } }',
          '- kind: Service',
          '  name: api',
          '  replicas: 1',
          '  resources: { cpu: 1, memory: 1Gi }',
          '  dependsOn: [dbb, api, db, db]',
        ].join('\n'),
      }),
    );
    expect(errors.map((e) => [e.line, e.path, e.message, e.suggestion])).toEqual([
      [20, 'spec.workloads[1].dependsOn[0]', 'no Service is named "dbb"', 'db'],
      [20, 'spec.workloads[1].dependsOn[1]', 'service api depends on itself', undefined],
      [20, 'spec.workloads[1].dependsOn[3]', '"db" is listed twice', undefined],
    ]);
  });

  it('rejects a config that is never defined, by a service and by a config-change, and configUse without config', () => {
    const errors = errorsOf(
      withConfigs('    - { name: app-config }', {
        workloads: [
          '- { kind: Service, name: api, replicas: 1, resources: { cpu: 1, memory: 1Gi }, config: app-confg }',
          '- { kind: Service, name: web, replicas: 1, resources: { cpu: 1, memory: 1Gi }, configUse: env }',
        ].join('\n'),
        events: '- { kind: config-change, at: 10s, config: other }',
      }),
    );
    expect(errors.map((e) => [e.path, e.message, e.suggestion])).toEqual([
      ['spec.workloads[0].config', 'no config is named "app-confg" in spec.configs', 'app-config'],
      ['spec.workloads[1].configUse', 'configUse needs a config', undefined],
      ['spec.events[0].config', 'no config is named "other" in spec.configs', undefined],
    ]);
  });

  it('rejects a restart of an unknown service and a run-once-per-node name that is already a workload', () => {
    const errors = errorsOf(
      scenarioYaml({
        workloads: '- { kind: Service, name: web, replicas: 1, resources: { cpu: 1, memory: 1Gi } }',
        events: ['- { kind: restart, at: 10s, service: wbe }', '- { kind: run-once-per-node, at: 10s, name: web, resources: { cpu: 100m }, runFor: 5s }'].join(
          '\n',
        ),
      }),
    );
    expect(errors.map((e) => e.path)).toEqual(['spec.events[0].service', 'spec.events[1].name']);
  });

  it('accepts a valid lifecycle and fills the defaults the model documents', () => {
    const { doc } = scenarioFromYaml(
      withConfigs('    - { name: app-config, version: 3 }', {
        workloads: [
          '- { kind: Service, name: db, replicas: 1, resources: { cpu: 1, memory: 1Gi }, startup: 30s, readiness: {} }',
          '- { kind: Service, name: api, replicas: 1, resources: { cpu: 1, memory: 1Gi }, dependsOn: [db], config: app-config }',
        ].join('\n'),
        events: '- { kind: config-change, at: 10s, config: app-config }',
      }),
    );
    const [db, api] = doc.spec.workloads;
    expect(db?.kind === 'Service' && db.readiness).toEqual({ period: 10_000_000, failureThreshold: 3 });
    expect(api?.kind === 'Service' && [api.onMissingDependency, api.configUse]).toEqual([undefined, undefined]);
    expect(doc.spec.configs).toEqual([{ name: 'app-config', version: 3 }]);
  });
});
