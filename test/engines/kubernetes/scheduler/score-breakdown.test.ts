import { describe, expect, it } from 'vitest';
import { defaultOptions } from '../../../../src/engines/kubernetes/options.js';
import { scoreBreakdown } from '../../../../src/engines/kubernetes/scheduler/score-breakdown.js';
import { scoreNodes, type ScoreProfile } from '../../../../src/engines/kubernetes/scheduler/score-nodes.js';
import { GI, node, pod } from './fixtures.js';

const profile: ScoreProfile = defaultOptions().scheduler;
const preferZoneA = { preferredTerms: [{ weight: 10, term: { matchExpressions: [{ key: 'zone', operator: 'In' as const, values: ['a'] }] } }] };

describe('scoreBreakdown', () => {
  it('keeps the score before NormalizeScore: TaintToleration counts intolerable PreferNoSchedule taints, then reverses', () => {
    // Upstream taint_toleration.go: Score = number of intolerable PreferNoSchedule taints; NormalizeScore is
    // DefaultNormalizeScore reversed, so the node with most such taints gets 0 and a node with none 100.
    const twoTaints = node(
      't2',
      { cpu: 4000, memory: 8 * GI },
      {
        taints: [
          { key: 'a', effect: 'PreferNoSchedule' },
          { key: 'b', effect: 'PreferNoSchedule' },
        ],
      },
    );
    const oneTaint = node('t1', { cpu: 4000, memory: 8 * GI }, { taints: [{ key: 'a', effect: 'PreferNoSchedule' }] });
    const clean = node('c', { cpu: 4000, memory: 8 * GI });
    const s = scoreNodes(pod('p', { cpu: 100, memory: GI }), [twoTaints, oneTaint, clean], profile, true);
    expect(s.breakdown?.plugins.TaintToleration).toEqual({ weight: 3, raw: [2, 1, 0], normalized: [0, 50, 100] });
    // The weighted scores are weight × normalized, and the total is their sum.
    expect(s.perPlugin?.['TaintToleration']).toEqual([0, 150, 300]);
  });

  it('keeps NodeAffinity’s raw sum of matching preferred weights and its normalized score', () => {
    const a = node('a', { cpu: 4000, memory: 8 * GI }, { labels: { zone: 'a' } });
    const b = node('b', { cpu: 4000, memory: 8 * GI }, { labels: { zone: 'b' } });
    const s = scoreNodes(pod('p', { cpu: 100, memory: GI }, { constraints: preferZoneA }), [a, b], profile, true);
    expect(s.breakdown?.plugins.NodeAffinity).toEqual({ weight: 2, raw: [10, 0], normalized: [100, 0] });
    expect(s.breakdown?.skipped).toEqual([]);
  });

  it('gives the plugins without NormalizeScore the same raw and normalized scores', () => {
    const half = node('half', { cpu: 4000, memory: 8 * GI }, { pods: [pod('x', { cpu: 2000, memory: 4 * GI })] });
    const s = scoreNodes(pod('p', { cpu: 1000, memory: GI }), [node('empty', { cpu: 4000, memory: 8 * GI }), half], profile, true);
    const fit = s.breakdown?.plugins.NodeResourcesFit;
    const bal = s.breakdown?.plugins.NodeResourcesBalancedAllocation;
    expect(fit?.raw).toEqual(fit?.normalized);
    expect(fit?.raw).toEqual(s.perPlugin?.['NodeResourcesFit']);
    expect(bal?.raw).toEqual(bal?.normalized);
    expect(bal?.weight).toBe(1);
  });

  it('marks the plugins whose PreScore returned Skip, with why, and gives them no scores', () => {
    // NodeAffinity skips a pod without preferred terms; BalancedAllocation skips a pod that requests nothing.
    const s = scoreNodes(pod('p'), [node('n', { cpu: 4000, memory: 8 * GI }), node('m', { cpu: 4000, memory: 8 * GI })], profile, true);
    expect(Object.keys(s.breakdown?.plugins ?? {})).toEqual(['TaintToleration', 'NodeResourcesFit']);
    expect(s.breakdown?.skipped.map((k) => [k.plugin, k.weight])).toEqual([
      ['NodeAffinity', 2],
      ['NodeResourcesBalancedAllocation', 1],
    ]);
    for (const k of s.breakdown?.skipped ?? []) expect(k.why).toMatch(/^PreScore returned Skip: /);
  });

  it('is not built when scores are not kept', () => {
    expect(scoreNodes(pod('p', { cpu: 100 }), [node('n', { cpu: 4000 })], profile, false).breakdown).toBeUndefined();
  });

  it('reads only the first `count` entries of the scratch arrays', () => {
    const long = Float64Array.of(1, 2, 99, 99);
    const b = scoreBreakdown(
      { count: 2, rawTaint: long, taint: long, rawAffinity: undefined, affinity: long, fit: long, balanced: true, balance: long },
      profile.weights,
    );
    expect(b.plugins.NodeResourcesFit?.raw).toEqual([1, 2]);
    expect(b.skipped.map((k) => k.plugin)).toEqual(['NodeAffinity']);
  });
});
