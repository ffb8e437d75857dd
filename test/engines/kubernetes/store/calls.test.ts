import { describe, expect, it } from 'vitest';
import { type NetworkApi } from '../../../../src/engines/engine.js';
import { type Lease } from '../../../../src/engines/kubernetes/objects.js';
import { ApiServer, type WatchEvent, type WatchStream, type WriteResult } from '../../../../src/engines/kubernetes/store/api-server.js';
import { Deliveries, WriteCalls } from '../../../../src/engines/kubernetes/store/calls.js';
import { Informer } from '../../../../src/engines/kubernetes/store/informer.js';
import { miniContext } from '../mini-context.js';

/** A network that queues every message (run them with `step`) and drops the sends listed in `drop` (by order, from 0). */
function queuedNet(drop: readonly number[] = []): { net: NetworkApi; sent: string[]; step: () => number } {
  const sent: string[] = [];
  let queue: (() => void)[] = [];
  const net: NetworkApi = {
    send: (channel, from, to, label, deliver) => {
      const i = sent.length;
      sent.push(`${channel} ${from}>${to} ${label}`);
      if (drop.includes(i)) return false;
      queue.push(deliver);
      return true;
    },
  };
  const step = (): number => {
    let n = 0;
    while (queue.length > 0) {
      const now = queue;
      queue = [];
      for (const f of now) f();
      n += now.length;
    }
    return n;
  };
  return { net, sent, step };
}

const OK: WriteResult = { kind: 'ok', obj: undefined };
const NOT_FOUND: WriteResult = { kind: 'not-found' };
const DEL = { verb: 'delete', kind: 'Pod', key: 'k' } as const;

describe('WriteCalls', () => {
  const rows: { name: string; withDone: boolean; drop: number[]; sent: string[]; answered: number; applied: number }[] = [
    {
      name: 'a write with an answer: rpc, storeWrite, rpc response',
      withDone: true,
      drop: [],
      sent: ['rpc c>@apiserver w', 'storeWrite @apiserver>@etcd w', 'rpc @apiserver>c w-response'],
      answered: 1,
      applied: 1,
    },
    {
      name: 'a write without a callback gets no answer',
      withDone: false,
      drop: [],
      sent: ['rpc c>@apiserver w', 'storeWrite @apiserver>@etcd w'],
      answered: 0,
      applied: 1,
    },
    { name: 'a request dropped at send is never applied', withDone: true, drop: [0], sent: ['rpc c>@apiserver w'], answered: 0, applied: 0 },
    {
      name: 'an answer dropped at send never reaches the client',
      withDone: true,
      drop: [2],
      sent: ['rpc c>@apiserver w', 'storeWrite @apiserver>@etcd w', 'rpc @apiserver>c w-response'],
      answered: 0,
      applied: 1,
    },
  ];
  for (const r of rows) {
    it(r.name, () => {
      const { net, sent, step } = queuedNet(r.drop);
      let applied = 0;
      const calls = new WriteCalls(net, { apply: (_op, client) => (applied++, client === 'c' ? OK : NOT_FOUND) });
      let answered = 0;
      calls.request('c', 'w', DEL, r.withDone ? () => answered++ : undefined, undefined);
      step();
      expect({ sent, answered, applied }).toEqual({ sent: r.sent, answered: r.answered, applied: r.applied });
      // The next two writes (the first on the finished call object, if it was given back) keep their own state.
      const got: string[] = [];
      calls.request('d', 'x', DEL, (res) => got.push(`d:${res.kind}`), undefined);
      calls.request('c', 'y', DEL, (res) => got.push(`c:${res.kind}`), undefined);
      step();
      expect(got).toEqual(['d:not-found', 'c:ok']);
    });
  }
});

describe('Deliveries', () => {
  it('hands each event to its stream with its own sequence number, and none dropped at send', () => {
    const { net, step } = queuedNet([1]);
    const got: string[] = [];
    const d = new Deliveries(net, { delivered: (s: WatchStream, seq: number, e: WatchEvent) => void got.push(`${s.endpoint}#${seq} ${e.key}`) });
    const stream = (endpoint: string): WatchStream => ({ kind: 'Pod', endpoint, filter: () => true, receive: () => {}, sent: 0 });
    const a = stream('@a');
    const b = stream('@b');
    const event = (key: string): WatchEvent => ({ type: 'ADDED', obj: undefined as never, rv: 1, key });
    d.send(a, 1, event('x'), 'watch-Pod');
    d.send(b, 1, event('x'), 'watch-Pod');
    d.send(a, 2, event('y'), 'watch-Pod');
    step();
    d.send(b, 2, event('z'), 'watch-Pod');
    step();
    expect(got).toEqual(['@a#1 x', '@a#2 y', '@b#2 z']);
  });
});

describe('stamped patches', () => {
  const lease = (): Lease => ({
    kind: 'Lease',
    meta: { name: 'n1', namespace: '', uid: '', resourceVersion: 0, creationTimestamp: 0 as never, labels: {} },
    spec: { holder: 'n1', renewTime: 0 as never, durationSeconds: 40 },
  });
  it('stores the object the patch built, with the revision it was offered', () => {
    const m = miniContext();
    const api = new ApiServer(m.ctx, 300);
    api.apply({ verb: 'create', obj: lease() });
    const seen: number[] = [];
    const inf = new Informer(api, 'Lease', '@test');
    inf.addHandlers({ onUpdate: (_o, l, key) => void seen.push(l.meta.resourceVersion, key.length) });
    let built: Lease | undefined;
    const r = api.apply({
      verb: 'patch',
      kind: 'Lease',
      key: 'n1',
      stamped: true,
      mutate: (cur, rv) => (built = { ...(cur as Lease), meta: { ...cur.meta, resourceVersion: rv } }),
    });
    m.runTo(1);
    expect([r.kind === 'ok' && r.obj === built, api.get('Lease', 'n1') === built, api.revision, seen]).toEqual([true, true, 2, [2, 2]]);
  });

  it('throws when a stamped object carries another revision (a broken invariant)', () => {
    const m = miniContext();
    const api = new ApiServer(m.ctx, 300);
    api.apply({ verb: 'create', obj: lease() });
    expect(() =>
      api.apply({
        verb: 'patch',
        kind: 'Lease',
        key: 'n1',
        stamped: true,
        mutate: (cur) => ({ ...(cur as Lease), meta: { ...cur.meta, resourceVersion: 99 } }),
      }),
    ).toThrow(/resourceVersion 99, not 2/);
  });
});
