import { admits, type PlacementConstraints } from '../cluster/constraints.js';
import { type NodeSpec } from '../cluster/node.js';
import { fitsWithin, type Resources } from '../cluster/resources.js';
import { expandCluster } from './expand.js';
import { type ScenarioDoc } from './schema.js';

/**
 * Work of a scenario that no node (or not the whole cluster) can ever hold: its trials end with
 * that work pending and the convergence windows censored. Found before the run; meta.json records
 * it (as the report's `ScenarioWarning`, the same shape) so the report can say it.
 */
export interface UnfittableWork {
  readonly workload: string;
  /** `task-fits-no-node`: one task is larger than every node it may run on; `replicas-exceed-capacity`: more replicas than all those nodes hold. */
  readonly kind: 'task-fits-no-node' | 'replicas-exceed-capacity';
  readonly replicas?: number;
  readonly capacity?: number;
}

/** How many tasks of `demand` fit on an empty node, by resources and the node's task limit. */
function perNode(node: NodeSpec, demand: Resources): number {
  let n = node.maxTasks;
  const dims: [number, number][] = [
    [demand.cpu, node.allocatable.cpu],
    [demand.memory, node.allocatable.memory],
    [demand.gpu, node.allocatable.gpu],
    ...Object.entries(demand.ext ?? {}).map(([k, v]): [number, number] => [v, node.allocatable.ext?.[k] ?? 0]),
  ];
  for (const [need, have] of dims) if (need > 0) n = Math.min(n, Math.floor(have / need));
  return n;
}

/**
 * Work in a scenario that can never be placed, found from the document alone (no trial needed): a
 * task larger than every node it may run on, or a service (at its largest declared or scaled
 * replica count) with more replicas than all admitting nodes hold even when empty. Each engine's
 * trial then ends with that work pending and its convergence windows censored; the CLI says so,
 * and meta.json records it for the report. Only certain cases are reported (other workloads
 * competing for the same nodes can make more work unplaceable than this finds).
 */
export function unfittableWork(doc: ScenarioDoc): UnfittableWork[] {
  const nodes = expandCluster(doc);
  const out: UnfittableWork[] = [];
  const admitting = (c: PlacementConstraints): NodeSpec[] => nodes.filter((n) => admits(n, c));
  for (const w of doc.spec.workloads) {
    if (w.kind === 'Trace') continue;
    const shapes = [w.resources];
    if (w.kind === 'Service') for (const e of doc.spec.events) if (e.kind === 'rollout' && e.service === w.name && e.resources) shapes.push(e.resources);
    const candidates = admitting(w.constraints);
    if (shapes.some((r) => !candidates.some((n) => fitsWithin(r, n.allocatable)))) {
      out.push({ workload: w.name, kind: 'task-fits-no-node' });
      continue;
    }
    if (w.kind !== 'Service') continue;
    const replicas = Math.max(w.replicas, ...doc.spec.events.flatMap((e) => (e.kind === 'scale' && e.service === w.name ? [e.replicas] : [])));
    const capacity = Math.min(...shapes.map((r) => candidates.reduce((sum, n) => sum + perNode(n, r), 0)));
    if (replicas > capacity) out.push({ workload: w.name, kind: 'replicas-exceed-capacity', replicas, capacity });
  }
  return out;
}

/** A warning as one console line. */
export function describeWarning(scenario: string, w: UnfittableWork): string {
  return w.kind === 'task-fits-no-node'
    ? `${scenario}: a task of workload ${w.workload} is larger than every node it may run on; it can never be placed, and its trials end with it pending (convergence censored)`
    : `${scenario}: service ${w.workload} asks for ${w.replicas ?? '?'} replicas but the whole cluster holds at most ${w.capacity ?? '?'}; the rest stay pending (convergence censored)`;
}
