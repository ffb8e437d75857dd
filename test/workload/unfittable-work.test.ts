import { describe, expect, it } from 'vitest';
import { describeWarning, unfittableWork } from '../../src/workload/unfittable-work.js';
import { scenarioFromYaml } from '../support/scenario.js';

/** Two 4-core nodes labelled disk=ssd, one 2-core node labelled disk=hdd; the workloads and events given. */
const scenario = (workloads: string, events = '[]'): ReturnType<typeof scenarioFromYaml> =>
  scenarioFromYaml(`apiVersion: schedbench/v1
kind: Scenario
metadata:
  name: fit
spec:
  duration: 1m
  seeds: [1]
  cluster:
    nodeGroups:
      - name: ssd
        count: 2
        resources: { cpu: 4, memory: 8Gi }
        labels: { disk: ssd }
      - name: hdd
        count: 1
        resources: { cpu: 2, memory: 8Gi }
        labels: { disk: hdd }
  workloads:
${workloads}
  events: ${events}
`);

describe('unfittableWork', () => {
  it('finds nothing when every task fits some node and every service fits the cluster', () => {
    const s = scenario(`    - { kind: Service, name: web, replicas: 10, resources: { cpu: 1, memory: 1Gi } }
    - { kind: BatchJob, name: jobs, tasks: 3, resources: { cpu: 4, memory: 1Gi }, duration: 10s, submitAt: 1s }`);
    expect(unfittableWork(s.doc)).toEqual([]);
  });

  it('finds a task larger than every node, counting only the nodes its constraints admit', () => {
    const s = scenario(`    - { kind: BatchJob, name: big, tasks: 1, resources: { cpu: 5, memory: 1Gi }, duration: 10s, submitAt: 1s }
    - kind: BatchJob
      name: picky
      tasks: 1
      resources: { cpu: 3, memory: 1Gi }
      duration: 10s
      submitAt: 1s
      constraints: { nodeSelector: { disk: hdd } }`);
    expect(unfittableWork(s.doc)).toEqual([
      { workload: 'big', kind: 'task-fits-no-node' },
      { workload: 'picky', kind: 'task-fits-no-node' },
    ]);
  });

  it('finds a service whose replicas (declared, or scaled to later) exceed what all admitting nodes hold', () => {
    const s = scenario(
      `    - { kind: Service, name: web, replicas: 4, resources: { cpu: 2, memory: 1Gi } }`,
      `
    - { kind: scale, at: 10s, service: web, replicas: 6 }`,
    );
    // 4 + 4 + 2 cores hold 2 + 2 + 1 replicas of 2 cores.
    expect(unfittableWork(s.doc)).toEqual([{ workload: 'web', kind: 'replicas-exceed-capacity', replicas: 6, capacity: 5 }]);
    expect(describeWarning('fit', { workload: 'web', kind: 'replicas-exceed-capacity', replicas: 6, capacity: 5 })).toMatch(
      /^fit: service web asks for 6 replicas but the whole cluster holds at most 5/,
    );
  });
});
