import { describe, expect, it } from 'vitest';
import {
  admits,
  isPicky,
  matchesNodeRequirements,
  matchesRequirement,
  matchesTerm,
  NO_CONSTRAINTS,
  type NodeSelectorRequirement,
  type PlacementConstraints,
  tolerates,
  type Toleration,
  untoleratedTaints,
} from '../../src/cluster/constraints.js';
import { DEFAULT_MAX_TASKS_PER_NODE, type NodeSpec, type Taint } from '../../src/cluster/node.js';
import { resources } from '../../src/cluster/resources.js';

describe('tolerates', () => {
  const taint: Taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };
  const rows: readonly { name: string; toleration: Toleration; taint?: Taint; expected: boolean }[] = [
    { name: 'Equal with same key, value and effect', toleration: { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }, expected: true },
    { name: 'Equal with another value', toleration: { key: 'dedicated', operator: 'Equal', value: 'cpu', effect: 'NoSchedule' }, expected: false },
    { name: 'Equal with another key', toleration: { key: 'team', operator: 'Equal', value: 'gpu' }, expected: false },
    { name: 'Equal without effect matches every effect', toleration: { key: 'dedicated', operator: 'Equal', value: 'gpu' }, expected: true },
    { name: 'another effect', toleration: { key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }, expected: false },
    { name: 'Exists ignores the value', toleration: { key: 'dedicated', operator: 'Exists' }, expected: true },
    { name: 'Exists with an empty key matches every taint', toleration: { operator: 'Exists' }, expected: true },
    { name: 'Exists with an empty key still honours the effect', toleration: { key: '', operator: 'Exists', effect: 'NoExecute' }, expected: false },
    {
      name: 'Equal without value matches a taint without value',
      toleration: { key: 'maintenance', operator: 'Equal' },
      taint: { key: 'maintenance', effect: 'NoExecute' },
      expected: true,
    },
    {
      name: 'Equal with empty value matches a taint without value',
      toleration: { key: 'maintenance', operator: 'Equal', value: '' },
      taint: { key: 'maintenance', effect: 'NoExecute' },
      expected: true,
    },
  ];
  it.each(rows)('$name', ({ toleration, taint: t, expected }) => {
    expect(tolerates(toleration, t ?? taint)).toBe(expected);
  });

  it('untoleratedTaints keeps only the given effects that nobody tolerates', () => {
    const taints: Taint[] = [
      { key: 'a', effect: 'NoSchedule' },
      { key: 'b', effect: 'PreferNoSchedule' },
      { key: 'c', effect: 'NoExecute' },
    ];
    expect(untoleratedTaints(taints, [], ['NoSchedule', 'NoExecute']).map((t) => t.key)).toEqual(['a', 'c']);
    expect(untoleratedTaints(taints, [{ key: 'c', operator: 'Exists' }], ['NoSchedule', 'NoExecute']).map((t) => t.key)).toEqual(['a']);
    expect(untoleratedTaints(taints, [], ['PreferNoSchedule']).map((t) => t.key)).toEqual(['b']);
  });
});

describe('matchesRequirement', () => {
  const labels = { zone: 'a', gen: '5', disk: 'ssd', suffixed: '5abc' };
  const rows: readonly { name: string; req: NodeSelectorRequirement; expected: boolean }[] = [
    { name: 'In, value listed', req: { key: 'zone', operator: 'In', values: ['a', 'b'] }, expected: true },
    { name: 'In, value not listed', req: { key: 'zone', operator: 'In', values: ['b'] }, expected: false },
    { name: 'In, label absent', req: { key: 'rack', operator: 'In', values: ['a'] }, expected: false },
    { name: 'NotIn, value listed', req: { key: 'zone', operator: 'NotIn', values: ['a'] }, expected: false },
    { name: 'NotIn, value not listed', req: { key: 'zone', operator: 'NotIn', values: ['b'] }, expected: true },
    { name: 'NotIn, label absent matches', req: { key: 'rack', operator: 'NotIn', values: ['a'] }, expected: true },
    { name: 'Exists, present', req: { key: 'disk', operator: 'Exists', values: [] }, expected: true },
    { name: 'Exists, absent', req: { key: 'rack', operator: 'Exists', values: [] }, expected: false },
    { name: 'DoesNotExist, absent', req: { key: 'rack', operator: 'DoesNotExist', values: [] }, expected: true },
    { name: 'DoesNotExist, present', req: { key: 'disk', operator: 'DoesNotExist', values: [] }, expected: false },
    { name: 'Gt, greater', req: { key: 'gen', operator: 'Gt', values: ['4'] }, expected: true },
    { name: 'Gt, equal is not greater', req: { key: 'gen', operator: 'Gt', values: ['5'] }, expected: false },
    { name: 'Lt, less', req: { key: 'gen', operator: 'Lt', values: ['6'] }, expected: true },
    { name: 'Lt, equal is not less', req: { key: 'gen', operator: 'Lt', values: ['5'] }, expected: false },
    { name: 'Gt, label absent', req: { key: 'rack', operator: 'Gt', values: ['1'] }, expected: false },
    { name: 'Gt, label not an integer', req: { key: 'disk', operator: 'Gt', values: ['1'] }, expected: false },
    { name: 'Gt, value not an integer', req: { key: 'gen', operator: 'Gt', values: ['one'] }, expected: false },
    {
      name: 'Gt, a label with trailing text is not an integer (Kubernetes uses ParseInt)',
      req: { key: 'suffixed', operator: 'Gt', values: ['1'] },
      expected: false,
    },
    { name: 'Gt, a fractional value is not an integer', req: { key: 'gen', operator: 'Gt', values: ['4.5'] }, expected: false },
    { name: 'Gt, negative integers compare', req: { key: 'gen', operator: 'Gt', values: ['-3'] }, expected: true },
    { name: 'Gt, needs exactly one value', req: { key: 'gen', operator: 'Gt', values: ['1', '2'] }, expected: false },
    { name: 'inherited properties are not labels', req: { key: 'toString', operator: 'Exists', values: [] }, expected: false },
  ];
  it.each(rows)('$name', ({ req, expected }) => {
    expect(matchesRequirement(labels, req)).toBe(expected);
  });

  it('an empty term matches nothing; a term is the AND of its requirements', () => {
    expect(matchesTerm(labels, { matchExpressions: [] })).toBe(false);
    const zoneA: NodeSelectorRequirement = { key: 'zone', operator: 'In', values: ['a'] };
    const hdd: NodeSelectorRequirement = { key: 'disk', operator: 'In', values: ['hdd'] };
    expect(matchesTerm(labels, { matchExpressions: [zoneA] })).toBe(true);
    expect(matchesTerm(labels, { matchExpressions: [zoneA, hdd] })).toBe(false);
  });
});

describe('admits', () => {
  const node = (over: Partial<NodeSpec> = {}): NodeSpec => ({
    name: 'n1',
    allocatable: resources({ cpu: 4000, memory: 2 ** 34 }),
    labels: { zone: 'a', disk: 'ssd' },
    taints: [],
    maxTasks: DEFAULT_MAX_TASKS_PER_NODE,
    ...over,
  });
  const c = (over: Partial<PlacementConstraints>): PlacementConstraints => ({ ...NO_CONSTRAINTS, ...over });
  const inZone = (zone: string): PlacementConstraints['requiredTerms'] => [{ matchExpressions: [{ key: 'zone', operator: 'In', values: [zone] }] }];
  const rows: readonly { name: string; node: NodeSpec; constraints: PlacementConstraints; expected: boolean }[] = [
    { name: 'no constraints on a plain node', node: node(), constraints: NO_CONSTRAINTS, expected: true },
    { name: 'nodeName matches', node: node(), constraints: c({ nodeName: 'n1' }), expected: true },
    { name: 'nodeName differs', node: node(), constraints: c({ nodeName: 'n2' }), expected: false },
    { name: 'nodeSelector matches', node: node(), constraints: c({ nodeSelector: { zone: 'a', disk: 'ssd' } }), expected: true },
    { name: 'nodeSelector one label differs', node: node(), constraints: c({ nodeSelector: { zone: 'a', disk: 'hdd' } }), expected: false },
    { name: 'required terms: one of them matches (OR)', node: node(), constraints: c({ requiredTerms: [...inZone('b'), ...inZone('a')] }), expected: true },
    { name: 'required terms: none matches', node: node(), constraints: c({ requiredTerms: inZone('b') }), expected: false },
    { name: 'an untolerated NoSchedule taint', node: node({ taints: [{ key: 'gpu', effect: 'NoSchedule' }] }), constraints: NO_CONSTRAINTS, expected: false },
    { name: 'an untolerated NoExecute taint', node: node({ taints: [{ key: 'gpu', effect: 'NoExecute' }] }), constraints: NO_CONSTRAINTS, expected: false },
    {
      name: 'a PreferNoSchedule taint only affects scores',
      node: node({ taints: [{ key: 'gpu', effect: 'PreferNoSchedule' }] }),
      constraints: NO_CONSTRAINTS,
      expected: true,
    },
    {
      name: 'a tolerated taint',
      node: node({ taints: [{ key: 'gpu', effect: 'NoSchedule' }] }),
      constraints: c({ tolerations: [{ key: 'gpu', operator: 'Exists' }] }),
      expected: true,
    },
    {
      name: 'preferred terms never exclude',
      node: node(),
      constraints: c({ preferredTerms: [{ weight: 100, term: { matchExpressions: inZone('b')[0]!.matchExpressions } }] }),
      expected: true,
    },
  ];
  it.each(rows)('$name', ({ node: n, constraints, expected }) => {
    expect(admits(n, constraints)).toBe(expected);
  });

  it('matchesNodeRequirements ignores taints', () => {
    expect(matchesNodeRequirements(node({ taints: [{ key: 'gpu', effect: 'NoSchedule' }] }), NO_CONSTRAINTS)).toBe(true);
  });

  it.each([
    { name: 'no constraints', constraints: NO_CONSTRAINTS, picky: false },
    { name: 'tolerations only', constraints: c({ tolerations: [{ operator: 'Exists' }] }), picky: false },
    { name: 'nodeName', constraints: c({ nodeName: 'n1' }), picky: true },
    { name: 'nodeSelector', constraints: c({ nodeSelector: { zone: 'a' } }), picky: true },
    { name: 'required terms', constraints: c({ requiredTerms: inZone('a') }), picky: true },
  ])('isPicky: $name → $picky', ({ constraints, picky }) => {
    expect(isPicky(constraints)).toBe(picky);
  });
});
