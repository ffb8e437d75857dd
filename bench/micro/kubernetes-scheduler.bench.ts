import { type Bench } from 'tinybench';
import { NO_CONSTRAINTS } from '../../src/cluster/constraints.js';
import { resources } from '../../src/cluster/resources.js';
import { defaultOptions } from '../../src/engines/kubernetes/options.js';
import { type CycleState, scheduleCycle } from '../../src/engines/kubernetes/scheduler/framework.js';
import { NodeColumns } from '../../src/engines/kubernetes/scheduler/node-columns.js';
import { createNodeInfo, type NodeInfo, type PodInfo } from '../../src/engines/kubernetes/scheduler/types.js';
import { Rng } from '../../src/sim/rng.js';

/**
 * kube-scheduler micro-benchmark, sized like scheduler_perf SchedulingBasic/5000Nodes: one
 * scheduling cycle (filter + score, default profile) for one pod on 5,000 nodes, which evaluates
 * numFeasibleNodesToFind = 500 of them. kube-scheduler's CI floor there is 680 pods/s end to end;
 * our goal for the cycle alone is ≥ 10,000 pods/s of real CPU.
 */

const GiB = 2 ** 30;

/** 5,000 nodes of 32 cores / 128 GiB, each with a few pods of varied size (so scores differ). */
export function clusterFixture(count: number): NodeInfo[] {
  const nodes: NodeInfo[] = [];
  for (let i = 0; i < count; i++) {
    const n = createNodeInfo(`node-${i}`, resources({ cpu: 32_000, memory: 128 * GiB }), 110, { zone: `z${i % 3}` });
    const used = (i * 7919) % 16;
    n.requested = resources({ cpu: used * 1000, memory: used * 2 * GiB });
    n.nonZeroCpu = used * 1000;
    n.nonZeroMemory = used * 2 * GiB;
    nodes.push(n);
  }
  return nodes;
}

const POD: PodInfo = {
  key: 'default/bench',
  name: 'bench',
  uid: 'uid-bench',
  priority: 0,
  preemptionPolicy: 'PreemptLowerPriority',
  requests: resources({ cpu: 500, memory: GiB }),
  nonZeroCpu: 500,
  nonZeroMemory: GiB,
  constraints: NO_CONSTRAINTS,
  tolerations: [],
};

const TASK = 'kubernetes: one scheduling cycle (filter + score), 5,000 nodes';

/** One operation schedules one pod. */
export const units = { [TASK]: { perOp: 1, unit: 'pods' } };

export function register(bench: Bench): void {
  const nodes = clusterFixture(5000);
  const profile = defaultOptions().scheduler;
  const state: CycleState = { nextStartNodeIndex: 0 };
  const rng = Rng.root(1).split('bench');
  // The scheduler cache keeps these columns up to date as pods come and go (scheduler-cache.ts);
  // built once here as the cache would hold them.
  const columns = NodeColumns.of(nodes);
  bench.add(TASK, () => {
    const r = scheduleCycle(POD, nodes, profile, state, rng, 0, undefined, columns);
    if (r.kind !== 'placed') throw new Error('the benchmark pod must fit');
  });
}
