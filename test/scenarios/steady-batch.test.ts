import { describe, expect, it } from 'vitest';
import { figure, run, variant } from './scenario-runs.js';

/*
 * steady-batch: the oracle pays only the task start time; both architectures add to it, Mesos most
 * (an allocation cycle of 1 s plus framework think time), Kubernetes a chain of short hops.
 * Smaller: 20 nodes, 3 minutes, the same load per node.
 */
const doc = variant('steady-batch', (spec) => {
  spec.seeds = [1];
  spec.duration = '3m';
  spec.cluster.nodeGroups[0].count = 20;
  spec.workloads[0].arrivals = { meanInterArrival: '5s', until: '2m30s' };
});

describe('steady-batch: latency above the oracle is the price of the architecture', () => {
  const r = Object.fromEntries(['oracle', 'mesos', 'kubernetes'].map((e) => [e, run(doc, e)]));

  it('the oracle starts every task after exactly the task start time', () => {
    expect(figure(r.oracle!, 'startup_p50_s')).toBe(1);
    expect(figure(r.oracle!, 'sched_p99_s')).toBe(0);
  });

  it.each(['mesos', 'kubernetes'])('%s schedules later than the oracle and finishes every job', (engine) => {
    expect(figure(r[engine]!, 'sched_p50_s')).toBeGreaterThan(0);
    expect(figure(r[engine]!, 'startup_p50_s')).toBeGreaterThan(1);
    expect(figure(r[engine]!, 'jobs_completed')).toBe(figure(r.oracle!, 'jobs_completed'));
  });

  it.each(['oracle', 'mesos', 'kubernetes'])('%s: a job waits at least as long for all its tasks as for its first', (engine) => {
    expect(figure(r[engine]!, 'job_wait_all_p90_s')).toBeGreaterThanOrEqual(figure(r[engine]!, 'job_wait_p90_s'));
  });

  it('Mesos (offer cycle + think time) has a slower median and tail than Kubernetes at this load', () => {
    expect(figure(r.mesos!, 'sched_p50_s')).toBeGreaterThan(figure(r.kubernetes!, 'sched_p50_s'));
    expect(figure(r.mesos!, 'startup_p99_s')).toBeGreaterThan(figure(r.kubernetes!, 'startup_p99_s'));
  });
});
