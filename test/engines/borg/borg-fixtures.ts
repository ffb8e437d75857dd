import { NO_CONSTRAINTS, type PlacementConstraints } from '../../../src/cluster/constraints.js';
import { type NodeSpec } from '../../../src/cluster/node.js';
import { resources, type Resources } from '../../../src/cluster/resources.js';
import { type BorgJob, BorgTask, EquivalenceClasses } from '../../../src/engines/borg/borg-task.js';

/** Shared builders for the borg engine's unit tests. */
export const GI = 2 ** 30;

/** Cores and GiB as a resource vector. */
export const res = (cpu: number, memoryGi: number, gpu = 0): Resources => resources({ cpu: cpu * 1000, memory: memoryGi * GI, gpu });

/** A machine of `cpu` cores and `memoryGi` GiB. */
export function machine(name: string, cpu: number, memoryGi: number, labels: Record<string, string> = {}, maxTasks = 110): NodeSpec {
  return { name, allocatable: res(cpu, memoryGi), labels, taints: [], maxTasks };
}

const classes = new EquivalenceClasses();

/** A batch job record for tasks to belong to. */
export function job(name: string, tenant = 'default', priority = 0): BorgJob {
  return {
    kind: 'job',
    spec: { name, workload: name, tenant, priority, constraints: NO_CONSTRAINTS, tasks: [], sync: false },
    submitted: 0 as never,
    remaining: 1,
    assigned: 0,
    considered: false,
  };
}

/** A pending task of `owner` asking for `demand`. */
export function task(owner: BorgJob, demand: Resources, constraints: PlacementConstraints = NO_CONSTRAINTS): BorgTask {
  const p = owner.spec.priority;
  return new BorgTask(owner, owner.spec.tenant, p, demand, constraints, classes.keyOf(p, demand, constraints), undefined, undefined);
}
