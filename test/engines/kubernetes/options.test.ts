import { describe, expect, it } from 'vitest';
import { defaultOptions, parseOptions, profilePercentageOfNodesToScore, referencedResources } from '../../../src/engines/kubernetes/options.js';
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
    expect(o.job.trackingFinalizers).toBe(false);
    expect(o.podGC).toEqual({ terminatedPodGCThreshold: 12_500, gcCheckPeriod: duration('20s'), quarantineTime: duration('40s') });
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
    { name: 'negative PodGC threshold', raw: { podGC: { terminatedPodGCThreshold: -1 } }, path: ['podGC', 'terminatedPodGCThreshold'] },
    { name: 'zero PodGC period', raw: { podGC: { gcCheckPeriod: '0s' } }, path: ['podGC', 'gcCheckPeriod'] },
    { name: 'non-boolean tracking finalizers', raw: { job: { trackingFinalizers: 'yes' } }, path: ['job', 'trackingFinalizers'] },
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

/*
 * Scoring configuration as kube-scheduler defaults and validates it: apis/config/v1/defaults.go
 * (SetDefaults_NodeResourcesFitArgs, SetDefaults_NodeResourcesBalancedAllocationArgs) and
 * apis/config/validation/validation_pluginargs.go (validateResources,
 * ValidateNodeResourcesBalancedAllocationArgs); upstream cases in defaults_test.go and
 * validation_pluginargs_test.go. The cases are ours.
 */
describe('scoring resources as upstream', () => {
  const fit = (resources: unknown) => parseOptions({ scheduler: { scoringStrategy: { resources } } });
  const balanced = (resources: unknown) => parseOptions({ scheduler: { balancedAllocationResources: resources } });

  it('turns a weight of 0, or none, into 1', () => {
    const r = fit([{ name: 'cpu', weight: 0 }, { name: 'memory' }, { name: 'nvidia.com/gpu', weight: 7 }]);
    expect(r.ok && r.options.scheduler.scoringStrategy.resources).toEqual([
      { name: 'cpu', weight: 1 },
      { name: 'memory', weight: 1 },
      { name: 'nvidia.com/gpu', weight: 7 },
    ]);
  });

  it('accepts 100 and rejects 101 or a negative weight at resources[i].weight', () => {
    expect(fit([{ name: 'cpu', weight: 100 }]).ok).toBe(true);
    for (const weight of [101, -1]) {
      const r = fit([
        { name: 'cpu', weight: 1 },
        { name: 'memory', weight },
      ]);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.issues[0]?.path).toEqual(['scheduler', 'scoringStrategy', 'resources', 1, 'weight']);
        expect(r.issues[0]?.message).toBe('resource weight of memory not in valid range (0, 100]');
      }
    }
  });

  it('defaults an empty list to cpu and memory, weight 1', () => {
    const r = fit([]);
    expect(r.ok && r.options.scheduler.scoringStrategy.resources).toEqual([
      { name: 'cpu', weight: 1 },
      { name: 'memory', weight: 1 },
    ]);
    const b = balanced([]);
    expect(b.ok && b.options.scheduler.balancedAllocationResources).toEqual([
      { name: 'cpu', weight: 1 },
      { name: 'memory', weight: 1 },
    ]);
  });

  it('takes BalancedAllocation weights 0 or absent as 1 and rejects any other', () => {
    const ok = balanced([{ name: 'cpu', weight: 0 }, { name: 'memory' }, { name: 'nvidia.com/gpu', weight: 1 }]);
    expect(ok.ok && ok.options.scheduler.balancedAllocationResources.map((r) => r.weight)).toEqual([1, 1, 1]);
    const bad = balanced([{ name: 'cpu', weight: 2 }]);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]?.path).toEqual(['scheduler', 'balancedAllocationResources', 0, 'weight']);
  });

  it('rejects a BalancedAllocation resource listed twice, at the second one', () => {
    const r = balanced([{ name: 'cpu' }, { name: 'memory' }, { name: 'cpu' }]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.path).toEqual(['scheduler', 'balancedAllocationResources', 2, 'name']);
  });

  it('names every scoring resource with its path, for the check against the scenario', () => {
    const r = parseOptions({ scheduler: { scoringStrategy: { resources: [{ name: 'nvidia.com/gpu' }] } } });
    expect(r.ok && referencedResources(r.options)).toEqual([
      { path: ['scheduler', 'scoringStrategy', 'resources', 0, 'name'], name: 'nvidia.com/gpu' },
      { path: ['scheduler', 'balancedAllocationResources', 0, 'name'], name: 'cpu' },
      { path: ['scheduler', 'balancedAllocationResources', 1, 'name'], name: 'memory' },
    ]);
  });
});

/*
 * percentageOfNodesToScore, global and per profile: schedule_one.go numFeasibleNodesToFind ("Use
 * profile percentageOfNodesToScore if it's set. Otherwise, use global"); upstream cases in
 * schedule_one_test.go TestNumFeasibleNodesToFind. The cases are ours.
 */
describe('percentageOfNodesToScore: global and per profile', () => {
  const pct = (scheduler: unknown) => {
    const r = parseOptions({ scheduler });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    return profilePercentageOfNodesToScore(r.options.scheduler);
  };
  it('is the global value (default 0, adaptive) when the profile sets none', () => {
    expect(pct({})).toBe(0);
    expect(pct({ percentageOfNodesToScore: 30 })).toBe(30);
  });
  it("is the profile's value when it sets one, even against a global value", () => {
    expect(pct({ percentageOfNodesToScore: 30, profile: { percentageOfNodesToScore: 70 } })).toBe(70);
  });
  it("keeps a profile's explicit 0: adaptive, not the global value", () => {
    expect(pct({ percentageOfNodesToScore: 30, profile: { percentageOfNodesToScore: 0 } })).toBe(0);
  });
  it('rejects a profile value above 100 at its path', () => {
    const r = parseOptions({ scheduler: { profile: { percentageOfNodesToScore: 101 } } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.path).toEqual(['scheduler', 'profile', 'percentageOfNodesToScore']);
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
