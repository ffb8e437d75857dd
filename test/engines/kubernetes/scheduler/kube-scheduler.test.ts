import { describe, expect, it } from 'vitest';
import { kubeTrial } from '../harness.js';

/*
 * Preemption bookkeeping in a full cell: 8 low pods fill 2 nodes; 4 high pods of equal priority then
 * arrive together and race for the same victims. Upstream kube-scheduler evicts exactly 4:
 * - `prepareCandidate` skips a victim that already has a deletionTimestamp ("Graceful pod deletion
 *   has already started"), so a victim picked again by a second preemptor is deleted once;
 * - `PodEligibleToPreemptOthers` refuses a preemptor whose nominated node still holds a pod it
 *   preempted that is terminating (it waits for its victims instead of preempting again);
 * - `assume` calls `DeleteNominatedPodIfExists`, so a pod that binds stops counting as nominated
 *   (otherwise it counts twice in other pods' `RunFilterPluginsWithNominatedPods`).
 * (pkg/scheduler/framework/preemption/executor.go, plugins/defaultpreemption/default_preemption.go,
 * pkg/scheduler/schedule_one.go.)
 */
const yaml = `apiVersion: schedbench/v1
kind: Scenario
metadata:
  name: k8s-preemption-race
spec:
  duration: 2m
  seeds: [1]
  cluster:
    nodeGroups:
      - name: node
        count: 2
        resources: { cpu: 4, memory: 16Gi }
  workloads:
    - kind: Service
      name: low
      replicas: 8
      resources: { cpu: 1, memory: 1Gi }
    - kind: Service
      name: high
      replicas: 4
      priority: 100
      startAt: 30s
      resources: { cpu: 1, memory: 1Gi }
`;

describe('kube-scheduler: preemption bookkeeping when preemptors race', () => {
  it.each([1, 2, 3])('seed %i: evicts exactly one victim per high pod, each once, and places all 4', (seed) => {
    const t = kubeTrial(yaml, seed, true);
    t.runTo(90);
    expect(t.ofKind('counter').filter((c) => c.name === 'preemption-victim')).toHaveLength(4);
    const high = t.ofKind('task-running').filter((e) => e.task.workload === 'high');
    expect(high).toHaveLength(4);
    // Victims may be named again by a later preemptor (they still hold their room while they
    // terminate), but no more than 4 distinct low pods are ever named.
    const named = new Set<string>();
    for (const e of t.ofKind('explain')) {
      const preemption = (e.record as { preemption?: { victims: string[] } }).preemption;
      for (const v of preemption?.victims ?? []) named.add(v);
    }
    expect(named.size).toBe(4);
    expect(t.cluster.used('node-0').cpu + t.cluster.used('node-1').cpu).toBe(8000);
  });
});
