import { z } from 'zod';
import {
  constraintsField,
  countDistributionField,
  defaultConstraints,
  durationDistributionField,
  durationField,
  MAX_GENERATED_JOBS,
  MAX_REPLICAS,
} from './schema-fields.js';
import { podFields, podOfWorkload } from './schema-resources.js';
import { trafficField } from './schema-traffic.js';

/*
 * The workload kinds of the scenario format (schema.ts is the entry): Service (replicas kept
 * running, rolling updates), BatchJob (one job at submitAt or many from Poisson arrivals) and
 * Trace (jobs replayed from a trace file).
 */

/** The readiness check a service's owner configures (Kubernetes readinessProbe; Marathon readiness check). */
export const readinessField = z
  .strictObject({
    /** How often the check runs (Kubernetes periodSeconds, default 10 s). */
    period: durationField.prefault('10s'),
    /** Consecutive failures before a ready replica counts as not ready (Kubernetes failureThreshold, default 3). */
    failureThreshold: z.number().int().min(1).max(1000).prefault(3),
  })
  .meta({ id: 'Readiness', description: 'the readiness check: { period (default 10s), failureThreshold (default 3) }' });

/**
 * The application-lifecycle fields of a Service (all optional; a service with none of them has
 * replicas that are ready while they run, as before): `startup` (container start until the app is
 * ready, a duration or distribution, drawn per container start), `readiness` (the probe the owner
 * configures), `dependsOn` (services that must have a ready replica) with `onMissingDependency`
 * (`crash`, the default: the app exits; `wait`: it retries inside), and `config` (a name from the
 * scenario's `configs`) with `configUse` (`volume`, the default; `env`; `hashed`).
 */
export const lifecycleFields = {
  startup: durationDistributionField.optional(),
  readiness: readinessField.optional(),
  dependsOn: z.array(z.string().min(1)).optional(),
  onMissingDependency: z.enum(['crash', 'wait']).optional(),
  config: z.string().min(1).optional(),
  configUse: z.enum(['volume', 'env', 'hashed']).optional(),
};

/**
 * A long-running service: `replicas` copies kept running, updated by rolling update (strategy).
 * Its pod is `resources` (one container) or `containers` (+ `initContainers`, `overhead`); the
 * output carries the effective request as `resources` and the containers as `pod`.
 */
export const serviceField = z
  .strictObject({
    kind: z.literal('Service'),
    name: z.string().min(1),
    tenant: z.string().min(1).prefault('default'),
    replicas: z.number().int().min(0).max(MAX_REPLICAS),
    ...podFields,
    priority: z.number().int().prefault(0),
    constraints: constraintsField.prefault(defaultConstraints),
    version: z.string().min(1).prefault('v1'),
    ...lifecycleFields,
    startAt: durationField.prefault(0),
    strategy: z
      .strictObject({
        maxSurge: z.union([z.number().int().min(0), z.string().regex(/^\d+%$/)]).prefault('25%'),
        maxUnavailable: z.union([z.number().int().min(0), z.string().regex(/^\d+%$/)]).prefault('25%'),
      })
      .prefault({ maxSurge: '25%', maxUnavailable: '25%' }),
    /** Requests the service receives and what one replica serves (schema-traffic.ts); absent: none. */
    traffic: trafficField.optional(),
  })
  .transform((w, ctx) => {
    const { containers: _c, initContainers: _i, overhead: _o, ...rest } = w;
    return { ...rest, ...podOfWorkload(w, ctx) };
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

/** A batch job: tasks of drawn count and duration, submitted once (`submitAt`) or by `arrivals`, never both. */
export const batchJobField = z
  .strictObject({
    kind: z.literal('BatchJob'),
    name: z.string().min(1),
    tenant: z.string().min(1).prefault('default'),
    tasks: countDistributionField,
    ...podFields,
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
  })
  .transform((w, ctx) => {
    const { containers: _c, initContainers: _i, overhead: _o, ...rest } = w;
    return { ...rest, ...podOfWorkload(w, ctx) };
  });

/** Jobs replayed from a trace file (format, window, time scale, sampling). */
export const traceField = z.strictObject({
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
