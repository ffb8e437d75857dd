import { z } from 'zod';
import { claimsField } from './claims-schema.js';
import { durationField } from './schema-fields.js';
import { explicitNodeField, latencyField, nodeGroupField } from './schema-cluster.js';
import { batchJobField, serviceField, traceField } from './schema-workloads.js';
import { eventField, type nodeTargetField } from './schema-events.js';
import { extensionsField } from './schema-extensions.js';
import { pricesField, serviceLevelField } from './schema-traffic.js';
import { expandSweepRange, type SweepRange } from './sweep-range.js';

/*
 * The scenario file format (apiVersion schedbench/v1, kind Scenario), as a zod schema that
 * validates at the edge and yields readonly, fully defaulted values: durations become integer
 * microseconds, quantities become millicores and bytes, distributions become DistributionSpecs in
 * seconds. Every object is strict: an unknown field is an error (the loader adds "did you mean").
 * This file is the one entry of the format; its parts live in schema-fields.ts (values),
 * schema-cluster.ts (nodes, latency), schema-workloads.ts and schema-events.ts.
 */

export {
  bytesField,
  constraintsField,
  countDistributionField,
  cpuField,
  durationDistributionField,
  durationField,
  MAX_GENERATED_JOBS,
  MAX_NODES,
  MAX_REPLICAS,
  MAX_TASKS_PER_JOB,
} from './schema-fields.js';
export { resourcesField, statedResourcesField } from './schema-resources.js';
export { DEFAULT_LATENCY } from './schema-cluster.js';
export { nodeTargetField } from './schema-events.js';

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
          .strictObject({
            title: z.string().optional(),
            description: z.string().optional(),
            lesson: z.string().optional(),
            claims: z.record(z.string(), z.string()).optional(),
          })
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
    /**
     * Named, versioned configs that services run (`config: <name>`); each starts at `version` (default
     * 1) and a `config-change` event gives it the next one.
     */
    configs: z
      .array(
        z
          .strictObject({ name: z.string().min(1), version: z.number().int().min(1).prefault(1) })
          .meta({ id: 'Config', description: 'a named config and its first version' }),
      )
      .optional(),
    events: z.array(eventField).prefault([]),
    latency: latencyField,
    engines: z.record(z.string(), z.record(z.string(), z.unknown())).prefault({}),
    /** User modules run inside an engine: a Kubernetes controller, a Mesos framework (schema-extensions.ts, docs/extending.md). */
    extensions: extensionsField,
    /** Prices of allocated resources, for the cost of services with traffic (schema-traffic.ts). */
    prices: pricesField.optional(),
    /** Goals for services with traffic, in the seed's API-Sla shape: percent, latency, cost cap, selector. */
    serviceLevels: z.array(serviceLevelField).prefault([]),
    /** Interval of the time series (desired vs actual, shares, utilization); default: about 300 samples per trial (duration / 300, at least 100 ms). */
    sampleEvery: durationField.optional(),
    /**
     * Run every value of one parameter (a path into this document): a list of `values`, or a `range`
     * { from, to, steps, scale: linear | log } of numbers or durations. Results carry the value.
     * `alsoSet` lists more paths that take the same value at each step (one knob written in several
     * places, e.g. the same think time in three engines' option blocks); results name `parameter` only.
     */
    sweep: z
      .strictObject({
        parameter: z.string().min(1),
        alsoSet: z.array(z.string().min(1)).min(1).optional(),
        values: z
          .array(z.union([z.number(), z.string(), z.boolean()]))
          .min(1)
          .optional(),
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
        const also = s.alsoSet === undefined ? {} : { alsoSet: s.alsoSet };
        if (s.values !== undefined) return { parameter: s.parameter, ...also, values: s.values };
        const r = expandSweepRange(s.range as SweepRange);
        if (!r.ok) {
          ctx.addIssue({ code: 'custom', message: r.error, path: ['range'] });
          return z.NEVER;
        }
        return { parameter: s.parameter, ...also, values: [...r.values] };
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
export type ConfigSpec = NonNullable<ScenarioSpec['configs']>[number];
export type EventSpec = ScenarioSpec['events'][number];
export type ExtensionSpec = NonNullable<ScenarioSpec['extensions']>[number];
/** One claim of a scenario's lesson, validated (claims-schema.ts). */
export type ClaimSpec = ScenarioDoc['metadata']['claims'][number];
export type NodeTargetSpec = DeepReadonly<z.output<typeof nodeTargetField>>;
