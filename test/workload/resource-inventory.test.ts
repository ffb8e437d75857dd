import { describe, expect, it } from 'vitest';
import { inInventory, scenarioResourceNames } from '../../src/workload/resource-inventory.js';
import { scenarioFromYaml, scenarioYaml } from '../support/scenario.js';

describe('scenarioResourceNames', () => {
  const doc = scenarioFromYaml(
    scenarioYaml({
      workloads: `- kind: BatchJob
  name: job
  tasks: 1
  duration: 5s
  submitAt: 1s
  containers: [{ name: a, requests: { cpu: 1, example.com/fpga: 1 } }]
  overhead: { example.com/sriov: 1 }
- kind: Service
  name: web
  replicas: 1
  resources: { cpu: 1, gpu: 0 }`,
      events: '- { kind: rollout, at: 10s, service: web, version: v2, resources: { cpu: 1, example.com/nic: 1 } }',
    }),
  ).doc;

  it('has cpu and memory, and every resource a node, container, overhead or rollout asks for in a positive amount', () => {
    expect(scenarioResourceNames(doc)).toEqual(['cpu', 'example.com/fpga', 'example.com/nic', 'example.com/sriov', 'memory']);
  });
  it('knows GPUs by both names, and only when something has them', () => {
    expect(inInventory('gpu', scenarioResourceNames(doc))).toBe(false);
    expect(inInventory('gpu', ['cpu', 'memory', 'nvidia.com/gpu'])).toBe(true);
    expect(inInventory('nvidia.com/gpu', ['cpu', 'memory', 'nvidia.com/gpu'])).toBe(true);
  });
});
