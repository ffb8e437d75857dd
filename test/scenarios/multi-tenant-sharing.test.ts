import { describe, expect, it } from 'vitest';
import { figure, run, variant } from './scenario-runs.js';

/*
 * multi-tenant-sharing, as bundled (12 nodes, 2m30s, seeds 1–3), on every seed. Weights: compute 1
 * (floods the cluster with cpu-heavy tasks), cache 1 (memory-heavy), mixed 2. What the lesson
 * teaches and these numbers show (share-avg = time-averaged dominant share of running tasks):
 *
 *   Mesos        compute 0.33–0.37   cache 0.30–0.33   mixed 0.43–0.47   locked cpu ≈ 0.02
 *   Kubernetes   compute 0.40–0.43   cache 0.34–0.40   mixed 0.37–0.43
 *
 * Under Mesos's weighted DRF the weight-2 tenant is ahead of both weight-1 tenants, and the weights
 * order mixed against compute more strongly than under Kubernetes. Weighted DRF does not equalise
 * the weighted shares (mixed's halved is 0.22–0.23): whole-agent offers decide who is asked first,
 * not how much each takes. These tests assert the order, not an equality the numbers do not show.
 * A framework thinks per task it launches (not per task of its queue), so little is locked and the
 * price of the fairness in allocated cpu is small.
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

  it.each(SEEDS.map((seed, i) => [seed, i] as const))('Mesos, seed %i: mixed (weight 2) ahead of both weight-1 tenants', (_seed, i) => {
    const r = mesos[i]!;
    expect(share(r, 'mixed')).toBeGreaterThan(share(r, 'cache'));
    expect(share(r, 'mixed')).toBeGreaterThan(share(r, 'compute'));
  });

  it.each(SEEDS.map((seed, i) => [seed, i] as const))('seed %i: weights order the shares under Mesos, not under Kubernetes', (_seed, i) => {
    const ratio = (r: (typeof mesos)[number]): number => share(r, 'mixed') / share(r, 'compute');
    // Kubernetes gives the weight-2 tenant less than twice the flooding tenant's share: no weights there.
    expect(ratio(kube[i]!)).toBeLessThan(WEIGHTS.mixed / WEIGHTS.compute);
    expect(ratio(mesos[i]!)).toBeGreaterThan(ratio(kube[i]!));
  });

  it.each(SEEDS.map((seed, i) => [seed, i] as const))(
    'seed %i: fairness has a small price: little cpu locked in offers, and Mesos keeps the cluster a little less busy',
    (_seed, i) => {
      const m = mesos[i]!;
      expect(figure(m, 'locked_cpu_avg')).toBeLessThan(0.05);
      expect(figure(m, 'util_cpu')).toBeLessThan(figure(kube[i]!, 'util_cpu'));
      expect(figure(m, 'util_cpu')).toBeGreaterThan(0.9 * figure(kube[i]!, 'util_cpu'));
    },
  );

  it.each(SEEDS.map((seed, i) => [seed, i] as const))('seed %i: Jain’s index over the weighted shares is higher under Mesos', (_seed, i) => {
    const jm = figure(mesos[i]!, 'jain');
    const jk = figure(kube[i]!, 'jain');
    expect(jm).toBeGreaterThan(jk);
    // Kubernetes's lowest, 0.896 on seed 2, is the lesson's "0.90".
    expect(jk).toBeGreaterThan(0.895);
  });
});
