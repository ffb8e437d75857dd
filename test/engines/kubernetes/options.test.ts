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
