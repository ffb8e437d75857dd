import { describe, expect, it } from 'vitest';
import { borgEngine } from '../../../src/engines/borg/index.js';
import { engineTrial } from '../../support/engine-harness.js';

/*
 * The Borglet restarts a failed service replica in place ([B] §3.3): same instance, same machine,
 * resources kept, a new container after the task start time. Borg has no dependency order, so an
 * app that needs another one not yet ready crashes and is restarted until it is.
 */
const yaml = `
apiVersion: schedbench/v1
kind: Scenario
metadata: { name: borglet-restart, title: t, description: d, lesson: l }
spec:
  duration: 5m
  seeds: [1]
  cluster:
    nodeGroups:
      - { name: node, count: 4, resources: { cpu: 8, memory: 32Gi } }
  workloads:
    - { kind: Service, name: db, replicas: 1, resources: { cpu: 500m, memory: 1Gi }, startup: 30s }
    - { kind: Service, name: api, replicas: 2, resources: { cpu: 500m, memory: 1Gi }, startup: 5s, dependsOn: [db] }
`;

describe('Borglet: in-place restarts of a service with an app lifecycle', () => {
  it('restarts a crashed replica in place until its dependency is ready, never replacing it', () => {
    const t = engineTrial(borgEngine, yaml);
    t.runTo(300);
    const exits = t.ofKind('process-exited').filter((e) => e.task.workload === 'api');
    const restarts = t.ofKind('task-restarted').filter((e) => e.task.workload === 'api');
    expect(exits.length).toBeGreaterThan(0);
    expect(exits.every((e) => e.reason === 'dependency-missing')).toBe(true);
    // Each exit is followed by a restart of the same instance at the same instant.
    expect(restarts.map((e) => [e.task.id, e.time])).toEqual(exits.map((e) => [e.task.id, e.time]));
    expect(restarts.every((e) => !e.killedRunning)).toBe(true);
    // Only the two original replicas ever existed: no replacement task.
    expect(t.ofKind('task-launched').filter((e) => e.task.workload === 'api')).toHaveLength(2);
    const ready = t.ofKind('task-readiness').filter((e) => e.task.workload === 'api' && e.ready);
    expect(new Set(ready.map((e) => e.task.id)).size).toBe(2);
  });
});
