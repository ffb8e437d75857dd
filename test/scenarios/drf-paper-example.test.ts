import { describe, expect, it } from 'vitest';
import { figure, lastSample, run, variant } from './scenario-runs.js';

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
