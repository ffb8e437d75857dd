import { describe, expect, it } from 'vitest';
import { gcOrder } from '../../../src/engines/kubernetes/controllers/pod-gc-controller.js';
import { isTerminal, keyOf, type Pod } from '../../../src/engines/kubernetes/objects.js';
import { Informer } from '../../../src/engines/kubernetes/store/informer.js';
import { kubeTrial } from './harness.js';

/** One Indexed Job of `tasks` one-second tasks (the first attempt of each fails when `fail`), and PodGC at `threshold`. */
function yaml(o: { tasks: number; threshold: number; finalizers: boolean; fail?: boolean; extra?: string }): string {
  return `apiVersion: schedbench/v1
kind: Scenario
metadata:
  name: k8s-podgc
spec:
  duration: 3m
  seeds: [1]
  cluster:
    nodeGroups:
      - name: node
        count: 2
        resources: { cpu: 8, memory: 32Gi }
  workloads:
    - kind: BatchJob
      name: etl
      tasks: ${o.tasks}
      resources: { cpu: 1, memory: 1Gi }
      duration: 1s
${o.fail ? '      failureProbability: 1\n' : ''}${o.extra ?? ''}  engines:
    kubernetes:
      podGC: { terminatedPodGCThreshold: ${o.threshold} }
      job: { trackingFinalizers: ${o.finalizers}, backoffLimit: 1000 }
`;
}

function counter(t: ReturnType<typeof kubeTrial>, name: string): number {
  return t
    .ofKind('counter')
    .filter((e) => e.name === name)
    .reduce((sum, e) => sum + e.by, 0);
}

describe('PodGC controller', () => {
  for (const finalizers of [true, false]) {
    it(`deletes the oldest terminated pods above the threshold; the Job's counts survive (tracking finalizers ${finalizers ? 'on' : 'off'})`, () => {
      const t = kubeTrial(yaml({ tasks: 30, threshold: 10, finalizers }));
      const created: Pod[] = [];
      new Informer(t.engine.api, 'Pod', '@test').addHandlers({ onAdd: (p) => void created.push(p) });
      t.runTo(180);
      const pods = t.engine.api.all('Pod');
      expect(pods).toHaveLength(10);
      expect(pods.every(isTerminal)).toBe(true);
      expect(counter(t, 'pod-gc:terminated')).toBeGreaterThanOrEqual(20);
      // The 10 kept are the last 10 in upstream's order (oldest by creation deleted first).
      const order = [...created].sort(gcOrder).map((p) => p.meta.name);
      expect(pods.map((p) => p.meta.name).sort()).toEqual(order.slice(-10).sort());
      const job = t.engine.api.all('Job')[0];
      expect(job?.status).toMatchObject({ condition: 'Complete', succeeded: 30, failed: 0 });
      expect(job?.status.completedIndexes?.toString()).toBe('0-29');
      expect(pods.every((p) => p.meta.finalizers === undefined)).toBe(true);
    });
  }

  it("keeps a Job's failed count in its status after its failed pods are deleted, and tracks failures through uncountedTerminatedPods", () => {
    const t = kubeTrial(yaml({ tasks: 12, threshold: 4, finalizers: true, fail: true }));
    let uncounted = 0;
    new Informer(t.engine.api, 'Job', '@test').addHandlers({
      onUpdate: (_o, j) => void (uncounted = Math.max(uncounted, j.status.uncountedFailed?.length ?? 0)),
    });
    t.runTo(180);
    expect(t.engine.api.all('Pod')).toHaveLength(4);
    const job = t.engine.api.all('Job')[0];
    expect(job?.status).toMatchObject({ condition: 'Complete', succeeded: 12, failed: 12 });
    expect(t.ofKind('task-ended').filter((e) => e.how === 'failed')).toHaveLength(12);
    // Failures were first written as uncounted, then moved to `failed` once their finalizers were gone.
    expect(uncounted).toBeGreaterThan(0);
    expect(job?.status.uncountedFailed).toEqual([]);
  });

  it('deletes nothing with threshold 0 (upstream: "<= 0" turns the collector off), and costs no event while idle', () => {
    const off = kubeTrial(yaml({ tasks: 30, threshold: 0, finalizers: false }));
    off.runTo(180);
    expect(off.engine.api.all('Pod')).toHaveLength(30);
    expect(counter(off, 'pod-gc:terminated')).toBe(0);
    const high = kubeTrial(yaml({ tasks: 30, threshold: 12_500, finalizers: false }));
    high.runTo(180);
    expect(high.sim.eventsProcessed).toBe(off.sim.eventsProcessed);
  });

  it('holds a deleted pod with finalizers until they go, then the store deletes it', () => {
    const t = kubeTrial(yaml({ tasks: 1, threshold: 0, finalizers: true }));
    const api = t.engine.api;
    t.runTo(0.5);
    const [pod] = api.all('Pod');
    expect(pod?.meta.finalizers).toEqual(['batch.kubernetes.io/job-tracking']);
    const key = `${pod?.meta.namespace}/${pod?.meta.name}`;
    expect(api.apply({ verb: 'delete', kind: 'Pod', key, force: true }).kind).toBe('ok');
    expect(api.get('Pod', key)?.meta).toMatchObject({ deletionGracePeriodSeconds: 0 });
    expect(api.get('Pod', key)?.meta.deletionTimestamp).toBeDefined();
    t.runTo(5);
    expect(api.get('Pod', key)).toBeUndefined();
  });

  it('marks Failed and deletes an unscheduled terminating pod, and orphaned pods of a node deleted for good', () => {
    const t = kubeTrial(
      yaml({
        tasks: 1,
        threshold: 0,
        finalizers: false,
        extra: '    - kind: Service\n      name: web\n      replicas: 4\n      resources: { cpu: 1, memory: 1Gi }\n',
      }),
    );
    const api = t.engine.api;
    t.runTo(10);
    const held = { ...(api.all('Pod').find((p) => p.spec.workload === 'web') as Pod) };
    const ghost: Pod = {
      ...held,
      meta: { ...held.meta, name: 'ghost', finalizers: ['example.com/hold'] },
      spec: { ...held.spec, nodeName: undefined as never },
      status: { phase: 'Pending', ready: false, restartCount: 0 },
    };
    const { nodeName: _n, ...unbound } = ghost.spec;
    api.apply({ verb: 'create', obj: { ...ghost, spec: unbound } });
    const ghostKey = keyOf(ghost);
    api.apply({ verb: 'delete', kind: 'Pod', key: ghostKey });
    const victimNode = api.all('Pod').find((p) => p.spec.workload === 'web' && p.spec.nodeName !== undefined)?.spec.nodeName as string;
    const onVictim = api
      .all('Pod')
      .filter((p) => p.spec.nodeName === victimNode)
      .map((p) => p.meta.name);
    expect(onVictim.length).toBeGreaterThan(0);
    api.apply({ verb: 'delete', kind: 'Node', key: victimNode });
    t.runTo(40);
    expect(api.get('Pod', ghostKey)?.status.phase).toBe('Failed');
    expect(counter(t, 'pod-gc:terminating-unscheduled')).toBeGreaterThanOrEqual(1);
    expect(counter(t, 'pod-gc:orphaned')).toBe(0);
    t.runTo(120);
    // After the 40 s quarantine and a GET that finds no node, its pods are deleted (the ReplicaSet replaces them).
    expect(counter(t, 'pod-gc:orphaned')).toBeGreaterThanOrEqual(onVictim.length);
    for (const name of onVictim) expect(api.all('Pod').some((p) => p.meta.name === name && p.spec.nodeName === victimNode)).toBe(false);
  });

  it('orders evicted pods first, then by creation, then by name (byEvictionAndCreationTimestamp)', () => {
    const mk = (name: string, created: number, reason?: string): Pod =>
      ({ meta: { name, creationTimestamp: created }, status: { phase: 'Failed', ...(reason ? { reason } : {}) } }) as unknown as Pod;
    const sorted = [mk('b', 5), mk('a', 5), mk('old', 1), mk('evicted', 9, 'Evicted')].sort(gcOrder).map((p) => p.meta.name);
    expect(sorted).toEqual(['evicted', 'old', 'a', 'b']);
  });
});
