import { describe, expect, it } from 'vitest';
import { type RawSpec, run, variant, windows } from './scenario-runs.js';

/*
 * node-failure-tuned converges faster than node-failure for both real engines: the same small
 * variant of each (10 nodes, one crash, one seed), compared engine by engine.
 */
const shrink = (spec: RawSpec): void => {
  spec.duration = '7m';
  spec.seeds = [1];
  spec.cluster.nodeGroups[0].count = 10;
  spec.workloads[0].replicas = 30;
  spec.workloads[1].replicas = 15;
  spec.events[0].nodes = { count: 1 };
  delete spec.events[0].recoverAfter;
};
const defaults = variant('node-failure', shrink);
const tuned = variant('node-failure-tuned', shrink);

describe('node-failure-tuned: shorter timeouts, faster self-healing', () => {
  it.each([
    { engine: 'mesos', tunedAtMost: 30 },
    { engine: 'kubernetes', tunedAtMost: 60 },
  ])('$engine converges faster with the tuned timeouts (≤ $tunedAtMost s)', ({ engine, tunedAtMost }) => {
    const before = windows(run(defaults, engine), 'crash')[0];
    const after = windows(run(tuned, engine), 'crash')[0];
    expect(before?.censored).toBe(false);
    expect(after?.censored).toBe(false);
    expect(after?.convergence).toBeLessThan(before?.convergence ?? 0);
    expect(after?.convergence).toBeLessThanOrEqual(tunedAtMost);
  });

  it('sets the overrides the lesson names', () => {
    expect(tuned.spec.engines.kubernetes).toEqual({ nodeLifecycle: { gracePeriod: '20s', defaultTolerationSeconds: 30 } });
    expect(tuned.spec.engines.mesos).toEqual({ agentPingTimeout: '5s', maxAgentPingTimeouts: 3 });
  });
});
