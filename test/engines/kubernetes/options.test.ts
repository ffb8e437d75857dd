import { describe, expect, it } from 'vitest';
import { defaultOptions, parseOptions } from '../../../src/engines/kubernetes/options.js';
import { duration } from '../../../src/sim/duration.js';

describe('engine options', () => {
  it('fills every default from the reference', () => {
    const o = defaultOptions();
    expect(o.nodeLifecycle.monitorPeriod).toBe(duration('5s'));
    expect(o.nodeLifecycle.gracePeriod).toBe(duration('50s'));
    expect(o.nodeLifecycle.defaultTolerationSeconds).toBe(300);
    expect(o.kubelet.leaseRenewInterval).toBe(duration('10s'));
    expect(o.scheduler.podInitialBackoff).toBe(duration('1s'));
    expect(o.scheduler.podMaxBackoff).toBe(duration('10s'));
    expect(o.scheduler.podMaxInUnschedulablePodsDuration).toBe(duration('5m'));
    expect(o.scheduler.weights).toEqual({ TaintToleration: 3, NodeAffinity: 2, NodeResourcesFit: 1, NodeResourcesBalancedAllocation: 1 });
    expect(o.replicaSet.burstReplicas).toBe(500);
    expect(o.job.backoffLimit).toBe(6);
    expect(o.job.maxPodFailureBackoff).toBe(duration('10m'));
    expect(o.deployment).toMatchObject({ maxSurge: '25%', maxUnavailable: '25%', revisionHistoryLimit: 10 });
  });

  it('overrides single values and keeps the rest', () => {
    const r = parseOptions({ nodeLifecycle: { gracePeriod: '20s' }, scheduler: { scoringStrategy: { type: 'MostAllocated' } } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.options.nodeLifecycle.gracePeriod).toBe(duration('20s'));
    expect(r.options.nodeLifecycle.monitorPeriod).toBe(duration('5s'));
    expect(r.options.scheduler.scoringStrategy.type).toBe('MostAllocated');
    expect(r.options.scheduler.scoringStrategy.resources).toHaveLength(2);
  });

  const bad = [
    { name: 'unknown field', raw: { nodeLifecyle: {} }, path: [] },
    { name: 'bad duration', raw: { kubelet: { leaseRenewInterval: '10' } }, path: ['kubelet', 'leaseRenewInterval'] },
    { name: 'bad percentage', raw: { deployment: { maxSurge: '25' } }, path: ['deployment', 'maxSurge'] },
    {
      name: 'non-increasing shape',
      raw: {
        scheduler: {
          scoringStrategy: {
            shape: [
              { utilization: 50, score: 1 },
              { utilization: 50, score: 2 },
            ],
          },
        },
      },
      path: ['scheduler', 'scoringStrategy', 'shape'],
    },
  ];
  it.each(bad)('rejects $name with its path', ({ raw, path }) => {
    const r = parseOptions(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.path).toEqual(path);
  });
});

describe('client-side rate limit options (apiClients)', () => {
  it('defaults to the upstream QPS/burst of each component', () => {
    expect(defaultOptions().apiClients).toEqual({
      controllerManager: { qps: 20, burst: 30 },
      scheduler: { qps: 50, burst: 100 },
      kubelet: { qps: 50, burst: 100 },
    });
  });

  it('takes qps -1 as no limit and rejects 0 and a burst below 1 with the field path', () => {
    const off = parseOptions({ apiClients: { scheduler: { qps: -1 } } });
    expect(off.ok && off.options.apiClients.scheduler).toEqual({ qps: -1, burst: 100 });
    const zero = parseOptions({ apiClients: { kubelet: { qps: 0 } } });
    expect(zero.ok).toBe(false);
    if (!zero.ok) expect(zero.issues[0]).toMatchObject({ path: ['apiClients', 'kubelet', 'qps'], message: expect.stringContaining('-1') });
    const burst = parseOptions({ apiClients: { controllerManager: { burst: 0 } } });
    expect(burst.ok).toBe(false);
    if (!burst.ok) expect(burst.issues[0]?.path).toEqual(['apiClients', 'controllerManager', 'burst']);
  });
});
