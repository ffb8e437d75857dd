import { describe, expect, it } from 'vitest';
import { oracleEngine } from '../../../src/engines/oracle/index.js';
import { engineTrial } from '../../support/engine-harness.js';

/** A big and two small nodes; tasks of one core fill the small nodes first (best fit), then the big one. */
const yaml = `apiVersion: schedbench/v1
kind: Scenario
metadata:
  name: oracle-explain
spec:
  duration: 60s
  seeds: [1]
  cluster:
    nodeGroups:
      - name: big
        count: 1
        resources: { cpu: 8, memory: 32Gi }
      - name: small
        count: 2
        resources: { cpu: 2, memory: 8Gi }
  workloads:
    - kind: BatchJob
      name: crunch
      tasks: 7
      resources: { cpu: 1, memory: 2Gi }
      duration: 20s
      submitAt: 1s
`;

interface Candidate {
  readonly node: string;
  readonly leftover: number;
}

describe('oracle placement explanations', () => {
  it('names for every placement the node the listed best-fit scores rank first', () => {
    const t = engineTrial(oracleEngine, yaml, 1, true);
    t.runTo(60);
    const records = t.ofKind('explain').map((e) => e.record);
    const placements = records.filter((r) => r['type'] === 'placement');
    expect(placements.map((r) => r['node'])).toEqual(t.ofKind('task-placed').map((p) => p.node));
    expect(placements).toHaveLength(7);
    for (const r of placements) {
      const candidates = r['candidates'] as Candidate[];
      expect(candidates[0]).toEqual({ node: r['node'], leftover: r['leftover'] });
      for (const c of candidates.slice(1)) expect(c.leftover).toBeGreaterThanOrEqual(r['leftover'] as number);
      expect(candidates.length).toBeLessThanOrEqual(r['nodesWithRoom'] as number);
      expect(r['requests']).toEqual({ cpuCores: 1, memoryGiB: 2, gpus: 0 });
    }
    // First task: small-0 is left with 1/2 cpu and 6/8 memory free (1.25), the big node with 7/8 + 30/32.
    expect(placements[0]).toMatchObject({ node: 'small-0', leftover: 1.25, nodesWithRoom: 3, rule: 'best-fit' });
    expect(placements[0]?.['candidates']).toEqual([
      { node: 'small-0', leftover: 1.25 },
      { node: 'small-1', leftover: 1.25 },
      { node: 'big-0', leftover: 7 / 8 + 30 / 32 },
    ]);
  });

  it('lists every node with room at level full, the chosen node still first', () => {
    const wide = yaml.replace('count: 2', 'count: 5');
    const top = engineTrial(oracleEngine, wide, 1, true);
    top.runTo(60);
    const full = engineTrial(oracleEngine, wide, 1, 'full');
    full.runTo(60);
    const placements = (t: typeof top): Record<string, unknown>[] =>
      t
        .ofKind('explain')
        .map((e) => e.record)
        .filter((r) => r['type'] === 'placement');
    const fullRecords = placements(full);
    expect(fullRecords.map((r) => r['node'])).toEqual(placements(top).map((r) => r['node']));
    for (const r of fullRecords) {
      const candidates = r['candidates'] as Candidate[];
      expect(candidates).toHaveLength(r['nodesWithRoom'] as number);
      expect(candidates[0]?.node).toBe(r['node']);
    }
    expect(fullRecords.some((r) => (r['candidates'] as Candidate[]).length > 3)).toBe(true);
  });
});
