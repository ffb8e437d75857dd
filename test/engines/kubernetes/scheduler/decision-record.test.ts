import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultOptions } from '../../../../src/engines/kubernetes/options.js';
import { candidatesToList, decisionRecord, LISTED_CANDIDATES } from '../../../../src/engines/kubernetes/scheduler/decision-record.js';
import { type Profile, scheduleCycle } from '../../../../src/engines/kubernetes/scheduler/framework.js';
import { Rng } from '../../../../src/sim/rng.js';
import { type SimDuration } from '../../../../src/sim/time.js';
import { GI, node, pod } from './fixtures.js';

const profile: Profile = defaultOptions().scheduler;
const think = 2500 as SimDuration;

/** Five nodes that fit and two too small: a walk with rejections before it finds the feasible ones. */
const nodes = [
  node('small-0', { cpu: 500, memory: 8 * GI }),
  ...Array.from({ length: 5 }, (_, i) => node(`n${i}`, { cpu: 4000, memory: 8 * GI })),
  node('small-1', { cpu: 500, memory: 8 * GI }),
];

function cycle(level: 'top' | 'full', p = pod('p', { cpu: 1000, memory: GI }), on = nodes): Record<string, unknown> {
  const result = scheduleCycle(p, on, profile, { nextStartNodeIndex: 0 }, Rng.root(1), candidatesToList(true, level));
  return decisionRecord('p', result, undefined, think, level);
}

describe('decisionRecord', () => {
  it('lists the best three scored nodes by default, and every evaluated node at level full', () => {
    expect(candidatesToList(false, 'full')).toBe(0);
    const top = cycle('top');
    expect(top).toMatchObject({ type: 'scheduling-decision', pod: 'p', nodesEvaluated: 7, feasibleNodes: 5, listed: 'top-3', thinkSeconds: 0.0025 });
    expect(top['candidates']).toHaveLength(LISTED_CANDIDATES);
    expect(top['rejectedNodes']).toBeUndefined();
    const full = cycle('full');
    expect(full['listed']).toBe('every-feasible-node');
    const candidates = full['candidates'] as { node: string }[];
    const rejected = full['rejectedNodes'] as { node: string; plugin: string; reason: string }[];
    // Every evaluated node appears once: scored, or rejected with its filter and reason.
    expect([...candidates.map((c) => c.node), ...rejected.map((r) => r.node)].sort()).toEqual(nodes.map((n) => n.name).sort());
    expect(rejected).toEqual([
      { node: 'small-0', plugin: 'NodeResourcesFit', reason: 'Insufficient cpu' },
      { node: 'small-1', plugin: 'NodeResourcesFit', reason: 'Insufficient cpu' },
    ]);
  });

  it('summarizes the filter rejections of a placed pod per plugin and reason', () => {
    expect(cycle('top')['rejections']).toEqual([{ plugin: 'NodeResourcesFit', reason: 'Insufficient cpu', nodes: 2 }]);
    expect(cycle('top', pod('p', { cpu: 100 }), nodes.slice(1, 6))['rejections']).toBeUndefined();
  });

  it('gives each plugin of a candidate its raw, normalized, weight and weighted score, summing to the total', () => {
    const candidates = cycle('full')['candidates'] as {
      total: number;
      plugins: Record<string, { raw: number; normalized: number; weight: number; weighted: number }>;
    }[];
    for (const c of candidates) {
      let sum = 0;
      for (const p of Object.values(c.plugins)) {
        expect(p.weighted).toBe(p.weight * p.normalized);
        sum += p.weighted;
      }
      expect(sum).toBe(c.total);
    }
    expect(candidates[0]?.plugins['TaintToleration']).toEqual({ raw: 0, normalized: 100, weight: 3, weighted: 300 });
  });

  it('marks the score plugins that skipped', () => {
    const r = cycle('top');
    expect((r['skippedPlugins'] as { plugin: string }[]).map((k) => k.plugin)).toEqual(['NodeAffinity']);
    expect(Object.keys((r['candidates'] as { plugins: object }[])[0]?.plugins ?? {})).not.toContain('NodeAffinity');
  });

  it('says that scoring was skipped when one node passed the filters, as schedulePod does', () => {
    // schedule_one.go schedulePod: "When only one node after predicate, just use it."
    const r = cycle('full', pod('p', { cpu: 1000 }), [nodes[0] as (typeof nodes)[0], nodes[1] as (typeof nodes)[0]]);
    expect(r).toMatchObject({ node: 'n0', feasibleNodes: 1, selectedBy: 'only-feasible-node' });
    expect(r['scoringSkipped']).toMatch(/only one node passed the filters/);
    expect(r['candidates']).toBeUndefined();
    expect(r['bestScore']).toBeUndefined();
    expect(r['rejectedNodes']).toEqual([{ node: 'small-0', plugin: 'NodeResourcesFit', reason: 'Insufficient cpu' }]);
  });

  it('says that scoring was skipped for a pod that binds to its nominated node', () => {
    const p = pod('p', { cpu: 1000 }, { nominatedNodeName: 'n3' });
    const r = cycle('top', p);
    expect(r).toMatchObject({ node: 'n3', selectedBy: 'nominated-node', nodesEvaluated: 1 });
    expect(r['scoringSkipped']).toMatch(/nominated node/);
  });

  it('explains an unschedulable pod with its FitError, rejections and the preemption victims', () => {
    const big = pod('big', { cpu: 9000 });
    const result = scheduleCycle(big, nodes, profile, { nextStartNodeIndex: 0 }, Rng.root(1), LISTED_CANDIDATES);
    const victim = pod('v', { cpu: 100 });
    const r = decisionRecord('big', result, { node: 'n1', pods: [victim] }, think, 'top');
    expect(r).toMatchObject({
      reason: '0/7 nodes are available: 7 Insufficient cpu.',
      rejections: [{ plugin: 'NodeResourcesFit', reason: 'Insufficient cpu', nodes: 7 }],
    });
    expect(r['preemption']).toEqual({ node: 'n1', victims: ['v'] });
    expect(r['rejectedNodes']).toBeUndefined();
    expect(decisionRecord('big', result, undefined, think, 'full')['rejectedNodes']).toHaveLength(7);
  });

  it('writes only fields that docs/explain.md describes', () => {
    const doc = readFileSync(new URL('../../../../docs/explain.md', import.meta.url), 'utf8');
    const victim = pod('v', { cpu: 100 });
    const unschedulable = scheduleCycle(pod('big', { cpu: 9000 }), nodes, profile, { nextStartNodeIndex: 0 }, Rng.root(1), LISTED_CANDIDATES);
    const records = [
      cycle('full'),
      cycle('full', pod('p', { cpu: 1000 }), nodes.slice(0, 2)),
      decisionRecord('big', unschedulable, { node: 'n1', pods: [victim] }, think, 'full'),
    ];
    const fields = new Set<string>();
    const collect = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(collect);
      else if (typeof v === 'object' && v !== null)
        for (const [k, x] of Object.entries(v)) {
          // Plugin names key the per-plugin scores; the fields are those of each entry.
          if (!/^[A-Z]/.test(k)) fields.add(k);
          collect(x);
        }
    };
    records.forEach(collect);
    // A field is named in code spans: `pod`, or inside one such as `{ plugin, reason, nodes }`.
    const spans = [...doc.replace(/```[^]*?```/g, '').matchAll(/`([^`\n]+)`/g)].map((m) => m[1] ?? '');
    for (const f of fields)
      expect(
        spans.some((span) => new RegExp(`\\b${f}\\b`).test(span)),
        `docs/explain.md does not name "${f}"`,
      ).toBe(true);
  });
});
