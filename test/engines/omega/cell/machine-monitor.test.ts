import { describe, expect, it } from 'vitest';
import { omegaEngine } from '../../../../src/engines/omega/index.js';
import { engineTrial } from '../../../support/engine-harness.js';

const PARTITION = `apiVersion: schedbench/v1
kind: Scenario
metadata: { name: omega-partition }
spec:
  duration: 3m
  seeds: [1]
  cluster:
    nodeGroups:
      - { name: node, count: 4, resources: { cpu: 8, memory: 32Gi } }
  workloads:
    - { kind: Service, name: web, replicas: 8, resources: { cpu: 1, memory: 1Gi } }
  events:
    - { kind: partition, at: 30s, nodes: { names: [node-2] }, healAfter: 40s }
`;

describe('the cell state’s machine monitor', () => {
  it('marks a cut-off machine down, has its replicas replaced, and kills the orphans when it answers again (Borg §3.3)', () => {
    const t = engineTrial(omegaEngine, PARTITION);
    t.runTo(180);
    const down = t.ofKind('counter').filter((c) => c.name === 'machine-marked-down');
    expect(down).toHaveLength(1);
    const placedOnPartitioned = t
      .ofKind('task-placed')
      .filter((p) => p.node === 'node-2' && p.time < 30e6)
      .map((p) => p.taskId);
    expect(placedOnPartitioned.length).toBeGreaterThan(0);
    // After the heal (70 s) the next poll finds them still running there: they are stopped.
    const stopped = t.ofKind('task-ended').filter((e) => e.how === 'stopped' && placedOnPartitioned.includes(e.task.id));
    expect(stopped.map((e) => e.task.id).sort()).toEqual([...placedOnPartitioned].sort());
    for (const e of stopped) expect(e.time).toBeGreaterThan(70e6);
    const running = new Set(t.ofKind('task-running').map((e) => e.task.id));
    for (const e of t.ofKind('task-ended')) running.delete(e.task.id);
    expect(running.size).toBe(8);
  });
});
