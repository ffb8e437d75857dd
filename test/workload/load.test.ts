import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatScenarioError, loadScenarioFile, parseScenarioText, scenarioErrorAt, validateScenarioDoc, type ScenarioError } from '../../src/workload/load.js';
import { minimalScenarioYaml, scenarioFromYaml, scenarioYaml } from '../support/scenario.js';

const FIXTURES = 'test/fixtures/scenarios';

function errorsOf(yaml: string, file = 'x.yaml'): readonly ScenarioError[] {
  const r = parseScenarioText(yaml, file);
  if (r.ok) throw new Error('expected the scenario to be rejected');
  return r.errors;
}

/** Replaces one line of the minimal scenario (by its exact text) to make one mistake. */
function withLine(from: string, to: string): string {
  if (!minimalScenarioYaml.includes(from)) throw new Error(`fixture has no line ${from}`);
  return minimalScenarioYaml.replace(from, to);
}

describe('parseScenarioText', () => {
  it('loads the minimal scenario with every default filled', () => {
    const s = scenarioFromYaml(minimalScenarioYaml);
    expect(s.doc.spec.duration).toBe(60_000_000);
    expect(s.doc.spec.cluster.nodeGroups[0]?.resources).toEqual({ cpu: 4000, memory: 16 * 2 ** 30, gpu: 0 });
    expect(s.doc.spec.tenants).toEqual([{ name: 'default', weight: 1 }]);
    expect(s.doc.spec.latency.taskStart).toEqual({ kind: 'constant', value: 1 });
    const web = s.doc.spec.workloads[0];
    expect(web?.kind === 'Service' && web.constraints).toEqual({ nodeSelector: {}, tolerations: [], requiredTerms: [], preferredTerms: [] });
    expect(s.file).toBe('inline.yaml');
    expect(s.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(s.raw).toMatchObject({ metadata: { name: 'minimal' } });
  });

  it('hashes the text: same text same hash, one byte more another hash', () => {
    expect(scenarioFromYaml(minimalScenarioYaml).hash).toBe(scenarioFromYaml(minimalScenarioYaml).hash);
    expect(scenarioFromYaml(`${minimalScenarioYaml}\n`).hash).not.toBe(scenarioFromYaml(minimalScenarioYaml).hash);
  });

  const cases: { name: string; yaml: string; line: number; path: string; message: RegExp; suggestion?: string }[] = [
    {
      name: 'misspelt field',
      yaml: withLine('      replicas: 3', '      replicas: 3\n      priorty: 5'),
      line: 18,
      path: 'spec.workloads[0].priorty',
      message: /unknown field/,
      suggestion: 'priority',
    },
    {
      name: 'prefix of a field',
      yaml: withLine('  seeds: [1]', '  seeds: [1]\n  sampleEv: 1s'),
      line: 8,
      path: 'spec.sampleEv',
      message: /unknown field/,
      suggestion: 'sampleEvery',
    },
    {
      name: 'unknown field without a near match',
      yaml: withLine('  seeds: [1]', '  seeds: [1]\n  zzzzzz: 1'),
      line: 8,
      path: 'spec.zzzzzz',
      message: /unknown field/,
    },
    {
      name: 'wrong apiVersion',
      yaml: withLine('apiVersion: schedbench/v1', 'apiVersion: schedbench/v2'),
      line: 1,
      path: 'apiVersion',
      message: /expected "schedbench\/v1"/,
      suggestion: 'schedbench/v1',
    },
    { name: 'wrong kind', yaml: withLine('kind: Scenario', 'kind: scenario'), line: 2, path: 'kind', message: /expected "Scenario"/, suggestion: 'Scenario' },
    { name: 'missing required field', yaml: withLine('  duration: 60s\n', ''), line: 6, path: 'spec.duration', message: /required field missing/ },
    {
      name: 'bad duration',
      yaml: withLine('  duration: 60s', '  duration: 60 seconds'),
      line: 6,
      path: 'spec.duration',
      message: /invalid duration "60 seconds"/,
      suggestion: '60s',
    },
    {
      name: 'duration without unit',
      yaml: withLine('  duration: 60s', '  duration: 60'),
      line: 6,
      path: 'spec.duration',
      message: /needs a unit/,
      suggestion: '60s',
    },
    { name: 'negative cpu', yaml: withLine('cpu: 500m', 'cpu: -500m'), line: 18, path: 'spec.workloads[0].resources.cpu', message: /must not be negative/ },
    {
      name: 'bad quantity',
      yaml: withLine('memory: 512Mi', 'memory: 512MB'),
      line: 18,
      path: 'spec.workloads[0].resources.memory',
      message: /invalid quantity "512MB"/,
      suggestion: '512Mi',
    },
    {
      name: 'wrong type',
      yaml: withLine('replicas: 3', 'replicas: three'),
      line: 17,
      path: 'spec.workloads[0].replicas',
      message: /expected a number, got "three"/,
    },
    {
      name: 'fraction where a whole number is needed',
      yaml: withLine('replicas: 3', 'replicas: 2.5'),
      line: 17,
      path: 'spec.workloads[0].replicas',
      message: /whole number/,
    },
    { name: 'huge number', yaml: withLine('count: 4', 'count: 1e300'), line: 11, path: 'spec.cluster.nodeGroups[0].count', message: /must be at most 100000$/ },
    { name: 'infinity', yaml: withLine('replicas: 3', 'replicas: .inf'), line: 17, path: 'spec.workloads[0].replicas', message: /Infinity/ },
    {
      name: 'unknown workload kind',
      yaml: withLine('- kind: Service', '- kind: Servise'),
      line: 15,
      path: 'spec.workloads[0].kind',
      message: /unknown kind "Servise"/,
      suggestion: 'Service',
    },
    {
      name: 'bad enum value',
      yaml: withLine('        zones: [a, b]', '        zones: [a, b]\n        taints: [{ key: k, effect: NoSchedul }]'),
      line: 14,
      path: 'spec.cluster.nodeGroups[0].taints[0].effect',
      message: /expected one of NoSchedule/,
      suggestion: 'NoSchedule',
    },
    { name: 'duplicate key', yaml: withLine('  seeds: [1]', '  seeds: [1]\n  seeds: [2]'), line: 8, path: 'spec.seeds', message: /duplicate key/ },
    { name: 'YAML syntax error', yaml: withLine('  seeds: [1]', '  seeds: [1'), line: 8, path: '', message: /YAML syntax/ },
    { name: 'empty list', yaml: withLine('  seeds: [1]', '  seeds: []'), line: 7, path: 'spec.seeds', message: /must not be empty/ },
    {
      name: 'scale of an unknown service',
      yaml: `${minimalScenarioYaml}  events:\n    - { kind: scale, at: 5s, service: webb, replicas: 2 }\n`,
      line: 20,
      path: 'spec.events[0].service',
      message: /no workload is named "webb"/,
      suggestion: 'web',
    },
  ];
  it.each(cases)('$name: names file, line and path', ({ yaml, line, path, message, suggestion }) => {
    const errors = errorsOf(yaml, 'scenarios/case.yaml');
    const e = errors.find((x) => x.path === path && message.test(x.message));
    expect(e, `errors were:\n${errors.map(formatScenarioError).join('\n')}`).toBeDefined();
    expect(e?.file).toBe('scenarios/case.yaml');
    expect(e?.line).toBe(line);
    expect(e?.column).toBeGreaterThanOrEqual(1);
    expect(e?.suggestion).toBe(suggestion);
  });

  it('reports every error at once, in file order', () => {
    const yaml = withLine('  duration: 60s', '  duration: soon').replace('replicas: 3', 'replicas: -1').replace('cpu: 500m', 'cpu: lots');
    const errors = errorsOf(yaml);
    expect(errors.map((e) => e.path)).toEqual(['spec.duration', 'spec.workloads[0].replicas', 'spec.workloads[0].resources.cpu']);
    expect(errors.map((e) => e.line)).toEqual([6, 17, 18]);
  });

  it('gives JSON input line numbers too', () => {
    const json = JSON.stringify(
      {
        apiVersion: 'schedbench/v1',
        kind: 'Scenario',
        metadata: { name: 'j' },
        spec: { duration: '1m', cluster: { nodes: [{ name: 'n', resources: { cpu: 1 } }] }, sedes: [1] },
      },
      null,
      2,
    );
    const [e] = errorsOf(json, 'x.json');
    expect(e).toMatchObject({ path: 'spec.sedes', suggestion: 'seeds', line: 19, column: 5 });
  });

  const hostile: { name: string; text: string; message: RegExp }[] = [
    { name: 'empty file', text: '', message: /empty/ },
    { name: 'a scalar', text: 'hello', message: /expected a mapping/ },
    { name: 'a list', text: '- 1\n- 2', message: /expected a mapping/ },
    { name: 'deeply nested flow collections', text: `${'['.repeat(100_000)}${']'.repeat(100_000)}`, message: /nesting deeper than 64/ },
    { name: 'deeply nested block sequences', text: `${'- '.repeat(20_000)}x`, message: /./ },
    {
      name: 'alias bomb',
      text: `a: &a [1,1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n`,
      message: /./,
    },
    {
      name: 'thousands of unknown keys (errors are capped)',
      text: Array.from({ length: 20_000 }, (_, i) => `k${i}: 1`).join('\n'),
      message: /and \d+ more errors/,
    },
    { name: 'too large a file', text: `# ${'x'.repeat(600 * 1024)}`, message: /larger than/ },
    {
      name: 'huge arrivals',
      text: scenarioYaml({
        duration: '1h',
        workloads: '- kind: BatchJob\n  name: j\n  tasks: 1\n  resources: { cpu: 1 }\n  duration: 1s\n  arrivals: { meanInterArrival: 1us, until: 1h }',
      }),
      message: /would generate about/,
    },
  ];
  it.each(hostile)('$name: an error, no crash or hang', ({ text, message }) => {
    const errors = errorsOf(text);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.map((e) => e.message).join('\n')).toMatch(message);
  });
});

describe('cross-references', () => {
  const base = (events: string, extra: Partial<Parameters<typeof scenarioYaml>[0]> = {}): string =>
    scenarioYaml({
      tenants: '- { name: web }\n- { name: batch }',
      workloads:
        '- { kind: Service, name: web, tenant: web, replicas: 2, resources: { cpu: 1 } }\n- { kind: BatchJob, name: etl, tenant: batch, tasks: 2, resources: { cpu: 1 }, duration: 10s }',
      events,
      ...extra,
    });
  const cases: { name: string; yaml: string; path: string; message: RegExp; suggestion?: string }[] = [
    {
      name: 'scale of a BatchJob',
      yaml: base('- { kind: scale, at: 5s, service: etl, replicas: 2 }'),
      path: 'spec.events[0].service',
      message: /is a BatchJob, not a Service/,
    },
    {
      name: 'burst of an unknown job',
      yaml: base('- { kind: burst, at: 5s, job: elt, count: 2 }'),
      path: 'spec.events[0].job',
      message: /no workload is named "elt"/,
      suggestion: 'etl',
    },
    {
      name: 'rollout before the service starts',
      yaml: base('- { kind: rollout, at: 5s, service: web, version: v2 }').replace('replicas: 2,', 'replicas: 2, startAt: 10s,'),
      path: 'spec.events[0].at',
      message: /before it starts/,
    },
    {
      name: 'tenant not declared',
      yaml: base('').replace('tenant: batch', 'tenant: bach'),
      path: 'spec.workloads[1].tenant',
      message: /not declared/,
      suggestion: 'batch',
    },
    {
      name: 'unknown node name',
      yaml: base('- { kind: crash, at: 5s, nodes: { names: [node-7] } }'),
      path: 'spec.events[0].nodes.names[0]',
      message: /no node is named "node-7"/,
      suggestion: 'node-0',
    },
    {
      name: 'selector matching nothing',
      yaml: base('- { kind: crash, at: 5s, nodes: { selector: { zone: c } } }'),
      path: 'spec.events[0].nodes.selector',
      message: /matches no node/,
    },
    {
      name: 'count above the matches',
      yaml: base('- { kind: crash, at: 5s, nodes: { count: 3, selector: { zone: a } } }'),
      path: 'spec.events[0].nodes.count',
      message: /exceeds the 2 node/,
    },
    {
      name: 'names and count together',
      yaml: base('- { kind: crash, at: 5s, nodes: { count: 1, names: [node-1] } }'),
      path: 'spec.events[0].nodes',
      message: /at most one of names, count and fraction/,
    },
    {
      name: 'event after the end',
      yaml: base('- { kind: scale, at: 2m, service: web, replicas: 1 }'),
      path: 'spec.events[0].at',
      message: /not before the end of the run/,
    },
    { name: 'duplicate workload', yaml: base('').replace('name: etl', 'name: web'), path: 'spec.workloads[1].name', message: /duplicate workload name/ },
    {
      name: 'duplicate node name',
      yaml: base('').replace('        zones: [a, b]', '        zones: [a, b]\n    nodes: [{ name: node-1, resources: { cpu: 1 } }]'),
      path: 'spec.cluster.nodes[0].name',
      message: /duplicate node name "node-1"/,
    },
    {
      name: 'a name like a generated job name',
      yaml: base('').replace('name: web,', 'name: etl-3,').replace('service: web', 'service: etl-3'),
      path: 'spec.workloads[0].name',
      message: /may collide/,
    },
    {
      name: 'a rollout strategy that cannot progress',
      yaml: base('').replace('replicas: 2,', 'replicas: 2, strategy: { maxSurge: 0, maxUnavailable: 0% },'),
      path: 'spec.workloads[0].strategy',
      message: /may not both be 0/,
    },
    { name: 'a seed listed twice', yaml: base('').replace('seeds: [1]', 'seeds: [1, 2, 1]'), path: 'spec.seeds[2]', message: /listed twice/ },
    {
      name: 'a Trace tenants map naming an undeclared tenant',
      yaml: base('').replace(
        '- { kind: BatchJob, name: etl',
        '- { kind: Trace, name: t, tenant: batch, file: x.csv, format: job-list, tenants: { Service: svc } }\n    - { kind: BatchJob, name: etl',
      ),
      path: 'spec.workloads[1].tenants.Service',
      message: /not declared/,
    },
    {
      name: 'a Trace window that ends before it starts',
      yaml: base('').replace(
        '- { kind: BatchJob, name: etl',
        '- { kind: Trace, name: t, tenant: batch, file: x.csv, format: job-list, window: { start: 2h, end: 1h } }\n    - { kind: BatchJob, name: etl',
      ),
      path: 'spec.workloads[1].window.end',
      message: /ends before it starts/,
    },
    {
      name: 'submitAt and arrivals together',
      yaml: base('').replace('duration: 10s }', 'duration: 10s, submitAt: 1s, arrivals: { meanInterArrival: 1s, count: 2 } }'),
      path: 'spec.workloads[1].arrivals',
      message: /either submitAt/,
    },
    {
      name: 'sweep of a missing path',
      yaml: `${base('')}  sweep:\n    parameter: spec.workloads[5].replicas\n    values: [1, 2]\n`,
      path: 'spec.sweep.parameter',
      message: /does not exist/,
    },
    {
      name: 'sweep alsoSet of a missing path',
      yaml: `${base('')}  sweep:\n    parameter: spec.workloads[0].replicas\n    alsoSet: ['spec.workloads[5].replicas']\n    values: [1, 2]\n`,
      path: 'spec.sweep.alsoSet[0]',
      message: /does not exist/,
    },
  ];
  it.each(cases)('$name', ({ yaml, path, message, suggestion }) => {
    const errors = errorsOf(yaml);
    const e = errors.find((x) => x.path === path);
    expect(e, `errors were:\n${errors.map(formatScenarioError).join('\n')}`).toBeDefined();
    expect(e?.message).toMatch(message);
    expect(e?.line).toBeGreaterThan(0);
    expect(e?.suggestion).toBe(suggestion);
  });
});

describe('scenarioErrorAt', () => {
  it('places a later error (an engine option) at its line in the file', () => {
    const s = scenarioFromYaml(scenarioYaml({ engines: 'mesos:\n  offerTimeot: 5s' }), 'scenarios/e.yaml');
    const e = scenarioErrorAt(s, ['spec', 'engines', 'mesos', 'offerTimeot'], 'unknown option', { suggestion: 'offerTimeout', atKey: true });
    expect(formatScenarioError(e)).toBe('scenarios/e.yaml:16:7: spec.engines.mesos.offerTimeot: unknown option (did you mean "offerTimeout"?)');
    expect(scenarioErrorAt(s, ['spec', 'engines', 'mesos', 'offerTimeot'], 'bad value').column).toBe(20);
  });

  it('has no line for a scenario built from an object', () => {
    const s = scenarioFromYaml(minimalScenarioYaml);
    expect(scenarioErrorAt({ ...s }, ['spec', 'duration'], 'x')).toEqual({ file: 'inline.yaml', path: 'spec.duration', message: 'x' });
  });
});

describe('validateScenarioDoc', () => {
  it('validates objects without lines', () => {
    const raw = scenarioFromYaml(minimalScenarioYaml).raw as { spec: Record<string, unknown> };
    expect(validateScenarioDoc(raw, 'obj').ok).toBe(true);
    const r = validateScenarioDoc({ ...raw, spec: { ...raw.spec, duration: 'x' } }, 'obj');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toEqual({ file: 'obj', path: 'spec.duration', message: expect.stringMatching(/invalid duration/) });
  });
});

describe('loadScenarioFile', () => {
  it.each(readdirSync(join(FIXTURES, 'valid')))('valid fixture %s loads', (name) => {
    const r = loadScenarioFile(join(FIXTURES, 'valid', name));
    expect(r.ok ? [] : r.errors.map(formatScenarioError)).toEqual([]);
  });

  it.each(readdirSync(join(FIXTURES, 'broken')))('broken fixture %s is rejected with its expected errors', (name) => {
    const file = join(FIXTURES, 'broken', name);
    const r = loadScenarioFile(file);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    for (const e of r.errors) expect(e.file).toBe(file);
    // A fixture may state expected errors in leading `# expect: line:col message` comments.
    const text = readFileSync(file, 'latin1');
    const formatted = r.errors.map(formatScenarioError);
    for (const m of text.matchAll(/^# expect: (\d+:\d+ .*)$/gm)) expect(formatted).toContain(`${file}:${(m[1] as string).replace(' ', ': ')}`);
  });

  it('rejects invalid UTF-8 naming the line and column of the bad byte', () => {
    const r = loadScenarioFile(join(FIXTURES, 'broken', 'latin1.yaml'));
    expect(r.ok ? undefined : r.errors[0]).toMatchObject({ line: 5, column: 14, message: expect.stringMatching(/not valid UTF-8 \(byte 0xe9/) });
  });

  it('accepts a byte-order mark and reports a missing file as an error value', () => {
    const dir = mkdtempSync(join(tmpdir(), 'schedbench-load-'));
    writeFileSync(join(dir, 'bom.yaml'), `\ufeff${minimalScenarioYaml}`);
    expect(loadScenarioFile(join(dir, 'bom.yaml')).ok).toBe(true);
    const missing = loadScenarioFile(join(dir, 'missing.yaml'));
    expect(missing.ok ? undefined : formatScenarioError(missing.errors[0] as ScenarioError)).toBe(`${join(dir, 'missing.yaml')}: no such file`);
  });
});
