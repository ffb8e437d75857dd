import { describe, expect, it } from 'vitest';
import { isLowerBound } from '../../src/metrics/quantiles.js';
import { figure, lastSample, latency, run, variant } from './scenario-runs.js';

/*
 * drf-paper-example. (1) The paper's static example: both users ask for tasks a few at a time
 * and keep them; Mesos's DRF offers end at A = 3 tasks ⟨3 CPU, 12 GiB⟩ and B = 2 ⟨6 CPU, 2 GiB⟩.
 * (2) A shorter churn version on seed 1: A asks four times as often; Mesos keeps the two dominant
 * shares closer than Kubernetes, which has no fairness policy and gives A more. (The bundled
 * scenario's claims say what holds on every seed: test/scenarios/claims.test.ts.)
 */
const staticExample = variant('drf-paper-example', (spec) => {
  spec.seeds = [1];
  spec.duration = '1m';
  for (const w of spec.workloads) {
    w.duration = '10m';
    w.arrivals = { meanInterArrival: '2s', count: 8 };
  }
});
const churn = variant('drf-paper-example', (spec) => {
  spec.seeds = [1];
  spec.duration = '2m';
  for (const w of spec.workloads) w.arrivals.until = '1m50s';
});

describe('drf-paper-example: progressive filling', () => {
  it('Mesos reaches the DRF allocation: A runs 3 tasks and B 2', () => {
    const r = run(staticExample, 'mesos');
    expect(lastSample(r, 'running/a-tasks')).toBe(3);
    expect(lastSample(r, 'running/b-tasks')).toBe(2);
  });

  it('under churn Mesos keeps the dominant shares closer together than Kubernetes', () => {
    const mesos = run(churn, 'mesos');
    const kube = run(churn, 'kubernetes');
    const gap = (r: typeof mesos): number => Math.abs(figure(r, 'share-avg:a') - figure(r, 'share-avg:b'));
    expect(figure(kube, 'share-avg:a')).toBeGreaterThan(figure(kube, 'share-avg:b'));
    expect(gap(mesos)).toBeLessThan(gap(kube));
  });
});

describe('drf-paper-example: the backlog is counted (DESIGN.md §6)', () => {
  // The bundled scenario as is: far more tasks arrive than the cluster holds, so most still wait at the end.
  const bundled = variant('drf-paper-example', (spec) => {
    spec.seeds = [1];
  });

  it('the oracle leaves most tasks unplaced: its scheduling p50 is a lower bound and its placed fraction below 1', () => {
    const r = run(bundled, 'oracle');
    const sched = latency(r, 'scheduling') as NonNullable<ReturnType<typeof latency>>;
    expect(figure(r, 'placed_fraction')).toBeLessThan(1);
    expect(figure(r, 'sched_censored')).toBe(figure(r, 'tasks_submitted') - figure(r, 'placements'));
    expect(sched.count).toBe(figure(r, 'tasks_submitted'));
    expect(isLowerBound(sched, figure(r, 'sched_p50_s'))).toBe(true);
    expect(figure(r, 'sched_p50_s')).toBeGreaterThanOrEqual(figure(r, 'sched_censored_min_s'));
  });
});
