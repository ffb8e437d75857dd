import { describe, expect, it } from 'vitest';
import { failedAt, isFailed, JobPodIndex } from '../../../../src/engines/kubernetes/controllers/job-pod-index.js';
import { isActive, JOB_TRACKING_FINALIZER, type JobTask, keyOf, type Pod } from '../../../../src/engines/kubernetes/objects.js';
import { type InformerHandlers, type Informer } from '../../../../src/engines/kubernetes/store/informer.js';
import { Rng } from '../../../../src/sim/rng.js';

const JOB = 'job-uid';

/** A stand-in pod informer: the test drives the handlers directly. */
function fakeInformer(): { informer: Informer<'Pod'>; h: () => InformerHandlers<Pod> } {
  let handlers: InformerHandlers<Pod> | undefined;
  const informer = { addHandlers: (x: InformerHandlers<Pod>) => (handlers = x) } as unknown as Informer<'Pod'>;
  return { informer, h: () => handlers as InformerHandlers<Pod> };
}

function mkPod(name: string, index: number, phase: Pod['status']['phase'], extra: { finishedAt?: number; deleting?: number } = {}): Pod {
  return {
    kind: 'Pod',
    meta: {
      name,
      namespace: 'ns',
      uid: `uid-${name}`,
      resourceVersion: 1,
      creationTimestamp: 0,
      labels: {},
      owner: { kind: 'Job', name: 'j', uid: JOB },
      finalizers: [JOB_TRACKING_FINALIZER],
      ...(extra.deleting !== undefined ? { deletionTimestamp: extra.deleting } : {}),
    },
    spec: { index },
    status: { phase, ready: false, restartCount: 0, ...(extra.finishedAt !== undefined ? { finishedAt: extra.finishedAt } : {}) },
  } as unknown as Pod;
}

/** What the Job controller computed by scanning every pod and task (the behaviour to keep). */
function fullScan(pods: readonly Pod[], tasks: readonly JobTask[], want: number, since: number) {
  const succeeded = new Set(pods.filter((p) => p.status.phase === 'Succeeded').map((p) => p.spec.index));
  const running = new Set(pods.filter(isActive).map((p) => p.spec.index));
  let lastSuccess = 0;
  for (const p of pods) if (p.status.phase === 'Succeeded') lastSuccess = Math.max(lastSuccess, p.status.finishedAt ?? 0);
  let lastFailure = 0;
  for (const p of pods) if (isFailed(p)) lastFailure = Math.max(lastFailure, failedAt(p));
  return {
    succeeded: succeeded.size,
    active: pods.filter(isActive).length,
    lastSuccess,
    lastFailure,
    since: pods.filter((p) => isFailed(p) && failedAt(p) >= since).length,
    missing: tasks
      .filter((t) => !succeeded.has(t.index) && !running.has(t.index))
      .slice(0, Math.max(0, want))
      .map((t) => t.index),
  };
}

describe('JobPodIndex', () => {
  it('answers as a full scan of pods and tasks would, through random pod events', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const rng = Rng.root(seed);
      const { informer, h } = fakeInformer();
      const index = new JobPodIndex(informer, () => new Set());
      // Duplicate and out-of-order indexes too: the index must follow task order, not index order.
      const tasks = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 3, 12, 11].map((i) => ({ index: i }) as JobTask);
      const pods = new Map<string, Pod>();
      let n = 0;
      for (let step = 0; step < 400; step++) {
        const roll = rng.int(0, 9);
        const keys = [...pods.keys()];
        if (roll < 4 || keys.length === 0) {
          const p = mkPod(`p${n++}`, (tasks[rng.int(0, tasks.length - 1)] as JobTask).index, 'Pending');
          pods.set(keyOf(p), p);
          h().onAdd?.(p, keyOf(p));
        } else if (roll < 8) {
          const old = pods.get(keys[rng.int(0, keys.length - 1)] as string) as Pod;
          const kind = rng.int(0, 3);
          const t = rng.int(1, 1000);
          const p =
            kind === 0
              ? mkPod(old.meta.name, old.spec.index as number, 'Succeeded', { finishedAt: t })
              : kind === 1
                ? mkPod(old.meta.name, old.spec.index as number, 'Failed', { finishedAt: t })
                : kind === 2
                  ? mkPod(old.meta.name, old.spec.index as number, 'Running', { deleting: t })
                  : mkPod(old.meta.name, old.spec.index as number, 'Running');
          pods.set(keyOf(p), p);
          h().onUpdate?.(old, p, keyOf(p));
        } else {
          const p = pods.get(keys[rng.int(0, keys.length - 1)] as string) as Pod;
          pods.delete(keyOf(p));
          h().onDelete?.(p, keyOf(p));
        }
        const want = rng.int(-1, tasks.length);
        const since = rng.int(0, 1000);
        const j = index.of(JOB);
        const got = {
          succeeded: j.succeededAt.size,
          active: j.active,
          lastSuccess: index.lastSuccess(j),
          lastFailure: index.lastFailure(j),
          since: index.failuresSince(j, since),
          missing: index.missingTasks(j, tasks, want).map((t) => t.index),
        };
        expect(got, `seed ${seed} step ${step}`).toEqual(fullScan([...pods.values()], tasks, want, since));
      }
    }
  });

  it('hands out each uncounted failed pod once', () => {
    const { informer, h } = fakeInformer();
    const counted = new Set<string>();
    const index = new JobPodIndex(informer, () => counted);
    h().onAdd?.(mkPod('a', 0, 'Failed', { finishedAt: 5 }), 'ns/a');
    h().onAdd?.(mkPod('b', 1, 'Running'), 'ns/b');
    const j = index.of(JOB);
    const first = index.takeNewFailures(j);
    for (const uid of first) counted.add(uid);
    h().onUpdate?.(mkPod('a', 0, 'Failed', { finishedAt: 5 }), mkPod('a', 0, 'Failed', { finishedAt: 6 }), 'ns/a');
    expect([first, index.takeNewFailures(j)]).toEqual([['uid-a'], []]);
  });
});
