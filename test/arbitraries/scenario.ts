import fc from 'fast-check';
import { clusterArb, nodeNamesOf, type RawCluster } from './cluster.js';
import { engineOverridesArb, latencyArb } from './engine-overrides.js';
import { eventsArb, type RawEvent } from './events.js';
import { writeSeconds } from './quantities.js';
import { workloadsArb, type RawWorkload } from './workloads.js';

/** A scenario document as an author writes it (plain data; what validateScenarioDoc and YAML take). */
export interface RawScenario {
  apiVersion: 'schedbench/v1';
  kind: 'Scenario';
  metadata: { name: string; title?: string };
  spec: {
    duration: string;
    seeds: number[];
    cluster: RawCluster;
    tenants?: { name: string; weight?: number }[];
    workloads: RawWorkload[];
    events?: RawEvent[];
    latency?: Record<string, unknown>;
    engines?: Record<string, Record<string, unknown>>;
    sampleEvery?: string;
    limits?: { eventBudget?: number; wallClock?: string };
  };
}

/** A generated scenario and the trial seed to run it with (also its only `spec.seeds` entry). */
export interface ScenarioCase {
  readonly raw: RawScenario;
  readonly seed: number;
}

/** What a generated scenario may contain. */
export interface ScenarioShape {
  /** Horizon range in seconds (default 30–240: long enough for placements, short enough to be fast). */
  readonly minDurationS?: number;
  readonly maxDurationS?: number;
  /** Node faults (crash, recover, partition, heal, control-plane crash). */
  readonly faults?: boolean;
  /** Scale, rollout and burst events. */
  readonly changes?: boolean;
  /** Taints, selectors, affinity, tolerations, nodeName. */
  readonly constraints?: boolean;
  /** Failing first attempts, parallelism caps and priorities. */
  readonly complications?: boolean;
  /** Latency models and engine overrides. */
  readonly settings?: boolean;
  /** Only constant latency models (see latencyArb). */
  readonly constantLatency?: boolean;
  readonly maxNodes?: number;
  readonly maxReplicas?: number;
  /** Workload submissions only before this fraction of the horizon. */
  readonly submitBefore?: number;
}

const TENANT_NAMES = ['default', 'web', 'batch'] as const;

/**
 * Valid scenarios by construction: a small heterogeneous cluster, one to three tenants with weights,
 * services and batch jobs in them, events that refer to what exists, and (with `settings`) a
 * latency model and engine overrides. Everything a shape turns off is simply absent.
 */
export function scenarioArb(shape: ScenarioShape = {}): fc.Arbitrary<ScenarioCase> {
  const all = { faults: true, changes: true, constraints: true, complications: true, settings: true, ...shape };
  return fc
    .record({
      durationS: fc.integer({ min: shape.minDurationS ?? 30, max: shape.maxDurationS ?? 240 }),
      cluster: clusterArb({ taints: all.constraints, ...(shape.maxNodes !== undefined ? { maxNodes: shape.maxNodes } : {}) }),
      tenants: fc
        .uniqueArray(fc.constantFrom(...TENANT_NAMES), { minLength: 1, maxLength: 3 })
        .chain((names) =>
          fc.tuple(...names.map((name) => fc.record({ name: fc.constant(name), weight: fc.constantFrom(1, 2, 3, 0.5) }, { requiredKeys: ['name'] }))),
        ),
      seed: fc.integer({ min: 0, max: 1_000_000 }),
    })
    .chain(({ durationS, cluster, tenants, seed }) => {
      const nodeNames = nodeNamesOf(cluster);
      return workloadsArb({
        tenants: tenants.map((t) => t.name),
        durationS,
        nodeNames,
        constraints: all.constraints,
        complications: all.complications,
        ...(shape.maxReplicas !== undefined ? { maxReplicas: shape.maxReplicas } : {}),
        ...(shape.submitBefore !== undefined ? { submitBeforeS: Math.floor(durationS * shape.submitBefore) } : {}),
      }).chain((workloads) =>
        fc
          .record({
            events: eventsArb({ durationS, cluster, nodeNames, workloads, faults: all.faults, changes: all.changes }),
            latency: all.settings ? fc.option(latencyArb(shape.constantLatency ? 'constant' : 'any'), { nil: undefined }) : fc.constant(undefined),
            engines: all.settings ? fc.option(engineOverridesArb(), { nil: undefined }) : fc.constant(undefined),
          })
          .map(({ events, latency, engines }): ScenarioCase => {
            const spec: RawScenario['spec'] = {
              duration: writeSeconds(durationS, durationS % 60 === 0 ? 'ms-split' : 's'),
              seeds: [seed],
              cluster,
              tenants,
              workloads,
            };
            if (events.length > 0) spec.events = events;
            if (latency !== undefined) spec.latency = latency;
            if (engines !== undefined) spec.engines = engines;
            return { raw: { apiVersion: 'schedbench/v1', kind: 'Scenario', metadata: { name: 'prop-case' }, spec }, seed };
          }),
      );
    });
}

/**
 * Scenarios where capacity suffices and nothing fails: no faults, no constraints, no failing
 * attempts or parallelism caps; few small tasks (≤ 2 cores, ≤ 4 Gi each, ≤ 3 services × 4 replicas
 * and ≤ 3 jobs) on nodes that each hold them all; constant latencies (a random task start exceeds
 * a bound stated from its mean: see latencyArb). The placement bound of every engine applies.
 */
export function uncontendedScenarioArb(): fc.Arbitrary<ScenarioCase> {
  return scenarioArb({ faults: false, changes: false, constraints: false, complications: false, settings: true, constantLatency: true, maxReplicas: 4 }).map(
    (c) => ({
      ...c,
      raw: {
        ...c.raw,
        spec: {
          ...c.raw.spec,
          // Task counts capped at 5 (no unbounded count distribution): at most 3 services × 4 replicas
          // and 3 jobs × 4 arrivals × 5 tasks = 72 tasks of ≤ 2 cores / 4 Gi, which one node of
          // 256 cores / 1 Ti and 110 task slots holds all at once.
          workloads: c.raw.spec.workloads.map((w) => (w.kind === 'BatchJob' && typeof w.tasks !== 'number' ? { ...w, tasks: 3 } : w)),
          cluster: {
            nodeGroups: c.raw.spec.cluster.nodeGroups.map((g) => ({ ...g, resources: { cpu: 256, memory: '1Ti' }, maxTasks: 110, taints: [] })),
            nodes: (c.raw.spec.cluster.nodes ?? []).map((n) => ({ ...n, resources: { cpu: 256, memory: '1Ti' }, taints: [] })),
          },
        },
      },
    }),
  );
}

/**
 * Scenarios with one node crash (without recovery) among services that fit on the surviving nodes:
 * for the recovery bound. Services only, no constraints, ample capacity on the other nodes.
 */
export function crashScenarioArb(): fc.Arbitrary<ScenarioCase> {
  return fc
    .record({
      base: scenarioArb({
        faults: false,
        changes: false,
        constraints: false,
        complications: false,
        settings: false,
        maxReplicas: 6,
        minDurationS: 60,
        maxDurationS: 600,
      }),
      crashAtFraction: fc.double({ min: 0.1, max: 0.6, noNaN: true }),
    })
    .map(({ base, crashAtFraction }) => {
      const spec = base.raw.spec;
      const durationS = Math.round(parseSeconds(spec.duration));
      const services = spec.workloads.filter((w) => w.kind === 'Service').map((w) => ({ ...w, startAt: '0s' }));
      const workloads =
        services.length > 0
          ? services
          : [
              {
                kind: 'Service' as const,
                name: 'svc-0',
                tenant: spec.tenants?.[0]?.name ?? 'default',
                replicas: 3,
                resources: { cpu: '500m', memory: '512Mi' },
              },
            ];
      const cluster: RawCluster = {
        // At least two nodes, each able to hold every replica: the survivors always have room.
        nodeGroups: [{ name: 'pool', count: Math.max(2, spec.cluster.nodeGroups[0]?.count ?? 2), resources: { cpu: 64, memory: '256Gi' } }],
      };
      const crashAt = Math.max(1, Math.floor(durationS * crashAtFraction));
      return {
        ...base,
        raw: { ...base.raw, spec: { ...spec, cluster, workloads, events: [{ kind: 'crash', at: writeSeconds(crashAt), nodes: { count: 1 } }] } },
      };
    });
}

function parseSeconds(text: string): number {
  let total = 0;
  for (const m of text.matchAll(/(\d+)(ms|m|s)/g)) total += Number(m[1]) * (m[2] === 'ms' ? 0.001 : m[2] === 'm' ? 60 : 1);
  return total;
}
