import { describe, expect, it } from 'vitest';
import { figure, run, variant, windows } from './scenario-runs.js';

/*
 * zone-partition: a 2-minute partition outlasts Mesos's unreachable detection (75–90 s), so
 * partition-aware Marathon starts replacements while the cut-off copies still run (duplicates);
 * it is shorter than Kubernetes's 50 s + 300 s, so Kubernetes replaces nothing. Small variant.
 */
const doc = variant('zone-partition', (spec) => {
  spec.duration = '4m30s';
  spec.seeds = [1];
  spec.cluster.nodeGroups[0].count = 8;
  spec.workloads[0].replicas = 24;
});

describe('zone-partition: duplicates per engine', () => {
  const results = Object.fromEntries(['oracle', 'mesos', 'kubernetes'].map((e) => [e, run(doc, e)]));

  it.each([
    { engine: 'mesos', duplicates: true },
    { engine: 'kubernetes', duplicates: false },
    { engine: 'oracle', duplicates: false },
  ])('$engine runs duplicates during the partition: $duplicates', ({ engine, duplicates }) => {
    const r = results[engine];
    if (!r) throw new Error(engine);
    const partition = windows(r, 'partition')[0];
    if (duplicates) expect(partition?.peakExcess).toBeGreaterThan(0);
    else expect(figure(r, 'peak_excess')).toBe(0);
  });

  it.each(['mesos', 'kubernetes'])('%s ends with exactly the desired replicas after the heal', (engine) => {
    const r = results[engine];
    const heal = r ? windows(r, 'heal')[0] : undefined;
    expect(heal?.censored).toBe(false);
    expect(r?.metrics?.accounting.replicasRunning).toBe(r?.metrics?.accounting.replicasDesired);
  });
});
