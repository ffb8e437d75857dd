import { describe, expect, it } from 'vitest';
import { ApiClient, UNLIMITED } from '../../../../src/engines/kubernetes/store/api-client.js';
import { ApiServer } from '../../../../src/engines/kubernetes/store/api-server.js';
import { type Namespace } from '../../../../src/engines/kubernetes/objects.js';
import { type SimTime } from '../../../../src/sim/time.js';
import { miniContext } from '../mini-context.js';

function namespace(name: string): Namespace {
  return { kind: 'Namespace', meta: { name, namespace: '', uid: '', resourceVersion: 0, creationTimestamp: 0 as SimTime, labels: {} } };
}

describe('ApiClient (a clientset with its client-side limit)', () => {
  it('sends the burst at once and holds the rest back 1/qps apart, counting throttled requests and their wait', () => {
    const m = miniContext({ rpc: '1ms', storeWrite: '1ms' });
    const api = new ApiServer(m.ctx, 300);
    const client = new ApiClient(m.ctx, api, '@kube-controller-manager', 'kube-controller-manager', { qps: 10, burst: 2 });
    const answered: number[] = [];
    for (let i = 0; i < 4; i++) client.request('namespace-create', { verb: 'create', obj: namespace(`ns-${i}`) }, () => answered.push(m.sim.now()));
    m.runTo(1);
    // rpc + storeWrite + rpc = 3 ms for every write; the 3rd and 4th left 100 ms and 200 ms late.
    expect(answered).toEqual([3_000, 3_000, 103_000, 203_000]);
    expect(api.all('Namespace')).toHaveLength(4);
    expect(m.counter('api-throttled:kube-controller-manager')).toBe(2);
    expect(m.counter('api-throttle-us:kube-controller-manager')).toBe(300_000);
  });

  it('throttles nothing without a limit (qps -1, the kubelet heartbeat client)', () => {
    const m = miniContext();
    const api = new ApiServer(m.ctx, 300);
    const client = new ApiClient(m.ctx, api, 'node-1', 'kubelet', UNLIMITED);
    for (let i = 0; i < 500; i++) client.request('namespace-create', { verb: 'create', obj: namespace(`ns-${i}`) });
    m.runTo(0.1);
    expect(api.all('Namespace')).toHaveLength(500);
    expect(m.counter('api-throttled:kubelet')).toBe(0);
  });

  it('drops the requests still waiting for a token when its process dies', () => {
    const m = miniContext();
    const api = new ApiServer(m.ctx, 300);
    const client = new ApiClient(m.ctx, api, '@kube-scheduler', 'kube-scheduler', { qps: 1, burst: 1 });
    client.request('namespace-create', { verb: 'create', obj: namespace('first') });
    client.request('namespace-create', { verb: 'create', obj: namespace('held-back') });
    client.close();
    client.request('namespace-create', { verb: 'create', obj: namespace('after-death') });
    m.runTo(5);
    expect(api.all('Namespace').map((n) => n.meta.name)).toEqual(['first']);
  });
});
