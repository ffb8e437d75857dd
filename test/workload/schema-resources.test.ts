import { describe, expect, it } from 'vitest';
import { parseScenarioText, type ScenarioError } from '../../src/workload/load.js';
import { scenarioFromYaml, scenarioYaml } from '../support/scenario.js';

/** A scenario with one BatchJob whose resource fields are `fields` (YAML lines of the job, flush left). */
const jobYaml = (fields: string, nodeExtra = ''): string =>
  scenarioYaml({
    workloads: `- kind: BatchJob\n  name: job\n  tasks: 2\n  duration: 10s\n  submitAt: 1s\n${fields
      .trim()
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n')}`,
  }).replace('resources: { cpu: 4, memory: 16Gi }', `resources: { cpu: 4, memory: 16Gi${nodeExtra} }`);

const jobOf = (yaml: string) => {
  const w = scenarioFromYaml(yaml).doc.spec.workloads[0];
  if (w?.kind !== 'BatchJob') throw new Error('expected a BatchJob');
  return w;
};

function errorsOf(yaml: string): readonly ScenarioError[] {
  const r = parseScenarioText(yaml, 'pods.yaml');
  if (r.ok) throw new Error('expected the scenario to be rejected');
  return r.errors;
}
const pathOf = (e: ScenarioError | undefined) => e?.path;

const MI = 2 ** 20;

describe('a workload pod in the scenario format', () => {
  it('reads the shorthand as one container, stating only the keys it gives', () => {
    const w = jobOf(jobYaml('resources: { cpu: 500m }'));
    expect(w.resources).toEqual({ cpu: 500, memory: 0, gpu: 0 });
    expect(w.pod.containers).toEqual([{ name: 'main', requests: { cpu: 500, memory: 0, gpu: 0 }, stated: { cpu: true, memory: false } }]);
  });

  it('keeps an explicit 0 apart from a missing key', () => {
    const w = jobOf(jobYaml('resources: { cpu: 500m, memory: 0 }'));
    expect(w.pod.containers[0]?.stated).toEqual({ cpu: true, memory: true });
  });

  it('takes containers, init containers and overhead, and places on the effective request', () => {
    const w = jobOf(
      jobYaml(`containers:
  - { name: app, requests: { cpu: 1, memory: 1Gi } }
  - { name: log, requests: { memory: 64Mi } }
initContainers:
  - { name: fetch, requests: { cpu: 2 } }
overhead: { cpu: 100m, memory: 16Mi }`),
    );
    expect(w.pod.containers.map((c) => c.name)).toEqual(['app', 'log']);
    expect(w.pod.initContainers[0]?.stated).toEqual({ cpu: true, memory: false });
    // max(cpu 1 + 0, init 2) + 0.1 = 2.1 cores; max(1Gi + 64Mi, 0) + 16Mi.
    expect(w.resources).toEqual({ cpu: 2100, memory: 1024 * MI + 64 * MI + 16 * MI, gpu: 0 });
  });

  it('reads extended resources by domain/name, as keys or under ext, and nvidia.com/gpu as the GPU dimension', () => {
    const w = jobOf(jobYaml('resources: { cpu: 1, nvidia.com/gpu: 1, example.com/fpga: 2, ext: { example.com/nic: 1 } }', ', nvidia.com/gpu: 4'));
    expect(w.resources).toEqual({ cpu: 1000, memory: 0, gpu: 1, ext: { 'example.com/fpga': 2, 'example.com/nic': 1 } });
    expect(scenarioFromYaml(jobYaml('resources: { cpu: 1 }', ', nvidia.com/gpu: 4')).doc.spec.cluster.nodeGroups[0]?.resources.gpu).toBe(4);
  });

  const bad: { name: string; fields: string; path: string; message: RegExp; suggestion?: string }[] = [
    {
      name: 'neither resources nor containers',
      fields: 'priority: 1',
      path: 'spec.workloads[0].resources',
      message: /resources \(one container\) or containers/,
    },
    {
      name: 'both resources and containers',
      fields: 'resources: { cpu: 1 }\ncontainers: [{ name: a, requests: { cpu: 1 } }]',
      path: 'spec.workloads[0].resources',
      message: /not both/,
    },
    {
      name: 'a container name used twice',
      fields: 'containers: [{ name: a, requests: { cpu: 1 } }]\ninitContainers: [{ name: a, requests: { cpu: 1 } }]',
      path: 'spec.workloads[0].initContainers[0].name',
      message: /used twice/,
    },
    {
      name: 'a misspelt resource',
      fields: 'resources: { cpus: 1 }',
      path: 'spec.workloads[0].resources.cpus',
      message: /unknown resource "cpus"/,
      suggestion: 'cpu',
    },
    {
      name: 'a bare extended name under ext',
      fields: 'resources: { cpu: 1, ext: { fpga: 1 } }',
      path: 'spec.workloads[0].resources.ext.fpga',
      message: /domain\/name/,
    },
    {
      name: 'gpu and nvidia.com/gpu together',
      fields: 'resources: { gpu: 1, nvidia.com/gpu: 1 }',
      path: 'spec.workloads[0].resources["nvidia.com/gpu"]',
      message: /same resource/,
    },
    {
      name: 'a fraction of an extended resource',
      fields: 'resources: { example.com/fpga: 0.5 }',
      path: 'spec.workloads[0].resources["example.com/fpga"]',
      message: /whole units/,
    },
  ];
  it.each(bad)('rejects $name at its field', ({ fields, path, message, suggestion }) => {
    const errors = errorsOf(jobYaml(fields));
    expect(pathOf(errors[0])).toBe(path);
    expect(errors[0]?.message).toMatch(message);
    if (suggestion !== undefined) expect(errors[0]?.suggestion).toBe(suggestion);
  });
});
