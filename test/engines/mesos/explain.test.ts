import { describe, expect, it } from 'vitest';
import { scenarioYaml } from '../../support/scenario.js';
import { mesosTrial } from './harness.js';

/** Two tenants (two roles, two frameworks) on 4 × (4 cores, 16 GiB), in the given offer mode. */
const yaml = (mode: string) =>
  scenarioYaml({
    duration: '40s',
    nodes: 4,
    tenants: `- name: svc\n- name: batch`,
    workloads: `- kind: Service
  name: big
  tenant: svc
  replicas: 4
  resources: { cpu: 1, memory: 1Gi }
- kind: BatchJob
  name: small
  tenant: batch
  tasks: 6
  resources: { cpu: 1, memory: 1Gi }
  duration: 10s
  submitAt: 2s`,
    engines: `mesos:\n  offerMode: ${mode}`,
  });

interface DrfStep {
  readonly kind: 'role' | 'framework';
  readonly name: string;
  readonly share: number;
}

function records(mode: string): Record<string, unknown>[] {
  const t = mesosTrial(yaml(mode), 1, true);
  t.runTo(40);
  return t.ofKind('explain').map((e) => e.record);
}

describe('Mesos explanations', () => {
  for (const mode of ['whole-agent', 'fair-share']) {
    it(`names in each ${mode} offer the framework the listed DRF walk ends at, the ones before it skipped or served`, () => {
      const all = records(mode);
      const offers = all.filter((r) => r['type'] === 'offer');
      expect(offers.length).toBeGreaterThan(0);
      const frameworks = new Set<string>();
      for (const r of offers) {
        expect(r['mode']).toBe(mode);
        const walk = r['drfOrder'] as DrfStep[];
        const skipped = new Set((r['skipped'] as { framework: string }[]).map((s) => s.framework));
        expect(walk[walk.length - 1]).toMatchObject({ kind: 'framework', name: r['framework'] });
        expect(skipped.has(r['framework'] as string)).toBe(false);
        // Whole-agent offers give everything to one framework: all frameworks before it were skipped.
        if (mode === 'whole-agent') for (const s of walk.slice(0, -1)) if (s.kind === 'framework') expect(skipped.has(s.name)).toBe(true);
        for (const s of walk) expect(s.share).toBeGreaterThanOrEqual(0);
        // Cores and GiB, within one 4-core, 16 GiB agent.
        const res = r['resources'] as { cpuCores: number; memoryGiB: number; gpus: number };
        expect(res.cpuCores + res.memoryGiB).toBeGreaterThan(0);
        expect(res.cpuCores).toBeGreaterThanOrEqual(0);
        expect(res.cpuCores).toBeLessThanOrEqual(4);
        expect(res.memoryGiB).toBeLessThanOrEqual(16);
        frameworks.add(r['framework'] as string);
      }
      expect(frameworks.size).toBe(2);
      const replies = all.filter((r) => r['type'] === 'offer-reply');
      for (const r of replies) {
        expect(frameworks.has(r['framework'] as string)).toBe(true);
        expect(r['declined']).toEqual({ cpuCores: expect.any(Number), memoryGiB: expect.any(Number), gpus: 0 });
        expect(r['filterSeconds']).toBeLessThan(3600);
      }
    });
  }

  it('states a whole-agent offer in cores and GiB: the whole free agent', () => {
    const first = records('whole-agent').find((r) => r['type'] === 'offer');
    expect(first?.['resources']).toEqual({ cpuCores: 4, memoryGiB: 16, gpus: 0 });
  });
});
