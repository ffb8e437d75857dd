import fc from 'fast-check';
import { expect } from 'vitest';
import { fitsWithin, type Resources, subtractResources, addResources } from '../../src/cluster/resources.js';
import { DrfSorter } from '../../src/engines/mesos/sorter/drf-sorter.js';
import { checkProperty, type PropertyDef } from '../support/props.js';

/*
 * Properties of the Mesos DRF sorter (src/engines/mesos/sorter/drf-sorter.ts) against a model
 * written from the definition (Ghodsi et al., NSDI 2011; Mesos's DRFSorter): siblings ordered by
 * weighted dominant share, then by allocation count, then by path; active leaves in pre-order.
 */

/** Clients of the generated trees: two top-level leaves and two internal roles with leaves. */
const CLIENTS = ['a', 'b', 'c/x', 'c/y', 'd/x'] as const;
const AGENTS = ['agent-0', 'agent-1'] as const;

type SorterOp =
  | { op: 'allocated'; client: number; agent: number; r: Resources }
  | { op: 'unallocated'; client: number; agent: number; fraction: number }
  | { op: 'activate' | 'deactivate'; client: number }
  | { op: 'weight'; path: string; weight: number };

const vector = fc.record({ cpu: fc.integer({ min: 0, max: 4000 }), memory: fc.integer({ min: 0, max: 8 * 2 ** 30 }), gpu: fc.integer({ min: 0, max: 1 }) });
const client = fc.nat({ max: CLIENTS.length - 1 });
const agent = fc.nat({ max: AGENTS.length - 1 });

const sorterOp: fc.Arbitrary<SorterOp> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('allocated' as const), client, agent, r: vector }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('unallocated' as const), client, agent, fraction: fc.constantFrom(0.5, 1) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constantFrom('activate' as const, 'deactivate' as const), client }) },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('weight' as const), path: fc.constantFrom('a', 'b', 'c', 'c/x', 'd'), weight: fc.constantFrom(0.5, 1, 2, 3) }),
  },
);

interface ModelClient {
  held: Map<string, Resources>;
  count: number;
  active: boolean;
}

const ZERO: Resources = { cpu: 0, memory: 0, gpu: 0 };

function sum(rs: Iterable<Resources>): Resources {
  let t = ZERO;
  for (const r of rs) t = addResources(t, r);
  return t;
}

/** share = max over dimensions with a positive total of allocated / total, divided by the weight (Mesos's order of operations). */
function shareOf(alloc: Resources, total: Resources, weight: number): number {
  let share = 0;
  for (const d of ['cpu', 'memory', 'gpu'] as const) if (total[d] > 0) share = Math.max(share, alloc[d] / total[d]);
  return share / weight;
}

/** The model's DRF order: pre-order over the tree, siblings by (share, count, path), active leaves only. */
function modelOrder(model: Map<string, ModelClient>, total: Resources, weights: Map<string, number>): string[] {
  const sortKey = (path: string, leaves: string[]) => {
    const alloc = sum(leaves.flatMap((l) => [...(model.get(l) as ModelClient).held.values()]));
    const count = leaves.reduce((n, l) => n + (model.get(l) as ModelClient).count, 0);
    return { path, share: shareOf(alloc, total, weights.get(path) ?? 1), count };
  };
  const byKey = (x: { share: number; count: number; path: string }, y: typeof x): number =>
    x.share - y.share || x.count - y.count || (x.path < y.path ? -1 : x.path > y.path ? 1 : 0);
  const top = new Map<string, string[]>();
  for (const c of CLIENTS) {
    const root = c.split('/')[0] as string;
    top.set(root, [...(top.get(root) ?? []), c]);
  }
  const siblings = [...top].flatMap(([root, leaves]) =>
    leaves.length === 1 && leaves[0] === root ? ((model.get(root) as ModelClient).active ? [sortKey(root, leaves)] : []) : [sortKey(root, leaves)],
  );
  const out: string[] = [];
  for (const s of siblings.sort(byKey)) {
    const leaves = top.get(s.path) as string[];
    if (leaves.length === 1 && leaves[0] === s.path) {
      out.push(s.path);
      continue;
    }
    const inner = leaves.filter((l) => (model.get(l) as ModelClient).active).map((l) => sortKey(l, [l]));
    out.push(...inner.sort(byKey).map((k) => k.path));
  }
  return out;
}

const orderAgreesWithShares: PropertyDef = {
  name: 'DRF sorter order agrees with weighted dominant shares, then allocation counts, then paths',
  check: () =>
    checkProperty(
      'DRF sorter order agrees with weighted dominant shares, then allocation counts, then paths',
      fc.property(fc.array(vector, { minLength: 1, maxLength: 2 }), fc.array(sorterOp, { maxLength: 60 }), (agentSizes, ops) => {
        const sorter = new DrfSorter();
        const model = new Map<string, ModelClient>(CLIENTS.map((c) => [c, { held: new Map(), count: 0, active: false }]));
        const weights = new Map<string, number>();
        for (const c of CLIENTS) sorter.add(c);
        agentSizes.forEach((r, i) => sorter.addAgent(AGENTS[i] as string, r));
        const total = sum(agentSizes);
        for (const op of ops) {
          const name = CLIENTS[op.op === 'weight' ? 0 : op.client] as string;
          const m = model.get(name) as ModelClient;
          const agentName = op.op === 'allocated' || op.op === 'unallocated' ? (AGENTS[op.agent % agentSizes.length] as string) : '';
          switch (op.op) {
            case 'allocated':
              sorter.allocated(name, agentName, op.r);
              m.held.set(agentName, addResources(m.held.get(agentName) ?? ZERO, op.r));
              m.count++;
              break;
            case 'unallocated': {
              const held = m.held.get(agentName);
              if (!held) break;
              const part = op.fraction === 1 ? held : { cpu: Math.floor(held.cpu / 2), memory: Math.floor(held.memory / 2), gpu: Math.floor(held.gpu / 2) };
              sorter.unallocated(name, agentName, part);
              const rest = subtractResources(held, part);
              if (rest.cpu === 0 && rest.memory === 0 && rest.gpu === 0) m.held.delete(agentName);
              else m.held.set(agentName, rest);
              break;
            }
            case 'activate':
              sorter.activate(name);
              m.active = true;
              break;
            case 'deactivate':
              sorter.deactivate(name);
              m.active = false;
              break;
            case 'weight':
              sorter.updateWeight(op.path, op.weight);
              weights.set(op.path, op.weight);
              break;
          }
          expect(sorter.sort(), JSON.stringify(op)).toEqual(modelOrder(model, total, weights));
        }
      }),
      { kind: 'pure' },
    ),
};

/** Per-task demand of a framework: at least one dimension positive. */
const demand = fc
  .record({ cpu: fc.integer({ min: 0, max: 4000 }), memory: fc.integer({ min: 0, max: 16 * 2 ** 30 }), gpu: fc.constant(0) })
  .filter((r) => r.cpu > 0 || r.memory > 0);

const progressiveFilling: PropertyDef = {
  name: 'DRF with one task per offer gives the progressive-filling allocation',
  check: () =>
    checkProperty(
      'DRF with one task per offer gives the progressive-filling allocation',
      fc.property(
        fc
          .record({ cpu: fc.integer({ min: 1000, max: 64_000 }), memory: fc.integer({ min: 2 ** 30, max: 256 * 2 ** 30 }), gpu: fc.constant(0) })
          .map((r): Resources => r),
        fc.array(fc.record({ demand, weight: fc.constantFrom(1, 2, 3) }), { minLength: 1, maxLength: 5 }),
        (capacity, frameworks) => {
          const names = frameworks.map((_, i) => `fw${i}`);
          // The allocator's loop: offer to the first framework in DRF order whose next task fits; it takes one task.
          const sorter = new DrfSorter();
          sorter.addAgent('pool', capacity);
          frameworks.forEach((f, i) => {
            sorter.add(names[i] as string);
            sorter.activate(names[i] as string);
            sorter.updateWeight(names[i] as string, f.weight);
          });
          const viaSorter = frameworks.map(() => 0);
          let free = capacity;
          for (let step = 0; step < 10_000; step++) {
            const next = sorter.sort().find((n) => fitsWithin(frameworks[names.indexOf(n)]?.demand as Resources, free));
            if (next === undefined) break;
            const i = names.indexOf(next);
            const d = (frameworks[i] as { demand: Resources }).demand;
            sorter.allocated(next, 'pool', d);
            free = subtractResources(free, d);
            viaSorter[i] = (viaSorter[i] as number) + 1;
          }
          // Progressive filling, from the definition: give one task to the framework with the lowest
          // weighted dominant share (then fewest tasks, then name) among those whose task still fits.
          const tasks = frameworks.map(() => 0);
          let left = capacity;
          for (let step = 0; step < 10_000; step++) {
            const candidates = frameworks
              .map((f, i) => ({
                i,
                share: shareOf({ cpu: f.demand.cpu * (tasks[i] as number), memory: f.demand.memory * (tasks[i] as number), gpu: 0 }, capacity, f.weight),
                n: tasks[i] as number,
              }))
              .filter((c) => fitsWithin((frameworks[c.i] as { demand: Resources }).demand, left))
              .sort((x, y) => x.share - y.share || x.n - y.n || x.i - y.i);
            const best = candidates[0];
            if (!best) break;
            tasks[best.i] = (tasks[best.i] as number) + 1;
            left = subtractResources(left, (frameworks[best.i] as { demand: Resources }).demand);
          }
          expect(viaSorter).toEqual(tasks);
        },
      ),
      { kind: 'pure' },
    ),
};

/** The DRF sorter's properties. */
export function drfSorterDefs(): PropertyDef[] {
  return [orderAgreesWithShares, progressiveFilling];
}
