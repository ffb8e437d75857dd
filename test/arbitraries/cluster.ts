import fc from 'fast-check';
import { nodeCpu, nodeMemory } from './quantities.js';

/** The label keys and values the generated nodes carry; constraints and selectors draw from the same sets. */
export const LABELS: Readonly<Record<string, readonly string[]>> = { disk: ['ssd', 'hdd'], tier: ['front', 'back'] };

/** The taint a node may carry (dedicated=batch), with any of the three effects. */
export const TAINT_KEY = 'dedicated';

export interface RawTaint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

export interface RawNodeGroup {
  name: string;
  count: number;
  resources: { cpu: string | number; memory: string; gpu?: number };
  labels?: Record<string, string>;
  zones?: string[];
  taints?: RawTaint[];
  maxTasks?: number;
}

export interface RawNode {
  name: string;
  resources: { cpu: string | number; memory: string; gpu?: number };
  labels?: Record<string, string>;
  taints?: RawTaint[];
}

export interface RawCluster {
  nodeGroups: RawNodeGroup[];
  nodes?: RawNode[];
}

/** The node names a raw cluster expands to, in scenario order (as expandCluster names them). */
export function nodeNamesOf(c: RawCluster): string[] {
  return [...c.nodeGroups.flatMap((g) => Array.from({ length: g.count }, (_, i) => `${g.name}-${i}`)), ...(c.nodes ?? []).map((n) => n.name)];
}

const labels: fc.Arbitrary<Record<string, string>> = fc.record(Object.fromEntries(Object.entries(LABELS).map(([k, vs]) => [k, fc.constantFrom(...vs)])), {
  requiredKeys: [],
}) as fc.Arbitrary<Record<string, string>>;

const taint: fc.Arbitrary<RawTaint> = fc.record({
  key: fc.constant(TAINT_KEY),
  value: fc.constant('batch'),
  effect: fc.constantFrom('NoSchedule' as const, 'PreferNoSchedule' as const, 'NoExecute' as const),
});

const nodeResources = fc.record({ cpu: nodeCpu, memory: nodeMemory, gpu: fc.integer({ min: 0, max: 2 }) }, { requiredKeys: ['cpu', 'memory'] });

/** Options of {@link clusterArb}. */
export interface ClusterShape {
  /** Allow taints (a tainted group is at most one of several, so untainted nodes remain). */
  readonly taints?: boolean;
  /** Most nodes in total. */
  readonly maxNodes?: number;
}

/**
 * A small heterogeneous cluster: one to three node groups (distinct names, 1–4 nodes each, mixed
 * sizes, labels, sometimes zones, sometimes a `dedicated=batch` taint, sometimes a low maxTasks),
 * plus up to two explicitly named nodes.
 */
export function clusterArb(shape: ClusterShape = {}): fc.Arbitrary<RawCluster> {
  const maxNodes = shape.maxNodes ?? 10;
  const group = (name: string): fc.Arbitrary<RawNodeGroup> =>
    fc
      .record(
        {
          count: fc.integer({ min: 1, max: 4 }),
          resources: nodeResources,
          labels,
          zones: fc.constantFrom(['a', 'b'], ['a', 'b', 'c']).map((z) => [...z]),
          taints: shape.taints ? fc.array(taint, { maxLength: 1 }) : fc.constant<RawTaint[]>([]),
          maxTasks: fc.integer({ min: 2, max: 110 }),
        },
        { requiredKeys: ['count', 'resources'] },
      )
      .map((g) => ({ name, ...g }));
  return fc
    .record({
      groups: fc.uniqueArray(fc.constantFrom('pool', 'big', 'gpu'), { minLength: 1, maxLength: 3 }).chain((names) => fc.tuple(...names.map(group))),
      nodes: fc.array(
        fc.record(
          { resources: nodeResources, labels, taints: shape.taints ? fc.array(taint, { maxLength: 1 }) : fc.constant<RawTaint[]>([]) },
          { requiredKeys: ['resources'] },
        ),
        { maxLength: 2 },
      ),
    })
    .map(({ groups, nodes }) => {
      // Keep at least one untainted group so that tolerating nothing still leaves somewhere to run.
      const [first, ...rest] = groups;
      const nodeGroups = [{ ...(first as RawNodeGroup), taints: [] }, ...rest];
      const kept: RawNodeGroup[] = [];
      let budget = maxNodes;
      for (const g of nodeGroups) {
        if (budget <= 0) break;
        const count = Math.min(g.count, budget);
        kept.push({ ...g, count });
        budget -= count;
      }
      return { nodeGroups: kept, nodes: nodes.slice(0, Math.max(0, budget)).map((n, i) => ({ name: `extra-${i}`, ...n })) };
    });
}
