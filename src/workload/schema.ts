import { z } from 'zod';
import { type PlacementConstraints } from '../cluster/constraints.js';
import { type LatencyModel } from '../cluster/latency.js';
import { DEFAULT_MAX_TASKS_PER_NODE } from '../cluster/node.js';
import { parseBytes, parseCpuMillis, parseQuantity } from '../cluster/quantity.js';
import { type Resources } from '../cluster/resources.js';
import { type DistributionSpec } from '../sim/distributions.js';
import { durationHint, quantityHint } from './value-hints.js';
import { parseDuration } from '../sim/duration.js';
import { type SimDuration, toSeconds } from '../sim/time.js';
import { expandSweepRange, type SweepRange } from './sweep-range.js';
import { claimsField } from './claims-schema.js';

/*
 * The scenario file format (apiVersion schedbench/v1, kind Scenario), as a zod schema that
 * validates at the edge and yields readonly, fully defaulted values: durations become integer
 * microseconds, quantities become millicores and bytes, distributions become DistributionSpecs in
 * seconds. Every object is strict: an unknown field is an error (the loader adds "did you mean").
 */

/** Issue params carrying a "did you mean" for the loader (issues.ts reads `params.suggestion`). */
const hint = (suggestion: string | undefined): { suggestion: string } | undefined => (suggestion !== undefined ? { suggestion } : undefined);

/**
 * A duration string (`250ms`, `5s`, `2m`, `1h30m`) or the number 0. Other numbers are rejected with
 * a hint, because a bare number's unit would be a guess (a union with `z.literal(0)` would make zod
 * report "expected string or 0", which helps nobody).
 */
export const durationField = z
  .union([z.string(), z.number()])
  .transform((value, ctx): SimDuration => {
    if (typeof value === 'number' && value !== 0) {
      ctx.addIssue({ code: 'custom', message: `a duration needs a unit: write e.g. ${value}s or ${value}ms, not ${value}`, params: hint(durationHint(value)) });
      return z.NEVER;
    }
    const r = parseDuration(String(value));
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.error, params: hint(durationHint(value)) });
      return z.NEVER;
    }
    return r.value;
  })
  .meta({ id: 'Duration', description: 'a duration such as 250ms, 5s, 2m or 1h30m (or 0)', examples: ['250ms', '5s', '2m', '1h30m'] });

const nonNegative = (what: string, parse: (v: string | number) => { ok: true; value: number } | { ok: false; error: string }) =>
  z.union([z.string(), z.number()]).transform((value, ctx): number => {
    const r = parse(value);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.error, params: hint(quantityHint(value)) });
      return z.NEVER;
    }
    if (r.value < 0) {
      ctx.addIssue({ code: 'custom', message: `${what} must not be negative, got ${value}` });
      return z.NEVER;
    }
    return r.value;
  });

/** cpu in cores or millicores, as a Kubernetes quantity. */
export const cpuField = nonNegative('cpu', parseCpuMillis).meta({ id: 'CpuQuantity', description: 'cpu as a Kubernetes quantity: 500m, 2, 1.5', examples: ['500m', 2] });
/** Bytes as a Kubernetes quantity. */
export const bytesField = nonNegative('memory', parseBytes).meta({ id: 'ByteQuantity', description: 'memory as a Kubernetes quantity: 512Mi, 1Gi, 1e9', examples: ['512Mi', '1Gi'] });
const countField = z.number().int().nonnegative();

/*
 * Upper bounds on counts. They are not limits of the real systems; they keep a typo (an extra
 * zero, 1e30) from turning into an expansion that never ends or exhausts memory. Kubernetes
 * itself tests clusters up to 5 000 nodes and 150 000 pods (its scalability thresholds), so these
 * leave ample room.
 */
/** Most nodes of a cluster (all groups and explicit nodes together); checked by the loader. */
export const MAX_NODES = 100_000;
/** Most replicas of one service. */
export const MAX_REPLICAS = 1_000_000;
/** Most tasks of one batch job (a count or a draw of a count distribution is capped here). */
export const MAX_TASKS_PER_JOB = 1_000_000;
/** Most jobs one `arrivals` block or one `burst` event may generate. */
export const MAX_GENERATED_JOBS = 1_000_000;

/** Resources of a node or a task. cpu in cores or millicores (`500m`), memory as a quantity (`1Gi`). */
export const resourcesField = z
  .strictObject({
    cpu: cpuField.prefault(0),
    memory: bytesField.prefault(0),
    gpu: countField.prefault(0),
    ext: z.record(z.string(), nonNegative('extended resource', parseQuantity)).prefault({}),
  })
  .transform((r): Resources => (Object.keys(r.ext).length > 0 ? { cpu: r.cpu, memory: r.memory, gpu: r.gpu, ext: r.ext } : { cpu: r.cpu, memory: r.memory, gpu: r.gpu })).meta({ id: 'Resources', description: 'resources of a node or a task: cpu (500m, 2), memory (512Mi, 1Gi), gpu, ext (extended resources by name)' });

const labelsField = z.record(z.string(), z.string());
const taintField = z.strictObject({
  key: z.string().min(1),
  value: z.string().optional(),
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']),
});
const tolerationField = z.strictObject({
  key: z.string().optional(),
  operator: z.enum(['Equal', 'Exists']).prefault('Equal'),
  value: z.string().optional(),
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']).optional(),
  tolerationSeconds: z.number().int().nonnegative().optional(),
});
const requirementField = z.strictObject({
  key: z.string().min(1),
  operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt']),
  values: z.array(z.string()).prefault([]),
});
const termField = z.strictObject({ matchExpressions: z.array(requirementField).min(1) });

/** Where a task may run (the Kubernetes vocabulary; the Mesos engine maps it to attribute constraints). */
export const constraintsField = z
  .strictObject({
    nodeSelector: labelsField.prefault({}),
    nodeName: z.string().optional(),
    tolerations: z.array(tolerationField).prefault([]),
    affinity: z
      .strictObject({
        required: z.array(termField).prefault([]),
        preferred: z.array(z.strictObject({ weight: z.number().int().min(1).max(100), term: termField })).prefault([]),
      })
      .prefault({ required: [], preferred: [] }),
  })
  .transform(
    (c): PlacementConstraints => ({
      nodeSelector: c.nodeSelector,
      ...(c.nodeName !== undefined ? { nodeName: c.nodeName } : {}),
      tolerations: c.tolerations,
      requiredTerms: c.affinity.required,
      preferredTerms: c.affinity.preferred,
    }),
  ).meta({ id: 'Constraints', description: 'where a task may run: nodeSelector, nodeName, tolerations, node affinity' });

const defaultConstraints = { nodeSelector: {}, tolerations: [], affinity: { required: [], preferred: [] } };

/**
 * A distribution of durations: a plain duration (constant) or `{ kind, ... }` with durations as
 * parameters; lognormal takes mu and sigma of the natural log of seconds. Empirical takes samples.
 */
export const durationDistributionField = z.union([
  durationField.transform((d): DistributionSpec => ({ kind: 'constant', value: toSeconds(d) })),
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('constant'), value: durationField }).transform((d): DistributionSpec => ({ kind: 'constant', value: toSeconds(d.value) })),
    z
      .strictObject({ kind: z.literal('uniform'), min: durationField, max: durationField })
      .refine((d) => d.min <= d.max, { message: 'min must not exceed max', path: ['max'] })
      .transform((d): DistributionSpec => ({ kind: 'uniform', min: toSeconds(d.min), max: toSeconds(d.max) })),
    z.strictObject({ kind: z.literal('exponential'), mean: durationField }).transform((d): DistributionSpec => ({ kind: 'exponential', mean: toSeconds(d.mean) })),
    z
      .strictObject({ kind: z.literal('normal'), mean: durationField, stddev: durationField })
      .transform((d): DistributionSpec => ({ kind: 'normal', mean: toSeconds(d.mean), stddev: toSeconds(d.stddev) })),
    z
      .strictObject({ kind: z.literal('lognormal'), mu: z.number().min(-50).max(50), sigma: z.number().nonnegative().max(10) })
      .transform((d): DistributionSpec => ({ kind: 'lognormal', mu: d.mu, sigma: d.sigma })),
    z
      .strictObject({ kind: z.literal('empirical'), samples: z.array(durationField).min(1) })
      .transform((d): DistributionSpec => ({ kind: 'empirical', samples: d.samples.map(toSeconds) })),
  ]),
]).meta({ id: 'DurationDistribution', description: 'a duration (constant) or { kind: constant | uniform | exponential | normal | lognormal | empirical, ... }' });

/** A distribution of counts (e.g. tasks per job): a whole number or `{ kind, ... }` over numbers. */
export const countDistributionField = z.union([
  z.number().int().min(1).max(MAX_TASKS_PER_JOB).transform((n): DistributionSpec => ({ kind: 'constant', value: n })),
  z.discriminatedUnion('kind', [
    z
      .strictObject({ kind: z.literal('uniform'), min: z.number().int().min(1).max(MAX_TASKS_PER_JOB), max: z.number().int().min(1).max(MAX_TASKS_PER_JOB) })
      .refine((d) => d.min <= d.max, { message: 'min must not exceed max', path: ['max'] })
      .transform((d): DistributionSpec => ({ kind: 'uniform', min: d.min, max: d.max })),
    z.strictObject({ kind: z.literal('exponential'), mean: z.number().positive().max(MAX_TASKS_PER_JOB) }).transform((d): DistributionSpec => ({ kind: 'exponential', mean: d.mean })),
    z
      .strictObject({ kind: z.literal('empirical'), samples: z.array(z.number().int().min(1).max(MAX_TASKS_PER_JOB)).min(1) })
      .transform((d): DistributionSpec => ({ kind: 'empirical', samples: d.samples })),
  ]),
]).meta({ id: 'CountDistribution', description: 'a whole number (constant) or { kind: uniform | exponential | empirical, ... }' });

const nodeGroupField = z.strictObject({
  name: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a node group name is lower-case letters, digits and dashes'),
  count: z.number().int().min(1).max(MAX_NODES),
  resources: resourcesField,
  labels: labelsField.prefault({}),
  /** Spread the group over these zones round-robin (sets the `zone` label). */
  zones: z.array(z.string().min(1)).optional(),
  taints: z.array(taintField).prefault([]),
  maxTasks: z.number().int().min(1).prefault(DEFAULT_MAX_TASKS_PER_NODE),
});

const explicitNodeField = z.strictObject({
  name: z.string().min(1),
  resources: resourcesField,
  labels: labelsField.prefault({}),
  taints: z.array(taintField).prefault([]),
  maxTasks: z.number().int().min(1).prefault(DEFAULT_MAX_TASKS_PER_NODE),
});

const serviceField = z.strictObject({
  kind: z.literal('Service'),
  name: z.string().min(1),
  tenant: z.string().min(1).prefault('default'),
  replicas: z.number().int().min(0).max(MAX_REPLICAS),
  resources: resourcesField,
  priority: z.number().int().prefault(0),
  constraints: constraintsField.prefault(defaultConstraints),
  version: z.string().min(1).prefault('v1'),
  startAt: durationField.prefault(0),
  strategy: z
    .strictObject({ maxSurge: z.union([z.number().int().min(0), z.string().regex(/^\d+%$/)]).prefault('25%'), maxUnavailable: z.union([z.number().int().min(0), z.string().regex(/^\d+%$/)]).prefault('25%') })
    .prefault({ maxSurge: '25%', maxUnavailable: '25%' }),
});

const arrivalsField = z
  .strictObject({
    process: z.literal('poisson').prefault('poisson'),
    /** Mean time between job submissions. */
    meanInterArrival: durationField,
    start: durationField.prefault(0),
    count: z.number().int().min(1).max(MAX_GENERATED_JOBS).optional(),
    until: durationField.optional(),
  })
  .refine((a) => a.count !== undefined || a.until !== undefined, { message: 'arrivals need a count or an until (or both)' });

const batchJobField = z
  .strictObject({
    kind: z.literal('BatchJob'),
    name: z.string().min(1),
    tenant: z.string().min(1).prefault('default'),
    tasks: countDistributionField,
    resources: resourcesField,
    duration: durationDistributionField,
    priority: z.number().int().prefault(0),
    constraints: constraintsField.prefault(defaultConstraints),
    parallelism: z.number().int().min(1).optional(),
    /** Probability that a task's first attempt fails (exercises retries and backoff). */
    failureProbability: z.number().min(0).max(1).prefault(0),
    /** A synchronous request: the client waits to be told the job finished. */
    sync: z.boolean().prefault(false),
    submitAt: durationField.optional(),
    arrivals: arrivalsField.optional(),
  })
  .refine((j) => (j.submitAt === undefined) !== (j.arrivals === undefined) || (j.submitAt === undefined && j.arrivals === undefined), {
    message: 'a BatchJob has either submitAt (one job) or arrivals (many jobs), not both',
    path: ['arrivals'],
  });

const traceField = z.strictObject({
  kind: z.literal('Trace'),
  name: z.string().min(1),
  tenant: z.string().min(1).prefault('default'),
  file: z.string().min(1),
  format: z.enum(['alibaba-2017-batch-task', 'alibaba-2018-batch-task', 'google-2011-task-events', 'job-list']),
  window: z.strictObject({ start: durationField.prefault(0), end: durationField.optional() }).prefault({ start: 0 }),
  timeScale: z.number().positive().prefault(1),
  sample: z.number().gt(0).max(1).prefault(1),
  skipInvalid: z.boolean().prefault(false),
  /** job-list: tenant per workload name (e.g. Batch → batch, Service → service). */
  tenants: z.record(z.string(), z.string()).prefault({}),
  /** job-list: replay only the rows of these workload names (two Trace workloads can split one file). */
  groups: z.array(z.string().min(1)).min(1).optional(),
});

/** Which nodes a fault hits: named, or a count or fraction chosen by the `faults` stream, optionally among a selector's matches. */
export const nodeTargetField = z
  .strictObject({
    names: z.array(z.string().min(1)).min(1).optional(),
    count: z.number().int().min(1).optional(),
    fraction: z.number().gt(0).max(1).optional(),
    selector: labelsField.optional(),
  })
  .refine((t) => [t.names, t.count, t.fraction].filter((x) => x !== undefined).length <= 1, { message: 'give at most one of names, count and fraction' })
  .refine((t) => t.names !== undefined || t.count !== undefined || t.fraction !== undefined || t.selector !== undefined, {
    message: 'name the nodes: names, count, fraction or selector',
  }).meta({ id: 'NodeTarget', description: 'which nodes: names, or count / fraction (drawn by the faults stream), optionally among a selector' });

const eventField = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('crash'), at: durationField, nodes: nodeTargetField, recoverAfter: durationField.optional() }),
  z.strictObject({ kind: z.literal('recover'), at: durationField, nodes: nodeTargetField }),
  z.strictObject({ kind: z.literal('partition'), at: durationField, nodes: nodeTargetField, healAfter: durationField.optional() }),
  z.strictObject({ kind: z.literal('heal'), at: durationField, nodes: nodeTargetField }),
  z.strictObject({ kind: z.literal('scale'), at: durationField, service: z.string().min(1), replicas: z.number().int().min(0).max(MAX_REPLICAS) }),
  z.strictObject({ kind: z.literal('rollout'), at: durationField, service: z.string().min(1), version: z.string().min(1), resources: resourcesField.optional() }),
  z.strictObject({ kind: z.literal('burst'), at: durationField, job: z.string().min(1), count: z.number().int().min(1).max(MAX_GENERATED_JOBS) }),
  z.strictObject({ kind: z.literal('scheduler-crash'), at: durationField, component: z.string().min(1), tenant: z.string().optional(), downFor: durationField.prefault(0) }),
]);

/**
 * Default latency model. Values are modest LAN figures chosen for teaching, not measurements:
 * rpc 1 ms and heartbeat 1 ms (one round trip in a data centre), storeWrite 5 ms (an etcd
 * write with fsync on SSD is a few ms; Kubernetes's SLO bounds mutating calls at p99 ≤ 1 s), watch
 * delivery 2 ms, task start 1 s (a container with a cached image; the pod startup SLO is p99 ≤ 5 s).
 */
export const DEFAULT_LATENCY = { rpc: '1ms', storeWrite: '5ms', watchDelivery: '2ms', heartbeat: '1ms', taskStart: '1s' } as const;

const latencyField = z
  .strictObject({
    rpc: durationDistributionField.prefault(DEFAULT_LATENCY.rpc),
    storeWrite: durationDistributionField.prefault(DEFAULT_LATENCY.storeWrite),
    watchDelivery: durationDistributionField.prefault(DEFAULT_LATENCY.watchDelivery),
    heartbeat: durationDistributionField.prefault(DEFAULT_LATENCY.heartbeat),
    taskStart: durationDistributionField.prefault(DEFAULT_LATENCY.taskStart),
  })
  .prefault(DEFAULT_LATENCY)
  .transform((l): LatencyModel => l);

/** The whole scenario document. */
export const scenarioSchema = z.strictObject({
  apiVersion: z.literal('schedbench/v1'),
  kind: z.literal('Scenario'),
  metadata: z.strictObject({
    name: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a scenario name is lower-case letters, digits and dashes'),
    title: z.string().prefault(''),
    description: z.string().prefault(''),
    /** The architectural point the scenario shows: what to look at and why. */
    lesson: z.string().prefault(''),
    tags: z.array(z.string()).prefault([]),
    /** The lesson's checkable statements (claims-schema.ts; DESIGN.md §6a). */
    claims: claimsField,
    /** The same texts in other report languages (the report falls back to the English ones); claims by id. */
    translations: z
      .strictObject({
        'zh-CN': z
          .strictObject({ title: z.string().optional(), description: z.string().optional(), lesson: z.string().optional(), claims: z.record(z.string(), z.string()).optional() })
          .optional(),
      })
      .prefault({}),
  }),
  spec: z.strictObject({
    duration: durationField,
    seeds: z.array(z.number().int().nonnegative()).min(1).prefault([1, 2, 3]),
    cluster: z
      .strictObject({ nodeGroups: z.array(nodeGroupField).prefault([]), nodes: z.array(explicitNodeField).prefault([]) })
      .refine((c) => c.nodeGroups.length + c.nodes.length > 0, { message: 'a cluster needs nodeGroups or nodes' }),
    tenants: z.array(z.strictObject({ name: z.string().min(1), weight: z.number().positive().prefault(1) })).prefault([{ name: 'default', weight: 1 }]),
    workloads: z.array(z.discriminatedUnion('kind', [serviceField, batchJobField, traceField])).prefault([]),
    events: z.array(eventField).prefault([]),
    latency: latencyField,
    engines: z.record(z.string(), z.record(z.string(), z.unknown())).prefault({}),
    /** Interval of the time series (desired vs actual, shares, utilization); default: about 300 samples per trial (duration / 300, at least 100 ms). */
    sampleEvery: durationField.optional(),
    /**
     * Run every value of one parameter (a path into this document): a list of `values`, or a `range`
     * { from, to, steps, scale: linear | log } of numbers or durations. Results carry the value.
     */
    sweep: z
      .strictObject({
        parameter: z.string().min(1),
        values: z.array(z.union([z.number(), z.string(), z.boolean()])).min(1).optional(),
        range: z
          .strictObject({
            from: z.union([z.number(), z.string()]),
            to: z.union([z.number(), z.string()]),
            steps: z.number().int().min(2).max(1000),
            scale: z.enum(['linear', 'log']).prefault('linear'),
          })
          .optional(),
      })
      .refine((s) => (s.values === undefined) !== (s.range === undefined), { message: 'give either values or range' })
      .transform((s, ctx) => {
        if (s.values !== undefined) return { parameter: s.parameter, values: s.values };
        const r = expandSweepRange(s.range as SweepRange);
        if (!r.ok) {
          ctx.addIssue({ code: 'custom', message: r.error, path: ['range'] });
          return z.NEVER;
        }
        return { parameter: s.parameter, values: [...r.values] };
      })
      .optional(),
    limits: z
      .strictObject({ eventBudget: z.number().int().min(1).prefault(200_000_000), wallClock: durationField.prefault('30m') })
      .prefault({ eventBudget: 200_000_000, wallClock: '30m' }),
  }),
});

/** Makes every property and array of a value readonly, all the way down. */
export type DeepReadonly<T> = T extends string | number | boolean | bigint | symbol | null | undefined
  ? T // includes branded primitives such as SimDuration
  : T extends (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends readonly (infer E)[]
    ? readonly DeepReadonly<E>[]
    : T extends object
      ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
      : T;

/**
 * A validated scenario document (durations in µs, quantities in base units, all defaults filled).
 * Readonly all the way down: a description is shared by every trial and never mutated.
 */
export type ScenarioDoc = DeepReadonly<z.output<typeof scenarioSchema>>;
export type ScenarioSpec = ScenarioDoc['spec'];
export type WorkloadSpec = ScenarioSpec['workloads'][number];
export type ServiceSpec = Extract<WorkloadSpec, { kind: 'Service' }>;
export type BatchJobSpec = Extract<WorkloadSpec, { kind: 'BatchJob' }>;
export type TraceSpec = Extract<WorkloadSpec, { kind: 'Trace' }>;
export type EventSpec = ScenarioSpec['events'][number];
/** One claim of a scenario's lesson, validated (claims-schema.ts). */
export type ClaimSpec = ScenarioDoc['metadata']['claims'][number];
export type NodeTargetSpec = DeepReadonly<z.output<typeof nodeTargetField>>;
