import { type NodeSpec } from '../cluster/node.js';
import { type Rng } from '../sim/rng.js';
import { addTime, type SimTime } from '../sim/time.js';
import { formatDuration } from '../sim/duration.js';
import { drawJob, poissonArrivals } from './batch-jobs.js';
import { lifecycleIntent } from './lifecycle-intents.js';
import { serviceLifecycle } from './app-catalog.js';
import { resolveTarget } from './fault-targets.js';
import { type ExpandedWorkload, type Fault, type Intent, type Perturbation } from '../intents/index.js';
import { type BatchJobSpec, type EventSpec, type ScenarioDoc, type ServiceSpec } from './schema.js';

/** The label every node of a group carries, so selectors can name a group (`selector: { group: gpu }`). */
export const GROUP_LABEL = 'group';
/** The label node groups with `zones` set on their nodes (Kubernetes uses topology.kubernetes.io/zone; short here). */
export const ZONE_LABEL = 'zone';

/**
 * The machines of a scenario, in a fixed order: each node group's nodes `<group>-0 … <group>-(count-1)`,
 * then the explicit nodes. A group's nodes carry the group's labels plus `group: <name>` (unless the
 * group sets `group` itself) and, when `zones` is given, `zone` assigned round-robin. Names are
 * unique in a validated scenario (the loader rejects duplicates).
 */
export function expandCluster(doc: ScenarioDoc): NodeSpec[] {
  const nodes: NodeSpec[] = [];
  for (const g of doc.spec.cluster.nodeGroups) {
    for (let i = 0; i < g.count; i++) {
      const labels: Record<string, string> = { [GROUP_LABEL]: g.name, ...g.labels };
      if (g.zones && g.zones.length > 0) labels[ZONE_LABEL] = g.zones[i % g.zones.length] as string;
      nodes.push({ name: `${g.name}-${i}`, allocatable: g.resources, labels, taints: g.taints, maxTasks: g.maxTasks });
    }
  }
  for (const n of doc.spec.cluster.nodes) {
    nodes.push({ name: n.name, allocatable: n.resources, labels: { ...n.labels }, taints: n.taints, maxTasks: n.maxTasks });
  }
  return nodes;
}

/** Something placed on the time line, with the scenario order that breaks ties at equal times. */
interface Timed<T> {
  readonly time: SimTime;
  readonly order: number;
  readonly value: T;
}

/**
 * Expands a validated scenario for one seed into the intents handed to every engine, the faults the
 * harness applies, and the perturbations after which convergence is measured, each sorted by time
 * and then by scenario order (workloads before events, each in file order).
 *
 * Streams (DESIGN.md §3): every workload draws from `Rng.root(seed).split('workload').split(<name>)`,
 * so adding a workload never changes another's draws; a job within it from `.split('job-<n>')`,
 * a burst from `.split('burst-<event index>')`, a run-once-per-node operation's run times from
 * `.split(<operation name>)` (lifecycle-intents.ts). Fault targets are drawn from
 * `Rng.root(seed).split('faults').split('event-<index>')`. `root` is the trial's root stream (built
 * once per trial); these labels belong to the workload alone. Nothing here depends on the engine.
 * Trace workloads are not here: the feed (feed.ts) reads them from their tables.
 */
export function expandWorkload(doc: ScenarioDoc, root: Rng, nodes: readonly NodeSpec[]): ExpandedWorkload {
  const workloadRng = root.split('workload');
  const horizon = doc.spec.duration;
  const intents: Timed<Intent>[] = [];
  const perturbations: Timed<Omit<Perturbation, 'index'>>[] = [];
  const workloads = doc.spec.workloads;
  const byName = new Map(workloads.map((w) => [w.name, w]));

  workloads.forEach((w, order) => {
    if (w.kind === 'Service') {
      intents.push({ time: w.startAt, order, value: { kind: 'service-declared', time: w.startAt, service: serviceTemplate(doc, w) } });
      perturbations.push({ time: w.startAt, order, value: { time: w.startAt, kind: 'deploy', label: `deploy ${w.name} (${w.replicas} replicas)` } });
    } else if (w.kind === 'BatchJob') {
      const stream = workloadRng.split(w.name);
      if (w.arrivals) {
        poissonArrivals(w.arrivals, horizon, stream.split('arrivals')).forEach((time, n) => {
          intents.push({ time, order, value: drawJob(w, `${w.name}-${n}`, time, stream.split(`job-${n}`)) });
        });
      } else {
        const time = w.submitAt ?? (0 as SimTime);
        intents.push({ time, order, value: drawJob(w, w.name, time, stream.split('job-0')) });
      }
    }
    // Trace workloads are fed from their loaded tables, job by job (feed.ts).
  });

  const faults = expandFaults(doc, nodes, root.split('faults'), workloads.length);
  doc.spec.events.forEach((e, i) => {
    const order = workloads.length + i;
    switch (e.kind) {
      case 'scale':
        intents.push({ time: e.at, order, value: { kind: 'service-scaled', time: e.at, service: e.service, replicas: e.replicas } });
        perturbations.push({ time: e.at, order, value: { time: e.at, kind: 'scale', label: `scale ${e.service} to ${e.replicas}` } });
        break;
      case 'rollout':
        intents.push({
          time: e.at,
          order,
          value: {
            kind: 'service-rollout',
            time: e.at,
            service: e.service,
            version: e.version,
            ...(e.resources ? { resources: e.resources } : {}),
            ...(e.pod ? { pod: e.pod } : {}),
          },
        });
        perturbations.push({ time: e.at, order, value: { time: e.at, kind: 'rollout', label: `rollout ${e.service} to ${e.version}` } });
        break;
      case 'burst': {
        const job = byName.get(e.job) as BatchJobSpec;
        const stream = workloadRng.split(e.job).split(`burst-${i}`);
        for (let k = 0; k < e.count; k++) {
          intents.push({ time: e.at, order, value: drawJob(job, `${e.job}-burst${i}-${k}`, e.at, stream.split(`job-${k}`)) });
        }
        perturbations.push({ time: e.at, order, value: { time: e.at, kind: 'burst', label: `burst ${e.count} × ${e.job}` } });
        break;
      }
      case 'config-change':
      case 'restart':
      case 'run-once-per-node': {
        const { intent, label } = lifecycleIntent(doc, e, i, nodes, workloadRng);
        intents.push({ time: e.at, order, value: intent });
        perturbations.push({ time: e.at, order, value: { time: e.at, kind: e.kind, label } });
        break;
      }
      default:
        break;
    }
  });
  for (const f of faults) perturbations.push({ time: f.time, order: f.order, value: { time: f.value.time, kind: f.value.kind, label: f.value.label } });

  return {
    intents: sortTimed(intents),
    faults: sortTimed(faults),
    perturbations: sortTimed(perturbations).map((p, index) => ({ index, ...p })),
  };
}

function serviceTemplate(doc: ScenarioDoc, w: ServiceSpec): Extract<Intent, { kind: 'service-declared' }>['service'] {
  const lifecycle = serviceLifecycle(doc, w);
  return {
    name: w.name,
    tenant: w.tenant,
    replicas: w.replicas,
    resources: w.resources,
    pod: w.pod,
    priority: w.priority,
    constraints: w.constraints,
    version: w.version,
    maxSurge: w.strategy.maxSurge,
    maxUnavailable: w.strategy.maxUnavailable,
    ...(w.traffic !== undefined ? { endpoints: true as const } : {}),
    ...(lifecycle ? { lifecycle } : {}),
  };
}

type NodeFaultEvent = Extract<EventSpec, { kind: 'crash' | 'recover' | 'partition' | 'heal' }>;

/**
 * Node faults in time order, with `recoverAfter`/`healAfter` turned into their own recover/heal
 * faults. Targets are resolved in time order against the state so far: a crash by count picks among
 * nodes that are up, a recover by count or selector among nodes that are down (likewise for
 * partitions and heals).
 */
function expandFaults(doc: ScenarioDoc, nodes: readonly NodeSpec[], faultRng: Rng, orderBase: number): Timed<Fault>[] {
  const down = new Set<string>();
  const cut = new Set<string>();
  const out: Timed<Fault>[] = [];
  const explicit = doc.spec.events
    .map((e, i) => ({ e, i }))
    .filter((x): x is { e: NodeFaultEvent | Extract<EventSpec, { kind: 'scheduler-crash' }>; i: number } =>
      ['crash', 'recover', 'partition', 'heal', 'scheduler-crash'].includes(x.e.kind),
    )
    .sort((a, b) => a.e.at - b.e.at || a.i - b.i);
  // Follow-ups (recoverAfter, healAfter) wait here until their time comes, ordered among themselves by
  // their parent. At an instant they share with explicit events they come first (they were scheduled
  // earlier), so their output order is `orderBase - 1`: after the workloads, before every event. The
  // output order then equals the order in which targets were resolved against the up/down state.
  const pending: { time: SimTime; order: number; kind: 'recover' | 'heal'; nodes: readonly string[]; label: string }[] = [];
  const apply = (kind: Fault['kind'], list: readonly string[]): void => {
    for (const n of list) {
      if (kind === 'crash') down.add(n);
      else if (kind === 'recover') down.delete(n);
      else if (kind === 'partition') cut.add(n);
      else if (kind === 'heal') cut.delete(n);
    }
  };
  const flushUntil = (time: number): void => {
    pending.sort((a, b) => a.time - b.time || a.order - b.order);
    while (pending.length > 0 && (pending[0] as { time: number }).time <= time) {
      const p = pending.shift() as (typeof pending)[number];
      apply(p.kind, p.nodes);
      out.push({ time: p.time, order: orderBase - 1, value: { kind: p.kind, time: p.time, nodes: p.nodes, label: p.label } });
    }
  };
  for (const { e, i } of explicit) {
    flushUntil(e.at);
    const order = orderBase + i;
    if (e.kind === 'scheduler-crash') {
      const label = `crash scheduler ${e.component}${e.tenant !== undefined ? ` of ${e.tenant}` : ''}${e.downFor > 0 ? ` for ${formatDuration(e.downFor)}` : ''}`;
      out.push({
        time: e.at,
        order,
        value: {
          kind: 'scheduler-crash',
          time: e.at,
          component: e.component,
          ...(e.tenant !== undefined ? { tenant: e.tenant } : {}),
          downFor: e.downFor,
          label,
        },
      });
      continue;
    }
    const eligible =
      e.kind === 'crash'
        ? (n: string) => !down.has(n)
        : e.kind === 'recover'
          ? (n: string) => down.has(n)
          : e.kind === 'partition'
            ? (n: string) => !cut.has(n)
            : (n: string) => cut.has(n);
    const target = resolveTarget(e.nodes, nodes, eligible, faultRng.split(`event-${i}`));
    apply(e.kind, target.nodes);
    out.push({ time: e.at, order, value: { kind: e.kind, time: e.at, nodes: target.nodes, label: `${e.kind} ${target.description}` } });
    const after = e.kind === 'crash' ? e.recoverAfter : e.kind === 'partition' ? e.healAfter : undefined;
    if (after !== undefined) {
      const kind = e.kind === 'crash' ? 'recover' : 'heal';
      const time = addTime(e.at, after);
      if (time < doc.spec.duration) {
        pending.push({ time, order, kind, nodes: target.nodes, label: `${kind} ${target.description} (after ${formatDuration(after)})` });
      }
    }
  }
  flushUntil(Number.POSITIVE_INFINITY);
  return out;
}

function sortTimed<T>(items: readonly Timed<T>[]): T[] {
  // Array.prototype.sort is stable, so items pushed in scenario order keep it within (time, order).
  return [...items].sort((a, b) => a.time - b.time || a.order - b.order).map((x) => x.value);
}
