import { describe, expect, it } from 'vitest';
import { figure, run, variant } from './scenario-runs.js';

/*
 * multi-tenant-sharing: under Mesos's weighted DRF the shares follow the weights (mixed, weight 2,
 * ahead of the flooding compute tenant); Kubernetes serves pods first come, first served, so the
 * tenant that submits most does at least as well as the heavier-weighted one. Half the cluster
 * and the load halved with it, 2 minutes.
 */
const doc = variant('multi-tenant-sharing', (spec) => {
  spec.seeds = [1];
  spec.duration = '2m';
  spec.cluster.nodeGroups[0].count = 8;
  for (const w of spec.workloads) {
    w.arrivals.until = '1m50s';
    w.arrivals.meanInterArrival = { crunch: '2s', 'warm-cache': '5s', pipeline: '2500ms' }[w.name as string];
  }
});

describe('multi-tenant-sharing: dominant shares follow weights under DRF', () => {
  const r = Object.fromEntries(['mesos', 'kubernetes'].map((e) => [e, run(doc, e)]));
  const ratio = (engine: string): number => figure(r[engine]!, 'share-avg:mixed') / figure(r[engine]!, 'share-avg:compute');

  it('Mesos gives the weight-2 tenant a larger dominant share than the flooding weight-1 tenant', () => {
    expect(ratio('mesos')).toBeGreaterThan(1.5);
  });

  it('Mesos favours the weight-2 tenant over the flooding one more than Kubernetes does', () => {
    expect(ratio('mesos')).toBeGreaterThan(ratio('kubernetes'));
  });

  it.each(['mesos', 'kubernetes'])('%s measures every tenant and a Jain index in (0, 1]', (engine) => {
    for (const t of ['compute', 'cache', 'mixed']) expect(figure(r[engine]!, `share-avg:${t}`)).toBeGreaterThan(0);
    expect(figure(r[engine]!, 'jain')).toBeGreaterThan(0);
    expect(figure(r[engine]!, 'jain')).toBeLessThanOrEqual(1);
  });
});
