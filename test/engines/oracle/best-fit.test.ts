import { describe, expect, it } from 'vitest';
import { NO_CONSTRAINTS } from '../../../src/cluster/constraints.js';
import { type NodeSpec } from '../../../src/cluster/node.js';
import { resources, type Resources } from '../../../src/cluster/resources.js';
import { type NodeAgentApi } from '../../../src/engines/engine.js';
import { bestFitNode } from '../../../src/engines/kit/placement/best-fit.js';

const GI = 2 ** 30;

/** An agent stand-in with fixed free resources: only what best fit reads (spec, free, fits). */
function agent(
  name: string,
  cap: { cpu: number; memory: number; gpu?: number },
  used: Partial<Resources> = {},
  labels: Record<string, string> = {},
): NodeAgentApi {
  const allocatable = resources({ cpu: cap.cpu * 1000, memory: cap.memory * GI, gpu: cap.gpu ?? 0 });
  const node: NodeSpec = { name, allocatable, labels, taints: [], maxTasks: 110 };
  const free = resources({ cpu: allocatable.cpu - (used.cpu ?? 0), memory: allocatable.memory - (used.memory ?? 0), gpu: allocatable.gpu - (used.gpu ?? 0) });
  return { node, free: () => free } as unknown as NodeAgentApi;
}

const demand = (cpu: number, memoryGi: number, gpu = 0): Resources => resources({ cpu: cpu * 1000, memory: memoryGi * GI, gpu });
const fitsFree =
  (d: Resources) =>
  (a: NodeAgentApi): boolean => {
    const f = a.free();
    return d.cpu <= f.cpu && d.memory <= f.memory && d.gpu <= f.gpu;
  };
const up = (): boolean => true;

describe('bestFitNode', () => {
  it('chooses the node with the least free capacity left after placing, as fractions of each node’s allocatable', () => {
    const nodes = [
      agent('big', { cpu: 8, memory: 32 }),
      agent('half-used', { cpu: 8, memory: 32 }, { cpu: 4000, memory: 16 * GI }),
      agent('small', { cpu: 2, memory: 8 }),
    ];
    // Leftover: big 0.875 + 0.97, half-used 0.375 + 0.47, small 0.5 + 0.875.
    expect(bestFitNode(nodes, up, demand(1, 1), NO_CONSTRAINTS, fitsFree(demand(1, 1)))?.node.name).toBe('half-used');
  });

  it('breaks ties by scenario order, and skips nodes that are down, do not fit or do not admit the constraints', () => {
    const nodes = [
      agent('a', { cpu: 4, memory: 16 }, {}, { zone: 'a' }),
      agent('b', { cpu: 4, memory: 16 }, {}, { zone: 'b' }),
      agent('c', { cpu: 4, memory: 16 }, {}, { zone: 'b' }),
      agent('tiny', { cpu: 1, memory: 1 }, {}, { zone: 'b' }),
    ];
    const d = demand(2, 2);
    expect(bestFitNode(nodes, up, d, NO_CONSTRAINTS, fitsFree(d))?.node.name).toBe('a');
    expect(bestFitNode(nodes, up, d, { ...NO_CONSTRAINTS, nodeSelector: { zone: 'b' } }, fitsFree(d))?.node.name).toBe('b');
    expect(bestFitNode(nodes, (n) => n !== 'b', d, { ...NO_CONSTRAINTS, nodeSelector: { zone: 'b' } }, fitsFree(d))?.node.name).toBe('c');
    expect(bestFitNode(nodes, (n) => n === 'tiny', d, NO_CONSTRAINTS, fitsFree(d))).toBeUndefined();
  });

  it('keeps gpu nodes for gpu tasks: their unused gpus count as capacity left', () => {
    const nodes = [agent('gpu', { cpu: 4, memory: 16, gpu: 2 }), agent('plain', { cpu: 8, memory: 32 })];
    // A cpu task: gpu leaves 0.75 + 0.94 + 1 (both gpus), plain 0.875 + 0.97.
    expect(bestFitNode(nodes, up, demand(1, 1), NO_CONSTRAINTS, fitsFree(demand(1, 1)))?.node.name).toBe('plain');
    expect(bestFitNode(nodes, up, demand(1, 1, 1), NO_CONSTRAINTS, fitsFree(demand(1, 1, 1)))?.node.name).toBe('gpu');
  });
});
