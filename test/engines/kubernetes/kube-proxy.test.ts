import { describe, expect, it } from 'vitest';
import { EndpointBook } from '../../../src/engines/kit/index.js';
import { KubeProxy } from '../../../src/engines/kubernetes/kube-proxy.js';
import { PRIORITY } from '../../../src/sim/simulator.js';
import { type SimDuration } from '../../../src/sim/time.js';
import { miniContext } from './mini-context.js';

const sec = (s: number): SimDuration => (s * 1_000_000) as SimDuration;

describe('kube-proxy (BoundedFrequencyRunner)', () => {
  it('syncs at once, then at most once per min-sync-period, applying only the newest slice', () => {
    const { ctx, sim, events, runTo, counter } = miniContext();
    const book = new EndpointBook(ctx);
    book.declare('web');
    const proxy = new KubeProxy(ctx, book, sec(1), sec(30));
    proxy.sliceChanged('web', 1, new Set(['a']));
    runTo(0.2);
    sim.at(sec(0.3), () => proxy.sliceChanged('web', 3, new Set(['a', 'b', 'c'])), undefined, PRIORITY.engine);
    sim.at(sec(0.4), () => proxy.sliceChanged('web', 2, new Set(['a', 'b'])), undefined, PRIORITY.engine);
    runTo(5);
    const added = events.flatMap((e) => (e.kind === 'endpoint' ? [[e.time / 1e6, e.taskId]] : []));
    expect(added).toEqual([
      [0, 'a'],
      [1, 'b'],
      [1, 'c'],
    ]);
    expect(counter('kube-proxy-sync')).toBe(2);
  });
  it('runs a full sync every sync period even without changes', () => {
    const { ctx, runTo, counter } = miniContext();
    const book = new EndpointBook(ctx);
    book.declare('web');
    new KubeProxy(ctx, book, sec(1), sec(30)).sliceChanged('web', 1, new Set(['a']));
    runTo(95);
    expect(counter('kube-proxy-sync')).toBe(4);
  });
});
