import { NO_CONSTRAINTS } from '../../../src/cluster/constraints.js';
import { type NodeSpec } from '../../../src/cluster/node.js';
import { type Resources } from '../../../src/cluster/resources.js';
import { type SimTime } from '../../../src/sim/time.js';
import { type Claim } from '../../../src/engines/omega/cell/cell-state.js';

/** `count` machines of `cpu` millicores and `memory` bytes, named m0, m1, …. */
export function machines(count: number, cpu = 4000, memory = 8 * 2 ** 30): NodeSpec[] {
  return Array.from({ length: count }, (_, i) => ({ name: `m${i}`, allocatable: { cpu, memory, gpu: 0 }, labels: {}, taints: [], maxTasks: 110 }));
}

/** A demand of `cpu` millicores and 1 GiB. */
export function demand(cpu: number): Resources {
  return { cpu, memory: 2 ** 30, gpu: 0 };
}

/** A batch-like claim with no owner payload, committed at time 0. */
export function claim(id: string, machine: number, cpu: number): Claim {
  return { id, machine, demand: demand(cpu), owner: { kind: 'orphan' }, committedAt: 0 as SimTime, confirmed: false, running: false };
}

export { NO_CONSTRAINTS };
