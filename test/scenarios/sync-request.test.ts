import { describe, expect, it } from 'vitest';
import { type TrialResult } from '../../src/runner/trial-types.js';
import { figure, run, variant } from './scenario-runs.js';

/*
 * sync-request: the Kubernetes path from "task done" to "client told" is a chain of store writes
 * and watches; the Mesos framework is called back directly. Kubernetes needs more hops and more
 * control-plane messages per request (liveness traffic, leases and pings, left out).
 */
const doc = variant('sync-request', (spec) => {
  spec.seeds = [1];
  spec.duration = '2m';
  spec.workloads[0].arrivals.until = '1m45s';
});

/** Messages per placed task, leaving out node liveness traffic (Kubernetes leases, Mesos pings). */
function requestMessagesPerTask(r: TrialResult): number {
  const counters = r.metrics?.counters ?? {};
  const total = Object.entries(counters)
    .filter(([k]) => k.startsWith('msg:') && !/lease|ping|pong/i.test(k))
    .reduce((s, [, v]) => s + v, 0);
  return total / figure(r, 'placements');
}

describe('sync-request: hops and messages from request to answer', () => {
  const r = Object.fromEntries(['oracle', 'mesos', 'kubernetes'].map((e) => [e, run(doc, e)]));

  it.each([
    { engine: 'oracle', hops: 0 },
    { engine: 'mesos', hops: 2 },
  ])('$engine informs the client after $hops hops', ({ engine, hops }) => {
    expect(figure(r[engine]!, 'sync_hops_mean')).toBe(hops);
  });

  it('Kubernetes needs more hops and more messages per request than Mesos', () => {
    expect(figure(r.kubernetes!, 'sync_hops_mean')).toBeGreaterThan(figure(r.mesos!, 'sync_hops_mean'));
    expect(requestMessagesPerTask(r.kubernetes!)).toBeGreaterThan(requestMessagesPerTask(r.mesos!));
  });

  it.each(['oracle', 'mesos', 'kubernetes'])('%s answers every request it ran, no sooner than the task itself', (engine) => {
    const q = r[engine]!.metrics?.latency.find((l) => l.metric === 'sync-informed' && l.group === 'all')?.quantiles;
    expect(q?.count).toBe(figure(r[engine]!, 'jobs_completed'));
    expect(q?.min).toBeGreaterThanOrEqual(3);
  });
});
