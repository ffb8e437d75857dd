import { describe, expect, it } from 'vitest';
import { checkEngineOptions } from '../../src/runner/engine-options.js';
import { scenarioFromYaml, scenarioYaml } from '../support/scenario.js';

/** A scenario with a GPU pool and an fpga node, and the given kube-scheduler scoring resources. */
const withScoring = (resources: string) =>
  scenarioFromYaml(
    scenarioYaml({
      workloads: '- kind: Service\n  name: web\n  replicas: 2\n  resources: { cpu: 1, memory: 1Gi }',
      engines: `kubernetes:\n  scheduler:\n    scoringStrategy:\n      type: MostAllocated\n      resources: ${resources}`,
    }).replace(
      '        zones: [a, b]\n',
      '        zones: [a, b]\n      - name: gpu\n        count: 1\n        resources: { cpu: 8, memory: 64Gi, nvidia.com/gpu: 4, example.com/fpga: 1 }\n',
    ),
    'scoring.yaml',
  );

describe('scoring resources checked against the scenario', () => {
  it('accepts cpu, memory and every resource some node has, in either GPU spelling', () => {
    for (const names of ['[{ name: cpu }, { name: nvidia.com/gpu }]', '[{ name: gpu }, { name: example.com/fpga }]']) {
      expect(checkEngineOptions(withScoring(names), 'kubernetes').ok).toBe(true);
    }
  });

  it('rejects a resource no node or pod has, at its field, with the closest name the scenario has', () => {
    const checked = checkEngineOptions(withScoring('[{ name: cpu }, { name: nvidia.com/gpus }]'), 'kubernetes');
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors).toHaveLength(1);
    expect(checked.errors[0]).toMatchObject({
      file: 'scoring.yaml',
      path: 'spec.engines.kubernetes.scheduler.scoringStrategy.resources[1].name',
      suggestion: 'nvidia.com/gpu',
    });
    expect(checked.errors[0]?.message).toMatch(/no node and no pod of this scenario has resource "nvidia.com\/gpus"/);
  });

  it('rejects a real Kubernetes resource the simulator does not model (ephemeral-storage)', () => {
    const checked = checkEngineOptions(withScoring('[{ name: ephemeral-storage }]'), 'kubernetes');
    expect(checked.ok).toBe(false);
  });
});
