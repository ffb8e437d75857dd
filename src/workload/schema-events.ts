import { z } from 'zod';
import { type PodRequests, singleContainerPod } from '../cluster/pod-requests.js';
import { type Resources } from '../cluster/resources.js';
import { durationDistributionField, durationField, labelsField, MAX_GENERATED_JOBS, MAX_REPLICAS } from './schema-fields.js';
import { statedResourcesField } from './schema-resources.js';

/*
 * The timed events of the scenario format (schema.ts is the entry): node faults (crash, recover,
 * partition, heal), service scaling and rollouts, job bursts, scheduler crashes, and the application
 * lifecycle's operations: a config change, a restart of every replica of a service, a one-off task on
 * every live node.
 */

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
  })
  .meta({ id: 'NodeTarget', description: 'which nodes: names, or count / fraction (drawn by the faults stream), optionally among a selector' });

/** One timed event, by `kind`; `at` is the simulated time it happens. */
export const eventField = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('crash'), at: durationField, nodes: nodeTargetField, recoverAfter: durationField.optional() }),
  z.strictObject({ kind: z.literal('recover'), at: durationField, nodes: nodeTargetField }),
  z.strictObject({ kind: z.literal('partition'), at: durationField, nodes: nodeTargetField, healAfter: durationField.optional() }),
  z.strictObject({ kind: z.literal('heal'), at: durationField, nodes: nodeTargetField }),
  z.strictObject({ kind: z.literal('scale'), at: durationField, service: z.string().min(1), replicas: z.number().int().min(0).max(MAX_REPLICAS) }),
  z
    .strictObject({
      kind: z.literal('rollout'),
      at: durationField,
      service: z.string().min(1),
      version: z.string().min(1),
      /** The new version's requests, as one container (the shorthand of a workload's `resources`). */
      resources: statedResourcesField.optional(),
    })
    .transform(({ resources, ...rest }): typeof rest & { resources?: Resources; pod?: PodRequests } =>
      resources ? { ...rest, resources: resources.resources, pod: singleContainerPod(resources.resources, resources.stated) } : rest,
    ),
  z.strictObject({ kind: z.literal('burst'), at: durationField, job: z.string().min(1), count: z.number().int().min(1).max(MAX_GENERATED_JOBS) }),
  z.strictObject({
    kind: z.literal('scheduler-crash'),
    at: durationField,
    component: z.string().min(1),
    tenant: z.string().optional(),
    downFor: durationField.prefault(0),
  }),
  /** A config of the scenario's `configs` gets its next version (the previous one + 1). */
  z.strictObject({ kind: z.literal('config-change'), at: durationField, config: z.string().min(1) }),
  /** Restart every replica of a service once (e.g. after a credentials rotation). */
  z.strictObject({ kind: z.literal('restart'), at: durationField, service: z.string().min(1) }),
  /** One short task on every node live at `at` (collect a diagnostic, warm a cache); `runFor` is drawn per node. */
  z
    .strictObject({
      kind: z.literal('run-once-per-node'),
      at: durationField,
      name: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'an operation name is lower-case letters, digits and dashes'),
      tenant: z.string().min(1).prefault('default'),
      priority: z.number().int().prefault(0),
      /** Each task's requests, as one container. */
      resources: statedResourcesField,
      runFor: durationDistributionField,
    })
    .transform(({ resources, ...rest }) => ({ ...rest, resources: resources.resources, pod: singleContainerPod(resources.resources, resources.stated) })),
]);
