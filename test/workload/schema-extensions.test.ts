import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../src/workload/load.js';
import { scenarioYaml } from '../support/scenario.js';

/* spec.extensions: the schema of an entry, and the cross-references of a Mesos framework's role and workloads. */

function withExtensions(extensions: string): string {
  const base = scenarioYaml({
    tenants: '- name: ops',
    workloads: '- kind: Service\n  name: web\n  tenant: ops\n  replicas: 1\n  resources: { cpu: 1, memory: 1Gi }',
  });
  return `${base}  extensions:\n${extensions.replace(/^/gm, '    ')}\n`;
}

function problems(extensions: string): string[] {
  const r = parseScenarioText(withExtensions(extensions), 'x.yaml');
  return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`);
}

describe('spec.extensions', () => {
  it('accepts a Kubernetes controller and a Mesos framework, with defaults filled', () => {
    const r = parseScenarioText(
      withExtensions('- { engine: kubernetes, controller: ./c.ts, config: { a: 1 } }\n- { engine: mesos, framework: ./f.js, role: ops, workloads: [web] }'),
      'x.yaml',
    );
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    expect(r.scenario.doc.spec.extensions).toEqual([
      { engine: 'kubernetes', controller: './c.ts', config: { a: 1 } },
      { engine: 'mesos', framework: './f.js', role: 'ops', workloads: ['web'] },
    ]);
  });

  it('leaves a document without it unchanged (no field added)', () => {
    const r = parseScenarioText(scenarioYaml({}), 'x.yaml');
    expect(r.ok && 'extensions' in r.scenario.doc.spec).toBe(false);
  });

  it.each([
    ['- { engine: kubernetes, controller: ./c.py }', 'spec.extensions[0].controller: a module path ends in .ts, .mts, .js or .mjs (e.g. ./my-controller.ts)'],
    ['- { engine: kubernetes, framework: ./f.ts }', 'spec.extensions[0]'],
    ['- { engine: mesos, framework: ./f.ts, role: nobody }', 'spec.extensions[0].role: tenant "nobody" is not declared in spec.tenants (declared: ops)'],
    ['- { engine: mesos, framework: ./f.ts, role: ops, workloads: [wbe] }', 'spec.extensions[0].workloads[0]: no workload is named "wbe"'],
    [
      '- { engine: mesos, framework: ./f.ts, role: ops, workloads: [web] }\n- { engine: mesos, framework: ./g.ts, role: ops, workloads: [web] }',
      'spec.extensions[1].workloads[0]: "web" is already run by spec.extensions[0]',
    ],
  ])('rejects %s', (entry, problem) => {
    expect(problems(entry).join('\n')).toContain(problem);
  });
});
