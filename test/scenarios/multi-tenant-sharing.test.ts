import { describe, expect, it } from 'vitest';
import { figure, run, variant } from './scenario-runs.js';

/*
 * multi-tenant-sharing, as bundled (12 nodes, 2m30s, seeds 1–3), on every seed. Weights: compute 1
 * (floods the cluster with cpu-heavy tasks), cache 1 (memory-heavy), mixed 2. What the lesson
 * teaches and these numbers show (share-avg = time-averaged dominant share of running tasks):
 *
 *   Mesos        compute 0.11–0.16   cache 0.26–0.27   mixed 0.39–0.45   locked cpu ≈ 0.30–0.31
 *   Kubernetes   compute 0.39–0.45   cache 0.33–0.43   mixed 0.37–0.44
 *
 * Under Mesos's weighted DRF the weight-2 tenant is ahead and the flooding tenant behind, and mixed's
 * share is more than twice compute's (mixed/2 ≥ compute/1, the weights' order on weighted shares).
 * Weighted DRF does not equalise the weighted shares here, though: the two weight-1 tenants differ
 * by a factor of 1.6–2.3 (compute's framework holds a third of the cpu locked in offers while it
 * thinks), and cache's weighted share (≈ 0.26) is above mixed's (≈ 0.20–0.23). These tests assert
 * the order, not an equality the numbers do not show.
 */
const doc = variant('multi-tenant-sharing');
const SEEDS = doc.spec.seeds;
const WEIGHTS = { compute: 1, cache: 1, mixed: 2 } as const;

describe('multi-tenant-sharing: dominant shares follow the weights under DRF, not under Kubernetes', () => {
  const mesos = SEEDS.map((seed) => run(doc, 'mesos', seed));
  const kube = SEEDS.map((seed) => run(doc, 'kubernetes', seed));
  const share = (r: (typeof mesos)[number], tenant: keyof typeof WEIGHTS): number => figure(r, `share-avg:${tenant}`);

  it('the scenario still declares the weights these tests are about', () => {
    expect(Object.fromEntries(doc.spec.tenants.map((t) => [t.name, t.weight]))).toEqual(WEIGHTS);
  });

  it.each(SEEDS.map((seed, i) => [seed, i] as const))('Mesos, seed %i: mixed (weight 2) ahead, cache next, the flooding compute tenant behind', (_seed, i) => {
    const r = mesos[i]!;
    expect(share(r, 'mixed')).toBeGreaterThan(share(r, 'cache'));
    expect(share(r, 'cache')).toBeGreaterThan(share(r, 'compute'));
  });

  it.each(SEEDS.map((seed, i) => [seed, i] as const))(
    'Mesos, seed %i: the weight-2 tenant’s weighted share is at least the flooding weight-1 tenant’s',
    (_seed, i) => {
      const r = mesos[i]!;
      expect(share(r, 'mixed') / WEIGHTS.mixed).toBeGreaterThanOrEqual(share(r, 'compute') / WEIGHTS.compute);
    },
  );

  it.each(SEEDS.map((seed, i) => [seed, i] as const))('seed %i: weights order the shares under Mesos, not under Kubernetes', (_seed, i) => {
    const ratio = (r: (typeof mesos)[number]): number => share(r, 'mixed') / share(r, 'compute');
    // Kubernetes gives the weight-2 tenant less than twice the flooding tenant's share: no weights there.
    expect(ratio(kube[i]!)).toBeLessThan(WEIGHTS.mixed / WEIGHTS.compute);
    expect(ratio(mesos[i]!)).toBeGreaterThan(ratio(kube[i]!));
  });

  it.each(SEEDS.map((seed, i) => [seed, i] as const))(
    'seed %i: fairness has a price: about a third of the cpu is locked in offers, mostly by the thinking compute framework, and Mesos keeps the cluster less busy',
    (_seed, i) => {
      const m = mesos[i]!;
      expect(figure(m, 'locked_cpu_avg')).toBeGreaterThan(0.25);
      expect(figure(m, 'locked_cpu_avg')).toBeLessThan(0.4);
      const lockedBy = (fw: string): number => figure(m, `locked-avg:${fw}:cpu`);
      for (const other of ['batch-cache', 'batch-mixed']) expect(lockedBy('batch-compute')).toBeGreaterThan(3 * lockedBy(other));
      expect(figure(m, 'util_cpu')).toBeLessThan(figure(kube[i]!, 'util_cpu') - 0.2);
    },
  );

  it.each(SEEDS.map((seed, i) => [seed, i] as const))('seed %i: Jain’s index over the weighted shares is close for both engines', (_seed, i) => {
    const jm = figure(mesos[i]!, 'jain');
    const jk = figure(kube[i]!, 'jain');
    for (const j of [jm, jk]) {
      // Kubernetes's lowest, 0.896 on seed 2, is the lesson's "0.90".
      expect(j).toBeGreaterThan(0.895);
      expect(j).toBeLessThan(0.96);
    }
    expect(Math.abs(jm - jk)).toBeLessThan(0.05);
  });
});
