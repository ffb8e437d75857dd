import { describe, expect, it } from 'vitest';
import { figure, latency, run, variant } from './scenario-runs.js';

/*
 * picky-constraints: the ml framework cannot ask for a GPU agent, it can only decline what it is
 * offered, so Mesos declines many offers per picky task placed; Kubernetes filters nodes and
 * declines nothing. Both place every picky task. 20 ordinary nodes, 2 minutes.
 */
const doc = variant('picky-constraints', (spec) => {
  spec.seeds = [1];
  spec.duration = '2m';
  spec.cluster.nodeGroups[0].count = 18;
  spec.workloads[0].tasks = { kind: 'uniform', min: 1, max: 10 };
  for (const w of spec.workloads) w.arrivals.until = '1m45s';
});

describe('picky-constraints: offers declined vs filtering', () => {
  const mesos = run(doc, 'mesos');
  const kube = run(doc, 'kubernetes');
  const oracle = run(doc, 'oracle');

  it('Mesos declines many offers for each picky task it places; Kubernetes declines none', () => {
    const picky = latency(mesos, 'startup', 'gpu-train')?.count ?? 0;
    expect(picky).toBeGreaterThan(0);
    expect(figure(mesos, 'offers_declined') / picky).toBeGreaterThan(10);
    expect(figure(kube, 'offers_declined')).toBe(0);
  });

  it.each([
    { engine: 'mesos', result: mesos },
    { engine: 'kubernetes', result: kube },
  ])('$engine starts every picky job the oracle starts', ({ result }) => {
    expect(latency(result, 'job-wait', 'gpu-train')?.count).toBe(latency(oracle, 'job-wait', 'gpu-train')?.count);
  });
});
