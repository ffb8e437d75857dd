import { z } from 'zod';
import { type LatencyModel } from '../cluster/latency.js';
import { DEFAULT_MAX_TASKS_PER_NODE } from '../cluster/node.js';
import { durationDistributionField, labelsField, MAX_NODES, taintField } from './schema-fields.js';
import { resourcesField } from './schema-resources.js';

/*
 * The cluster and latency parts of the scenario format (schema.ts is the entry): node groups,
 * explicit nodes and the latency model, with their defaults.
 */

/** A group of identical nodes (`count` of them, named `<name>-<i>`), optionally spread over zones. */
export const nodeGroupField = z.strictObject({
  name: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a node group name is lower-case letters, digits and dashes'),
  count: z.number().int().min(1).max(MAX_NODES),
  resources: resourcesField,
  labels: labelsField.prefault({}),
  /** Spread the group over these zones round-robin (sets the `zone` label). */
  zones: z.array(z.string().min(1)).optional(),
  taints: z.array(taintField).prefault([]),
  maxTasks: z.number().int().min(1).prefault(DEFAULT_MAX_TASKS_PER_NODE),
});

/** One node given by name. */
export const explicitNodeField = z.strictObject({
  name: z.string().min(1),
  resources: resourcesField,
  labels: labelsField.prefault({}),
  taints: z.array(taintField).prefault([]),
  maxTasks: z.number().int().min(1).prefault(DEFAULT_MAX_TASKS_PER_NODE),
});

/**
 * Default latency model. Values are modest LAN figures chosen for teaching, not measurements:
 * rpc 1 ms and heartbeat 1 ms (one round trip in a data centre), storeWrite 5 ms (an etcd
 * write with fsync on SSD is a few ms; Kubernetes's SLO bounds mutating calls at p99 ≤ 1 s), watch
 * delivery 2 ms, task start 1 s (a container with a cached image; the pod startup SLO is p99 ≤ 5 s).
 */
export const DEFAULT_LATENCY = { rpc: '1ms', storeWrite: '5ms', watchDelivery: '2ms', heartbeat: '1ms', taskStart: '1s' } as const;

/** The latency model: a duration distribution per kind of delay, each defaulting to DEFAULT_LATENCY. */
export const latencyField = z
  .strictObject({
    rpc: durationDistributionField.prefault(DEFAULT_LATENCY.rpc),
    storeWrite: durationDistributionField.prefault(DEFAULT_LATENCY.storeWrite),
    watchDelivery: durationDistributionField.prefault(DEFAULT_LATENCY.watchDelivery),
    heartbeat: durationDistributionField.prefault(DEFAULT_LATENCY.heartbeat),
    taskStart: durationDistributionField.prefault(DEFAULT_LATENCY.taskStart),
  })
  .prefault(DEFAULT_LATENCY)
  .transform((l): LatencyModel => l);
