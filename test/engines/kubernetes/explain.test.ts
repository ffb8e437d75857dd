import { describe, expect, it } from 'vitest';
import { kubeTrial } from './harness.js';

const yaml = `apiVersion: schedbench/v1
kind: Scenario
metadata:
  name: k8s-explain
spec:
  duration: 30s
  seeds: [1]
  cluster:
    nodeGroups:
      - name: node
        count: 3
        resources: { cpu: 2, memory: 8Gi }
  workloads:
    - kind: Service
      name: web
      replicas: 4
      resources: { cpu: 1500m, memory: 1Gi }
`;

/** Eight identical nodes and small pods: many decisions tie at the best score across more nodes than are listed. */
const tiedYaml = `apiVersion: schedbench/v1
kind: Scenario
metadata:
  name: k8s-explain-ties
spec:
  duration: 30s
  seeds: [1]
  cluster:
    nodeGroups:
      - name: node
        count: 8
        resources: { cpu: 8, memory: 32Gi }
  workloads:
    - kind: Service
      name: web
      replicas: 24
      resources: { cpu: 250m, memory: 512Mi }
`;

interface Candidate {
  readonly node: string;
  readonly total: number;
  readonly plugins: Record<string, { raw: number; normalized: number; weight: number; weighted: number }>;
}

describe('explanations', () => {
  it('records each decision with filter outcomes or scored candidates, and each pod’s chain of writes and watches', () => {
    const t = kubeTrial(yaml, 1, true);
    t.runTo(30);
    const records = t.ofKind('explain').map((e) => e.record);
    const decisions = records.filter((r) => r['type'] === 'scheduling-decision');
    const placed = decisions.filter((r) => r['node'] !== undefined);
    const failed = decisions.filter((r) => r['reason'] !== undefined);
    expect(placed.length).toBe(3);
    expect(failed[0]?.['reason']).toBe('0/3 nodes are available: 3 Insufficient cpu.');
    expect(failed[0]?.['rejections']).toEqual([{ plugin: 'NodeResourcesFit', reason: 'Insufficient cpu', nodes: 3 }]);
    expect(failed[0]?.['nodesEvaluated']).toBe(3);
    const first = placed[0] as Record<string, unknown>;
    expect(first).toMatchObject({ selectedBy: 'highest-score', feasibleNodes: 3, tiedAtBest: 3 });
    // Seconds of simulated time, like every other results file: the cycle's think time, in µs on its `decision` event.
    expect(first['thinkSeconds']).toBe((t.ofKind('decision')[0]?.duration ?? 0) / 1e6);
    const candidates = first['candidates'] as Candidate[];
    expect(candidates).toHaveLength(3);
    expect(Object.keys(candidates[0]?.plugins ?? {})).toEqual(['TaintToleration', 'NodeResourcesFit', 'NodeResourcesBalancedAllocation']);
    const chains = records.filter((r) => r['type'] === 'pod-chain');
    expect(chains).toHaveLength(3);
    const hops = chains[0]?.['hops'] as { time: number; hop: string; at: string; what: string }[];
    expect(hops[0]?.what).toMatch(/^deployment-create /);
    expect(hops.map((h) => h.what.split(' ')[0])).toEqual(expect.arrayContaining(['replicaset-create', 'pod-create', 'pod-binding', 'pod-status-running']));
    expect(hops.some((h) => h.hop === 'watch' && h.at === '@kube-scheduler')).toBe(true);
    // Hop times in seconds, within the run and not after the record's own time.
    for (const h of hops) expect(h.time).toBeGreaterThanOrEqual(0);
    expect(hops[hops.length - 1]?.time).toBeLessThanOrEqual(t.ofKind('explain').find((e) => e.record['type'] === 'pod-chain')?.time ?? 0);
  });

  it('lists the chosen node among the candidates with the best score, and says how a tie was broken', () => {
    const t = kubeTrial(tiedYaml, 1, true);
    t.runTo(30);
    const scored = t
      .ofKind('explain')
      .map((e) => e.record)
      .filter((r) => r['type'] === 'scheduling-decision' && r['selectedBy'] === 'highest-score');
    expect(scored.length).toBe(24);
    for (const r of scored) {
      const candidates = r['candidates'] as Candidate[];
      const best = Math.max(...candidates.map((c) => c.total));
      const chosen = candidates.find((c) => c.node === r['node']);
      expect(chosen, `${String(r['pod'])} went to ${String(r['node'])}, not listed`).toBeDefined();
      expect(chosen?.total).toBe(best);
      expect(r['bestScore']).toBe(best);
      expect(candidates.filter((c) => c.total === best).length).toBeLessThanOrEqual(r['tiedAtBest'] as number);
      for (const c of candidates) expect(Object.values(c.plugins).reduce((a, b) => a + b.weighted, 0)).toBe(c.total);
      if ((r['tiedAtBest'] as number) > 1) expect(r['tieBreak']).toMatch(/uniformly at random among the \d+ nodes with the best score/);
      else expect(r['tieBreak']).toBeUndefined();
    }
    // The case that used to go wrong: more nodes tied than listed, and the pick outside the first three in walk order.
    expect(scored.some((r) => (r['tiedAtBest'] as number) > 3 && !['node-0', 'node-1', 'node-2'].includes(r['node'] as string))).toBe(true);
  });

  it('lists every feasible node with --explain=full, and says when one feasible node left nothing to score', () => {
    const top = kubeTrial(tiedYaml, 1, true);
    top.runTo(30);
    const full = kubeTrial(tiedYaml, 1, 'full');
    full.runTo(30);
    const decisions = (t: typeof top): Record<string, unknown>[] =>
      t
        .ofKind('explain')
        .map((e) => e.record)
        .filter((r) => r['type'] === 'scheduling-decision');
    const fullDecisions = decisions(full);
    // The level changes what is listed, never what is decided.
    expect(fullDecisions.map((r) => r['node'])).toEqual(decisions(top).map((r) => r['node']));
    for (const r of fullDecisions.filter((d) => d['selectedBy'] === 'highest-score')) {
      expect(r['listed']).toBe('every-feasible-node');
      expect((r['candidates'] as Candidate[]).length).toBe(r['feasibleNodes']);
      expect(r['skippedPlugins']).toEqual([expect.objectContaining({ plugin: 'NodeAffinity', weight: 2 })]);
    }
    // The three 1.5-core pods on three 2-core nodes: the third sees one node left.
    const t = kubeTrial(yaml, 1, 'full');
    t.runTo(30);
    const last = decisions(t).filter((r) => r['node'] !== undefined)[2] as Record<string, unknown>;
    expect(last).toMatchObject({ selectedBy: 'only-feasible-node', feasibleNodes: 1, nodesEvaluated: 3 });
    expect(last['scoringSkipped']).toMatch(/only one node passed the filters/);
    expect((last['rejectedNodes'] as unknown[]).length).toBe(2);
  });
});
