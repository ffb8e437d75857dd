import { describe, expect, it } from 'vitest';
import { resources } from '../../src/cluster/resources.js';
import { seconds } from '../../src/sim/time.js';
import { GI, node, ObserverScript } from './observer-script.js';

/** One 4-core / 16 GiB node, two tenants (weights 1 and 2), horizon 100 s. */
const twoTenants = (): ObserverScript =>
  new ObserverScript({
    nodes: [node('n1', 4000, 16 * GI)],
    tenants: [
      { name: 'a', weight: 1 },
      { name: 'b', weight: 2 },
    ],
  });

describe('Observer: utilization and shares', () => {
  it('utilization is allocated/total, time-weighted from the launch (not the running) to the end', () => {
    const m = new ObserverScript({ nodes: [node('n1', 4000, 16 * GI)] })
      .submit(0, 'j', 1, { resources: resources({ cpu: 2000, memory: 4 * GI }) })
      .placed(10, 'x', 'j#0', 'n1')
      .launched(20, 'x', 'j#0', 'n1')
      .running(30, 'x')
      .ended(70, 'x', 'finished')
      .finish(100);
    expect(m.summary.util_cpu).toBeCloseTo(0.5 * 0.5, 12); // half the cpu for 50 of 100 s
    expect(m.summary.util_memory).toBeCloseTo(0.25 * 0.5, 12);
    expect(m.summary.util_gpu).toBeNaN(); // no gpu in the cluster
  });

  it('sums the allocatable of every node for the total, and reports gpu when there is some', () => {
    const m = new ObserverScript({ nodes: [node('n1', 4000, 16 * GI, 2), node('n2', 4000, 16 * GI, 2)] })
      .submit(0, 'j', 1, { resources: resources({ cpu: 4000, gpu: 1 }) })
      .start('x', 'j#0', 'n1', 0, 1)
      .finish(100);
    expect(m.summary.util_cpu).toBeCloseTo(0.5, 12);
    expect(m.summary.util_gpu).toBeCloseTo(0.25, 12);
  });

  it('tracks each tenant’s time-weighted dominant share and Jain’s index of the weighted shares', () => {
    const m = twoTenants()
      .submit(0, 'ja', 1, { tenant: 'a', resources: resources({ cpu: 1000, memory: 8 * GI }), runFor: 1000 }) // dominant: memory 0.5
      .submit(0, 'jb', 1, { tenant: 'b', resources: resources({ cpu: 2000, memory: GI }), runFor: 1000 }) // dominant: cpu 0.5
      .start('a', 'ja#0', 'n1', 0, 1)
      .start('b', 'jb#0', 'n1', 50, 51)
      .finish(100);
    expect(m.counters['share-avg:a']).toBeCloseTo(0.5, 12);
    expect(m.counters['share-avg:b']).toBeCloseTo(0.25, 12);
    // Weighted shares 0.5/1 and 0.25/2: Jain = (0.625)² / (2 · (0.25 + 0.015625)).
    expect(m.summary.jain).toBeCloseTo(0.625 ** 2 / (2 * (0.25 + 0.015625)), 12);
  });

  it('gives Jain’s index only when more than one tenant got anything', () => {
    const m = twoTenants().submit(0, 'ja', 1, { tenant: 'a' }).start('a', 'ja#0', 'n1', 0, 1).finish(100);
    expect(m.counters['share-avg:b']).toBe(0);
    expect(m.summary.jain).toBeNaN();
  });

  it('samples a time series of desired/running per service, utilization and shares', () => {
    const s = new ObserverScript({ nodes: [node('n1', 4000, 16 * GI)] }).declare(0, 'web', 2).start('w1', 'web', 'n1', 1, 2);
    s.observer.sample(seconds(5));
    const m = s.finish();
    const at5 = Object.fromEntries(m.timeseries.filter((p) => p.time === 5).map((p) => [p.series, p.value]));
    expect(at5).toEqual({
      'desired/web': 2,
      'running/web': 1,
      'running-current/web': 1,
      'util/cpu': 0.25,
      'util/memory': 1 / 16,
      'share/default': 0.25,
      converged: 0,
    });
  });
});

describe('Observer: locked resources, busyness and traffic', () => {
  it('averages resources locked in offers, over all holders and per holder', () => {
    const s = new ObserverScript({ nodes: [node('n1', 4000, 16 * GI)] });
    s.emit({ kind: 'locked', time: seconds(10), holder: 'fw-a', delta: resources({ cpu: 2000, memory: 8 * GI }) });
    s.emit({ kind: 'locked', time: seconds(20), holder: 'fw-b', delta: resources({ cpu: 1000 }) });
    s.emit({ kind: 'locked', time: seconds(30), holder: 'fw-a', delta: resources({ cpu: -2000, memory: -8 * GI }) });
    const m = s.finish(100);
    expect(m.summary.locked_cpu_avg).toBeCloseTo((0.5 * 20 + 0.25 * 80) / 100, 12);
    expect(m.summary.locked_memory_avg).toBeCloseTo((0.5 * 20) / 100, 12);
    expect(m.counters['locked-avg:fw-a:cpu']).toBeCloseTo(0.1, 12);
    expect(m.counters['locked-avg:fw-b:cpu']).toBeCloseTo(0.2, 12);
  });

  it('busyness: time deciding over the horizon per scheduler, a decision cut at the horizon', () => {
    const s = new ObserverScript();
    s.emit({ kind: 'decision', time: seconds(0), scheduler: 'k8s', duration: seconds(10) });
    s.emit({ kind: 'decision', time: seconds(95), scheduler: 'k8s', duration: seconds(10) }); // only 5 s fall inside
    s.emit({ kind: 'decision', time: seconds(50), scheduler: 'fw', duration: seconds(1) });
    const m = s.finish(100);
    expect(m.counters['busy:k8s']).toBeCloseTo(0.15, 12);
    expect(m.counters['busy:fw']).toBeCloseTo(0.01, 12);
    expect(m.summary.busy_max).toBeCloseTo(0.15, 12);
    expect(m.counters.decisions).toBe(3);
  });

  it('busyness of a trial stopped before its horizon counts only the decision time up to the stop', () => {
    const s = new ObserverScript(); // horizon 100 s
    s.emit({ kind: 'decision', time: seconds(0), scheduler: 'fw', duration: seconds(10) });
    s.emit({ kind: 'decision', time: seconds(30), scheduler: 'fw', duration: seconds(60) }); // stopped 10 s into it
    const m = s.finish(40);
    expect(m.counters['busy:fw']).toBeCloseTo(20 / 40, 12);
    expect(m.summary.busy_max).toBeLessThanOrEqual(1);
  });

  it('counts messages by class and label, delivered and dropped, offers by action, and engine counters', () => {
    const s = new ObserverScript().declare(0, 'web', 1).start('w1', 'web', 'n1', 1, 2);
    const t = seconds(1);
    s.emit({ kind: 'message', time: t, channel: 'rpc', label: 'offer', delivered: true });
    s.emit({ kind: 'message', time: t, channel: 'rpc', label: 'offer', delivered: true });
    s.emit({ kind: 'message', time: t, channel: 'heartbeat', label: 'ping', delivered: false });
    for (const action of ['made', 'made', 'declined', 'rescinded', 'accepted'] as const) {
      s.emit({ kind: 'offer', time: t, action, framework: 'fw', node: 'n1', resources: resources({ cpu: 1 }) });
    }
    s.emit({ kind: 'counter', time: t, name: 'store-conflict', by: 2 });
    s.emit({ kind: 'counter', time: t, name: 'store-conflict', by: 1 });
    s.emit({ kind: 'node-partitioned', time: t, node: 'n2' });
    const m = s.finish();
    expect(m.counters).toMatchObject({
      messages: 2,
      'messages-dropped': 1,
      'msg:rpc:offer': 2,
      'msg:heartbeat:ping:dropped': 1,
      'offers-made': 2,
      'offers-declined': 1,
      'offers-rescinded': 1,
      'offers-accepted': 1,
      'counter:store-conflict': 3,
      'node-partitioned': 1,
    });
    expect(m.summary).toMatchObject({
      messages: 2,
      messages_dropped: 1,
      offers_made: 2,
      offers_declined: 1,
      offers_rescinded: 1,
      messages_per_placement: 2,
      placements: 1,
    });
  });

  it('lists counters in an order independent of arrival (sorted counts, then busyness, shares, locks)', () => {
    const s = new ObserverScript();
    for (const name of ['zeta', 'alpha', 'mid']) s.emit({ kind: 'counter', time: seconds(1), name, by: 1 });
    for (const scheduler of ['y', 'x']) s.emit({ kind: 'decision', time: seconds(1), scheduler, duration: seconds(1) });
    expect(Object.keys(s.finish().counters)).toEqual(['counter:alpha', 'counter:mid', 'counter:zeta', 'decisions', 'busy:x', 'busy:y', 'share-avg:default']);
  });

  it('keeps explain records only when asked', () => {
    const rec = { kind: 'explain', time: seconds(2), record: { pod: 'p', verdict: 'fit' } } as const;
    const on = new ObserverScript({ explain: true }).emit(rec).finish();
    const off = new ObserverScript().emit(rec).finish();
    expect(on.explain).toEqual([{ time: 2, pod: 'p', verdict: 'fit' }]);
    expect(off.explain).toBeUndefined();
  });
});
