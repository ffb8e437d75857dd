import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NO_CONSTRAINTS, type PlacementConstraints } from '../../../../src/cluster/constraints.js';
import { type NodeSpec } from '../../../../src/cluster/node.js';
import { type Resources } from '../../../../src/cluster/resources.js';
import { type NodeAgentApi } from '../../../../src/engines/engine.js';
import { bestFitNode } from '../../../../src/engines/kit/placement/best-fit.js';
import { FitIndex } from '../../../../src/engines/kit/placement/fit-index.js';

/** A stand-in agent: only what best fit reads (spec, free, fits by resources and task count). */
interface FakeAgent {
  readonly agent: NodeAgentApi;
  used: Resources;
  tasks: number;
}

function fakeAgent(spec: NodeSpec): FakeAgent {
  const fake: FakeAgent = { used: { cpu: 0, memory: 0, gpu: 0 }, tasks: 0, agent: undefined as unknown as NodeAgentApi };
  const free = (): Resources => ({
    cpu: spec.allocatable.cpu - fake.used.cpu,
    memory: spec.allocatable.memory - fake.used.memory,
    gpu: spec.allocatable.gpu - fake.used.gpu,
  });
  (fake as { agent: NodeAgentApi }).agent = {
    node: spec,
    free,
    fits: (task: { resources: Resources }) => {
      const f = free();
      return fake.tasks < spec.maxTasks && task.resources.cpu <= f.cpu && task.resources.memory <= f.memory && task.resources.gpu <= f.gpu;
    },
  } as unknown as NodeAgentApi;
  return fake;
}

const SHAPES: readonly NodeSpec[] = [
  { name: '', allocatable: { cpu: 4000, memory: 16e9, gpu: 0 }, labels: { zone: 'a' }, taints: [], maxTasks: 5 },
  { name: '', allocatable: { cpu: 4000, memory: 16e9, gpu: 0 }, labels: { zone: 'b' }, taints: [], maxTasks: 5 },
  {
    name: '',
    allocatable: { cpu: 8000, memory: 8e9, gpu: 2 },
    labels: { zone: 'a', gpu: 'yes' },
    taints: [{ key: 'gpu', value: 'yes', effect: 'NoSchedule' }],
    maxTasks: 3,
  },
];

const ZONE_B: PlacementConstraints = { ...NO_CONSTRAINTS, nodeSelector: { zone: 'b' } };
const GPU_OK: PlacementConstraints = { ...NO_CONSTRAINTS, tolerations: [{ key: 'gpu', operator: 'Exists' }] };

describe('FitIndex', () => {
  it('chooses exactly the node the linear best-fit scan chooses, through placements, exits and crashes', () => {
    const op = fc.record({
      kind: fc.constantFrom('place', 'place', 'place', 'exit', 'crash', 'boot'),
      cpu: fc.constantFrom(0, 250, 500, 1000, 1500, 4000),
      memory: fc.constantFrom(0, 1e9, 2e9, 4e9, 8e9),
      gpu: fc.constantFrom(0, 0, 1),
      constraints: fc.constantFrom(NO_CONSTRAINTS, ZONE_B, GPU_OK, { ...NO_CONSTRAINTS, nodeName: 'n3' }),
      pick: fc.nat(),
    });
    fc.assert(
      fc.property(fc.array(fc.nat(SHAPES.length - 1), { minLength: 1, maxLength: 12 }), fc.array(op, { maxLength: 80 }), (shapeIds, ops) => {
        const fakes = shapeIds.map((s, i) => fakeAgent({ ...(SHAPES[s] as NodeSpec), name: `n${i}` }));
        const agents = fakes.map((f) => f.agent);
        const up = new Map(agents.map((a) => [a.node.name, true]));
        const isUp = (n: string): boolean => up.get(n) === true;
        const index = new FitIndex(agents, isUp);
        const placed: { fake: FakeAgent; demand: Resources; i: number }[] = [];
        for (const o of ops) {
          if (o.kind === 'place') {
            const demand = { cpu: o.cpu, memory: o.memory, gpu: o.gpu };
            const fits = (a: NodeAgentApi): boolean => a.fits({ resources: demand } as never);
            const expected = bestFitNode(agents, isUp, demand, o.constraints, fits);
            expect(index.best(demand, o.constraints, fits)).toBe(expected);
            if (!expected) continue;
            const i = agents.indexOf(expected);
            const fake = fakes[i] as FakeAgent;
            fake.used = { cpu: fake.used.cpu + demand.cpu, memory: fake.used.memory + demand.memory, gpu: fake.used.gpu + demand.gpu };
            fake.tasks++;
            placed.push({ fake, demand, i });
            index.markDirty(i);
          } else if (o.kind === 'exit' && placed.length > 0) {
            const [p] = placed.splice(o.pick % placed.length, 1);
            if (!p) continue;
            p.fake.used = { cpu: p.fake.used.cpu - p.demand.cpu, memory: p.fake.used.memory - p.demand.memory, gpu: p.fake.used.gpu - p.demand.gpu };
            p.fake.tasks--;
            index.markDirty(p.i);
          } else if (o.kind === 'crash' || o.kind === 'boot') {
            const i = o.pick % agents.length;
            const fake = fakes[i] as FakeAgent;
            up.set(fake.agent.node.name, o.kind === 'boot');
            if (o.kind === 'crash') {
              fake.used = { cpu: 0, memory: 0, gpu: 0 };
              fake.tasks = 0;
              for (let k = placed.length - 1; k >= 0; k--) if ((placed[k] as { i: number }).i === i) placed.splice(k, 1);
            }
            index.markDirtyByName(fake.agent.node.name);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    { name: 'empty equal nodes: the first in scenario order', used: [0, 0, 0], expected: 'n0' },
    { name: 'the fullest node that still fits', used: [1000, 3000, 2000], expected: 'n1' },
    { name: 'skips a node without room', used: [1000, 3500, 2000], expected: 'n2' },
  ])('$name', ({ used, expected }) => {
    const fakes = used.map((cpu, i) => {
      const f = fakeAgent({ ...(SHAPES[0] as NodeSpec), name: `n${i}` });
      f.used = { cpu, memory: 0, gpu: 0 };
      return f;
    });
    const index = new FitIndex(
      fakes.map((f) => f.agent),
      () => true,
    );
    const demand = { cpu: 1000, memory: 1e9, gpu: 0 };
    expect(index.best(demand, NO_CONSTRAINTS, (a) => a.fits({ resources: demand } as never))?.node.name).toBe(expected);
  });
});
