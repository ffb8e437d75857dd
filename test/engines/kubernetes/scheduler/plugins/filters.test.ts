import { describe, expect, it } from 'vitest';
import { nodeAffinityFilter, nodeAffinityScore } from '../../../../../src/engines/kubernetes/scheduler/plugins/node-affinity.js';
import { nodeNameFilter } from '../../../../../src/engines/kubernetes/scheduler/plugins/node-name.js';
import { nodeResourcesFitFilter } from '../../../../../src/engines/kubernetes/scheduler/plugins/node-resources-fit.js';
import { nodeUnschedulableFilter } from '../../../../../src/engines/kubernetes/scheduler/plugins/node-unschedulable.js';
import { taintTolerationFilter, taintTolerationScore } from '../../../../../src/engines/kubernetes/scheduler/plugins/taint-toleration.js';
import { GI, node, pod } from '../fixtures.js';

const reason = (r: { ok: boolean; reason?: string }): string => (r.ok ? 'fits' : (r.reason as string));

describe('NodeResourcesFit filter', () => {
  const full = node('n', { cpu: 4000, memory: 8 * GI }, { pods: [pod('a', { cpu: 3000, memory: 2 * GI })] });
  const rows = [
    { name: 'fits into what is left', p: pod('p', { cpu: 1000, memory: GI }), n: full, want: 'fits' },
    { name: 'cpu short by 1 m', p: pod('p', { cpu: 1001 }), n: full, want: 'Insufficient cpu' },
    { name: 'memory short', p: pod('p', { cpu: 100, memory: 7 * GI }), n: full, want: 'Insufficient memory' },
    {
      name: 'a zero request always fits that dimension (no non-zero default in the filter)',
      p: pod('p', {}),
      n: node('n', { cpu: 0, memory: 0 }),
      want: 'fits',
    },
    { name: 'gpu', p: pod('p', { gpu: 1 }), n: full, want: 'Insufficient nvidia.com/gpu' },
    { name: 'extended resource', p: pod('p', { ext: { 'example.com/fpga': 1 } }), n: full, want: 'Insufficient example.com/fpga' },
    { name: 'pod count at allocatable pods', p: pod('p', {}), n: node('n', { cpu: 4000 }, { maxPods: 1, pods: [pod('a')] }), want: 'Too many pods' },
  ];
  it.each(rows)('$name', ({ p, n, want }) => expect(reason(nodeResourcesFitFilter(p, n))).toBe(want));
});

describe('TaintToleration', () => {
  const tainted = node('n', { cpu: 1000 }, { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] });
  const rows = [
    { name: 'untolerated NoSchedule taint rejects', p: pod('p'), want: 'node(s) had untolerated taint {dedicated: gpu}' },
    {
      name: 'Equal toleration with the value',
      p: pod('p', {}, { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] }),
      want: 'fits',
    },
    { name: 'Exists toleration', p: pod('p', {}, { tolerations: [{ key: 'dedicated', operator: 'Exists' }] }), want: 'fits' },
    {
      name: 'wrong value',
      p: pod('p', {}, { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'cpu' }] }),
      want: 'node(s) had untolerated taint {dedicated: gpu}',
    },
    { name: 'empty key with Exists tolerates everything', p: pod('p', {}, { tolerations: [{ operator: 'Exists' }] }), want: 'fits' },
  ];
  it.each(rows)('filter: $name', ({ p, want }) => expect(reason(taintTolerationFilter(p, tainted))).toBe(want));

  it('PreferNoSchedule taints do not filter but count for scoring', () => {
    const n = node(
      'n',
      { cpu: 1000 },
      {
        taints: [
          { key: 'a', effect: 'PreferNoSchedule' },
          { key: 'b', effect: 'PreferNoSchedule' },
        ],
      },
    );
    expect(taintTolerationFilter(pod('p'), n).ok).toBe(true);
    expect(taintTolerationScore(pod('p'), n)).toBe(2);
    expect(taintTolerationScore(pod('p', {}, { tolerations: [{ key: 'a', operator: 'Exists', effect: 'PreferNoSchedule' }] }), n)).toBe(1);
    // A NoSchedule-only toleration does not count for PreferNoSchedule scoring.
    expect(taintTolerationScore(pod('p', {}, { tolerations: [{ key: 'a', operator: 'Exists', effect: 'NoSchedule' }] }), n)).toBe(2);
  });
});

describe('NodeAffinity', () => {
  const n = node('n', { cpu: 1000 }, { labels: { zone: 'a', disk: 'ssd', gen: '5' } });
  const rows = [
    { name: 'nodeSelector matches', c: { nodeSelector: { zone: 'a' } }, want: 'fits' },
    { name: 'nodeSelector mismatch', c: { nodeSelector: { zone: 'b' } }, want: "node(s) didn't match Pod's node affinity/selector" },
    {
      name: 'required terms are ORed',
      c: {
        requiredTerms: [
          { matchExpressions: [{ key: 'zone', operator: 'In' as const, values: ['b'] }] },
          { matchExpressions: [{ key: 'disk', operator: 'Exists' as const, values: [] }] },
        ],
      },
      want: 'fits',
    },
    {
      name: 'requirements within a term are ANDed',
      c: {
        requiredTerms: [
          {
            matchExpressions: [
              { key: 'zone', operator: 'In' as const, values: ['a'] },
              { key: 'gen', operator: 'Gt' as const, values: ['7'] },
            ],
          },
        ],
      },
      want: "node(s) didn't match Pod's node affinity/selector",
    },
  ];
  it.each(rows)('filter: $name', ({ c, want }) => expect(reason(nodeAffinityFilter(pod('p', {}, { constraints: c }), n))).toBe(want));

  it('scores the sum of matching preferred weights', () => {
    const p = pod(
      'p',
      {},
      {
        constraints: {
          preferredTerms: [
            { weight: 10, term: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] } },
            { weight: 5, term: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['hdd'] }] } },
            { weight: 3, term: { matchExpressions: [{ key: 'gen', operator: 'Lt', values: ['6'] }] } },
          ],
        },
      },
    );
    expect(nodeAffinityScore(p, n)).toBe(13);
  });
});

describe('NodeName and NodeUnschedulable', () => {
  it('NodeName fits only the named node', () => {
    const p = pod('p', {}, { constraints: { nodeName: 'n1' } });
    expect(nodeNameFilter(p, node('n1', {})).ok).toBe(true);
    expect(reason(nodeNameFilter(p, node('n2', {})))).toBe("node(s) didn't match the requested node name");
  });
  it('a cordoned node rejects unless the pod tolerates node.kubernetes.io/unschedulable', () => {
    const n = node('n', {}, { unschedulable: true });
    expect(reason(nodeUnschedulableFilter(pod('p'), n))).toBe('node(s) were unschedulable');
    expect(
      nodeUnschedulableFilter(pod('p', {}, { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] }), n).ok,
    ).toBe(true);
  });
});
