import { describe, expect, it } from 'vitest';
import { NO_CONSTRAINTS } from '../../../../src/cluster/constraints.js';
import { type Deployment, type Pod } from '../../../../src/engines/kubernetes/objects.js';
import { ApiServer } from '../../../../src/engines/kubernetes/store/api-server.js';
import { Informer } from '../../../../src/engines/kubernetes/store/informer.js';
import { miniContext } from '../mini-context.js';

function deployment(replicas: number): Deployment {
  return {
    kind: 'Deployment',
    meta: { name: 'web', namespace: 'ns', uid: '', resourceVersion: 0, creationTimestamp: 0 as never, labels: {} },
    spec: {
      replicas,
      template: { version: 'v1', requests: { cpu: 1, memory: 1, gpu: 0 }, priority: 0, constraints: NO_CONSTRAINTS },
      maxSurge: '25%',
      maxUnavailable: '25%',
      revisionHistoryLimit: 10,
    },
    status: { replicas: 0, updatedReplicas: 0, availableReplicas: 0 },
  };
}

function pod(nodeName?: string): Pod {
  return {
    kind: 'Pod',
    meta: { name: 'p', namespace: 'ns', uid: '', resourceVersion: 0, creationTimestamp: 0 as never, labels: {} },
    spec: {
      priority: 0,
      preemptionPolicy: 'PreemptLowerPriority',
      requests: { cpu: 1, memory: 1, gpu: 0 },
      constraints: NO_CONSTRAINTS,
      tolerations: [],
      restartPolicy: 'Always',
      workload: 'w',
      tenant: 'ns',
      ...(nodeName ? { nodeName } : {}),
    },
    status: { phase: 'Running', ready: true, restartCount: 0 },
  };
}

describe('ApiServer', () => {
  it('rejects an update based on a stale resourceVersion; the caller re-reads and retries', () => {
    const m = miniContext();
    const api = new ApiServer(m.ctx, 300);
    const created = api.apply({ verb: 'create', obj: deployment(3) });
    if (created.kind !== 'ok' || !created.obj) throw new Error('create failed');
    const stale = created.obj as Deployment;
    api.apply({ verb: 'update', obj: { ...stale, spec: { ...stale.spec, replicas: 5 } } });
    const r = api.apply({ verb: 'update', obj: { ...stale, status: { ...stale.status, replicas: 3 } } });
    expect(r.kind).toBe('conflict');
    if (r.kind !== 'conflict') return;
    const fresh = r.current as Deployment;
    const retry = api.apply({ verb: 'update', obj: { ...fresh, status: { ...fresh.status, replicas: 3 } } });
    expect(retry.kind).toBe('ok');
    expect(api.get('Deployment', 'ns/web')?.spec.replicas).toBe(5);
    expect(api.get('Deployment', 'ns/web')?.status.replicas).toBe(3);
    expect(m.counter('store-conflict')).toBe(1);
    expect(m.counter('store-write')).toBe(3);
  });

  it('pays rpc + storeWrite before the commit and delivers watch events in resourceVersion order after watchDelivery', () => {
    const m = miniContext({ rpc: '1ms', storeWrite: '5ms', watchDelivery: '2ms' });
    const api = new ApiServer(m.ctx, 300);
    const seen: [number, number][] = [];
    const inf = new Informer(api, 'Deployment', '@test');
    inf.addHandlers({ onAdd: (d) => seen.push([m.sim.now(), d.spec.replicas]), onUpdate: (_o, d) => seen.push([m.sim.now(), d.spec.replicas]) });
    api.request('@client', 'create', { verb: 'create', obj: deployment(1) });
    m.runTo(0.0065);
    api.request('@client', 'scale', {
      verb: 'patch',
      kind: 'Deployment',
      key: 'ns/web',
      mutate: (c) => (c.kind === 'Deployment' ? { ...c, spec: { ...c.spec, replicas: 2 } } : c),
    });
    m.runTo(1);
    expect(seen).toEqual([
      [8000, 1],
      [14500, 2],
    ]);
  });

  it('adds the default NoExecute tolerations at admission and deletes bound pods gracefully', () => {
    const m = miniContext();
    const api = new ApiServer(m.ctx, 300);
    api.apply({ verb: 'create', obj: pod('node-1') });
    const p = api.get('Pod', 'ns/p');
    expect(p?.spec.tolerations.map((t) => [t.key, t.effect, t.tolerationSeconds])).toEqual([
      ['node.kubernetes.io/not-ready', 'NoExecute', 300],
      ['node.kubernetes.io/unreachable', 'NoExecute', 300],
    ]);
    api.apply({ verb: 'delete', kind: 'Pod', key: 'ns/p' });
    expect(api.get('Pod', 'ns/p')?.meta.deletionTimestamp).toBeDefined();
    api.apply({ verb: 'delete', kind: 'Pod', key: 'ns/p', force: true });
    expect(api.get('Pod', 'ns/p')).toBeUndefined();
  });

  it("lists a node-narrowed watch with only that node's objects, in creation order", () => {
    const m = miniContext();
    const api = new ApiServer(m.ctx, 300);
    const named = (name: string, node?: string): Pod => ({ ...pod(node), meta: { ...pod(node).meta, name } });
    for (const [name, node] of [
      ['a', 'n1'],
      ['b', 'n2'],
      ['c', undefined],
      ['d', 'n1'],
    ] as const)
      api.apply({ verb: 'create', obj: named(name, node) });
    const narrowed = new Informer(api, 'Pod', 'n1', (p) => p.spec.nodeName === 'n1', 'n1');
    const everything = new Informer(api, 'Pod', '@test', (p) => p.spec.nodeName === 'n1');
    expect(narrowed.list().map((p) => p.meta.name)).toEqual(['a', 'd']);
    expect(narrowed.list()).toEqual(everything.list());
    expect(api.allOn('Pod', 'n2').map((p) => p.meta.name)).toEqual(['b']);
  });
});
