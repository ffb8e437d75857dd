import { describe, expect, it } from 'vitest';
import { type MesosMaster } from '../../../../src/engines/mesos/master/master.js';
import { PRIORITY } from '../../../../src/sim/simulator.js';
import { type SimTime } from '../../../../src/sim/time.js';
import { CONTRACT_SCENARIO } from '../../contract.js';
import { scenarioYaml } from '../../../support/scenario.js';
import { mesosTrial } from '../harness.js';

const CHURN = scenarioYaml({
  duration: '6m',
  nodes: 6,
  nodeCpu: 8,
  nodeMemory: '32Gi',
  tenants: '- name: a\n- name: b\n  weight: 2',
  workloads: `- kind: Service
  name: web
  tenant: a
  replicas: 12
  resources: { cpu: 1, memory: 2Gi }
- kind: BatchJob
  name: etl
  tenant: b
  tasks: { kind: uniform, min: 1, max: 12 }
  resources: { cpu: 500m, memory: 1Gi }
  duration: { kind: exponential, mean: 20s }
  failureProbability: 0.3
  arrivals: { meanInterArrival: 4s, until: 5m }`,
  events: `- kind: crash
  at: 40s
  nodes: { count: 1 }
  recoverAfter: 90s
- kind: partition
  at: 100s
  nodes: { count: 1 }
  healAfter: 2m
- kind: scheduler-crash
  at: 150s
  component: batch
  downFor: 15s
- kind: scheduler-crash
  at: 170s
  component: marathon
  downFor: 15s
- kind: rollout
  at: 200s
  service: web
  version: v2
- kind: scale
  at: 260s
  service: web
  replicas: 4`,
});

describe('MesosMaster books', () => {
  const rows = [
    { name: 'the contract scenario', yaml: CONTRACT_SCENARIO, seconds: 720 },
    { name: 'churn with every fault kind and the fair-share mode off', yaml: CHURN, seconds: 360 },
    { name: 'churn with fair-share offers', yaml: CHURN.replace('spec:\n', 'spec:\n  engines:\n    mesos:\n      offerMode: fair-share\n'), seconds: 360 },
  ];
  for (const row of rows) {
    it(`agree with the allocator and the nodes throughout ${row.name}`, () => {
      const t = mesosTrial(row.yaml, 3);
      const master = (t.engine as unknown as { master: MesosMaster }).master;
      const problems: string[] = [];
      for (let s = 5; s <= row.seconds; s += 5) {
        t.sim.at(Math.round(s * 1e6 - 1) as SimTime, () => problems.push(...master.checkInvariants().map((p) => `${s}s ${p}`)), undefined, PRIORITY.observe);
      }
      t.runTo(row.seconds);
      expect(problems).toEqual([]);
    });
  }
});
