import { describe, expect, it } from 'vitest';
import { jobBackoff } from '../../../src/engines/kubernetes/controllers/job-controller.js';
import { duration } from '../../../src/sim/duration.js';
import { kubeTrial } from './harness.js';

function yaml(engines = '', sync = false): string {
  return `apiVersion: schedbench/v1
kind: Scenario
metadata:
  name: k8s-job
spec:
  duration: 2m
  seeds: [1]
  cluster:
    nodeGroups:
      - name: node
        count: 2
        resources: { cpu: 8, memory: 32Gi }
  workloads:
    - kind: BatchJob
      name: etl
      tasks: 2
      resources: { cpu: 1, memory: 1Gi }
      duration: 5s
      failureProbability: 1
${sync ? '      sync: true\n' : ''}${engines}`;
}

describe('Job controller', () => {
  const rows = [
    { failures: 1, want: '10s' },
    { failures: 2, want: '20s' },
    { failures: 4, want: '80s' },
    { failures: 7, want: '10m' },
  ];
  it.each(rows)('pod-failure back-off after $failures failures is $want', ({ failures, want }) => {
    expect(jobBackoff({ podFailureBackoff: duration('10s'), maxPodFailureBackoff: duration('10m') }, failures)).toBe(duration(want));
  });

  it('retries a failed first attempt after the doubling back-off, with exitAs finished, and completes', () => {
    const t = kubeTrial(yaml());
    t.runTo(120);
    const ended = t.ofKind('task-ended').filter((e) => e.how === 'failed' || e.how === 'finished');
    expect(ended.map((e) => [e.task.taskKey, e.how]).sort()).toEqual([
      ['etl#0', 'failed'],
      ['etl#0', 'finished'],
      ['etl#1', 'failed'],
      ['etl#1', 'finished'],
    ]);
    const lastFailure = Math.max(...ended.filter((e) => e.how === 'failed').map((e) => e.time));
    const retries = t.ofKind('task-placed').slice(2);
    expect(retries).toHaveLength(2);
    // two consecutive failures → 20 s from the last one (plus a few ms of hops)
    for (const r of retries) expect((r.time - lastFailure) / 1e6).toBeGreaterThanOrEqual(20);
    for (const r of retries) expect((r.time - lastFailure) / 1e6).toBeLessThan(20.1);
    expect(t.engine.api.all('Job')[0]?.status).toMatchObject({ condition: 'Complete', succeeded: 2, failed: 2 });
  });

  it('batches pod events: a burst of pod transitions within the batch period is one sync and one status write', () => {
    // 20 one-second tasks that all start together: 60 pod transitions (created, running, succeeded).
    const burst = yaml().replace('tasks: 2', 'tasks: 20').replace('count: 2', 'count: 4').replace('duration: 5s\n      failureProbability: 1', 'duration: 1s');
    const writes = (period: string): number => {
      const t = kubeTrial(`${burst}  engines:\n    kubernetes:\n      job: { syncBatchPeriod: ${period} }\n`);
      t.runTo(60);
      expect(t.engine.api.all('Job')[0]?.status).toMatchObject({ condition: 'Complete', succeeded: 20 });
      return t.ofKind('message').filter((e) => e.label === 'job-status').length;
    };
    // Upstream's 1 s batch: the creation sync, one or two batched syncs while the pods run, the completion.
    expect(writes('1s')).toBeLessThanOrEqual(5);
    // Without batching (a sync per pod event) the same Job writes its status many more times.
    expect(writes('1us')).toBeGreaterThan(10);
  });

  it('fails the Job past backoffLimit', () => {
    const t = kubeTrial(yaml(`  engines:\n    kubernetes:\n      job: { backoffLimit: 1 }\n`));
    t.runTo(120);
    expect(t.ofKind('job-abandoned').map((e) => e.job)).toEqual(['etl']);
    expect(t.engine.api.all('Job')[0]?.status.condition).toBe('Failed');
  });

  it('tells a sync client one watch hop after the completion is written', () => {
    const t = kubeTrial(yaml('', true));
    t.runTo(120);
    const informed = t.ofKind('client-informed');
    expect(informed).toHaveLength(1);
    expect(informed[0]?.hops).toBe(4);
  });
});
