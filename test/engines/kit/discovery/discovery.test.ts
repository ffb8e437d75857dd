import { describe, expect, it } from 'vitest';
import { DnsPollDiscovery, EndpointBook, NamingServiceDiscovery } from '../../../../src/engines/kit/index.js';
import { type MetricEvent } from '../../../../src/metrics/events.js';
import { type SimDuration } from '../../../../src/sim/time.js';
import { miniContext } from '../../kubernetes/mini-context.js';

const endpoints = (events: readonly MetricEvent[]): string[] =>
  events.flatMap((e) => (e.kind === 'endpoint' ? [`${(e.time / 1000).toFixed(0)}ms ${e.action} ${e.service}/${e.taskId}`] : []));

describe('EndpointBook', () => {
  it('reports only changes, and only for services that take requests', () => {
    const { ctx, events } = miniContext();
    const book = new EndpointBook(ctx);
    book.declare('web');
    book.publish('web', 'a');
    book.publish('web', 'a');
    book.publish('batch', 'b');
    book.replace('web', new Set(['c']));
    expect(endpoints(events)).toEqual(['0ms added web/a', '0ms removed web/a', '0ms added web/c']);
  });
});

describe('NamingServiceDiscovery (BNS in Chubby)', () => {
  it('publishes after a Chubby write and its notification, and applies one task’s writes in order', () => {
    const { ctx, events, runTo } = miniContext({ storeWrite: '5ms', watchDelivery: '2ms' });
    const d = new NamingServiceDiscovery(ctx, '@borgmaster');
    d.declare('web');
    d.running('web', 't1');
    d.running('other', 't9');
    runTo(0.1);
    d.gone('web', 't1');
    runTo(0.2);
    expect(endpoints(events)).toEqual(['7ms added web/t1', '107ms removed web/t1']);
  });
});

describe('DnsPollDiscovery (Mesos-DNS)', () => {
  it('polls the master every refresh period from a drawn phase and publishes exactly what runs', () => {
    const { ctx, events, runTo } = miniContext({ rpc: '1ms' });
    let running = [{ service: 'web', taskId: 'a' }];
    const d = new DnsPollDiscovery(ctx, '@master', () => running, 60_000_000 as SimDuration);
    d.declare('web');
    runTo(61);
    const first = events.find((e) => e.kind === 'endpoint');
    expect(first?.time).toBeLessThanOrEqual(60_002_000);
    running = [{ service: 'web', taskId: 'b' }];
    runTo(125);
    expect(endpoints(events).map((s) => s.split(' ').slice(1).join(' '))).toEqual(['added web/a', 'removed web/a', 'added web/b']);
  });
  it('sends nothing while no service takes requests', () => {
    const { ctx, events, runTo } = miniContext();
    new DnsPollDiscovery(ctx, '@master', () => [], 60_000_000 as SimDuration);
    runTo(300);
    expect(events).toEqual([]);
  });
});
