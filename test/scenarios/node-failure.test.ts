import { describe, expect, it } from 'vitest';
import { run, variant, windows } from './scenario-runs.js';

/*
 * node-failure: with real defaults, Mesos+Marathon replaces lost tasks sooner than Kubernetes
 * (75–90 s of missed pings vs 50 s grace + 300 s toleration). A smaller cluster, one seed, and the
 * horizon cut to 7 minutes (the Kubernetes replacement lands about 5.8 min after the crash).
 */
const doc = variant('node-failure', (spec) => {
  spec.duration = '7m';
  spec.seeds = [1];
  spec.cluster.nodeGroups[0].count = 10;
  spec.workloads[0].replicas = 30;
  spec.workloads[1].replicas = 15;
  spec.events[0].nodes = { count: 1 };
  delete spec.events[0].recoverAfter;
});

describe('node-failure: convergence after a crash with default timeouts', () => {
  const crash = Object.fromEntries(['oracle', 'mesos', 'kubernetes'].map((e) => [e, windows(run(doc, e), 'crash')[0]]));

  it.each([
    { engine: 'oracle', atLeast: 0, atMost: 5 },
    { engine: 'mesos', atLeast: 75, atMost: 100 },
    { engine: 'kubernetes', atLeast: 300, atMost: 370 },
  ])('$engine converges within its detection timers ($atLeast–$atMost s)', ({ engine, atLeast, atMost }) => {
    const w = crash[engine];
    expect(w?.censored).toBe(false);
    expect(w?.tasksLost).toBeGreaterThan(0);
    expect(w?.convergence).toBeGreaterThanOrEqual(atLeast);
    expect(w?.convergence).toBeLessThanOrEqual(atMost);
  });

  it('Mesos+Marathon replaces lost tasks sooner than Kubernetes', () => {
    expect(crash.mesos?.convergence).toBeLessThan(crash.kubernetes?.convergence ?? 0);
  });
});
