import { describe, expect, it } from 'vitest';
import { oracleEngine } from '../../../src/engines/oracle/index.js';
import { engineTrial } from '../../support/engine-harness.js';

const yaml = `apiVersion: schedbench/v1
kind: Scenario
metadata: { name: oracle-considered }
spec:
  duration: 60s
  seeds: [1]
  cluster:
    nodes:
      - { name: only, resources: { cpu: 2, memory: 8Gi } }
  workloads:
    - kind: BatchJob
      name: fits
      tasks: 2
      resources: { cpu: 1, memory: 1Gi }
      duration: { kind: constant, value: 20s }
    - kind: BatchJob
      name: later
      submitAt: 5s
      tasks: 1
      resources: { cpu: 1, memory: 1Gi }
      duration: { kind: constant, value: 5s }
`;

describe('oracle: job-considered (the end of a job’s queue wait)', () => {
  it('is sent when a batch pass first tries the job, whether or not it finds room, once per job', () => {
    const t = engineTrial(oracleEngine, yaml);
    t.runTo(60);
    const considered = t.ofKind('job-considered').map((e) => [e.time / 1e6, e.job]);
    // `later` finds the node full at 5 s and is placed when `fits` ends (21 s), yet its queue wait ends at 5 s.
    expect(considered).toEqual([
      [0, 'fits'],
      [5, 'later'],
    ]);
    const placedLater = t.ofKind('task-placed').find((e) => e.workload === 'later');
    expect((placedLater?.time ?? 0) / 1e6).toBe(21);
  });
});
