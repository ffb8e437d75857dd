import { describe, expect, it } from 'vitest';
import { ConfigMapReader } from '../../../../src/engines/kubernetes/containers/config-map-reader.js';
import { type ConfigMap } from '../../../../src/engines/kubernetes/objects.js';
import { ApiServer } from '../../../../src/engines/kubernetes/store/api-server.js';
import { type SimDuration, type SimTime } from '../../../../src/sim/time.js';
import { miniContext } from '../mini-context.js';

const MINUTE = 60_000_000 as SimDuration;

function setUp(strategy: 'Watch' | 'Cache' | 'Get') {
  const m = miniContext({ watchDelivery: '2s' });
  const api = new ApiServer(m.ctx, 300);
  const cm: ConfigMap = {
    kind: 'ConfigMap',
    meta: { name: 'app', namespace: 'ns', uid: '', resourceVersion: 0, creationTimestamp: 0 as SimTime, labels: {} },
    data: { version: 1 },
  };
  api.apply({ verb: 'create', obj: cm });
  const reader = new ConfigMapReader(m.ctx, api, 'node-0', strategy, MINUTE);
  const change = (version: number): void =>
    void api.request('@client', 'configmap-update', {
      verb: 'patch',
      kind: 'ConfigMap',
      key: 'ns/app',
      mutate: (c) => (c.kind === 'ConfigMap' ? { ...c, data: { version } } : c),
    });
  return { m, reader, change };
}

describe("ConfigMapReader (the kubelet's ConfigMap cache)", () => {
  it('Watch: sees a change one watch delivery after it is written', () => {
    const { m, reader, change } = setUp('Watch');
    expect(reader.read('ns', 'app')).toBe(1);
    change(2);
    m.runTo(1);
    expect(reader.read('ns', 'app')).toBe(1);
    m.runTo(3);
    expect(reader.read('ns', 'app')).toBe(2);
    expect(reader.read('ns', 'other')).toBeUndefined();
  });

  it('Cache: keeps what it fetched for the TTL (1 min), then fetches again', () => {
    const { m, reader, change } = setUp('Cache');
    expect(reader.read('ns', 'app')).toBe(1);
    change(2);
    m.runTo(30);
    expect(reader.read('ns', 'app')).toBe(1);
    m.runTo(61);
    expect(reader.read('ns', 'app')).toBe(2);
  });

  it('Get: reads the store on every use', () => {
    const { m, reader, change } = setUp('Get');
    change(2);
    m.runTo(0.1);
    expect(reader.read('ns', 'app')).toBe(2);
  });
});
