import { z } from 'zod';

/*
 * `spec.extensions`: user modules that run inside an engine (docs/extending.md). The module path is
 * relative to the scenario file; the runner loads it in the worker and fails the trial, not the
 * run, when it is missing, throws or misses the API. `validate` checks that the file exists.
 */

/** A module path: a relative or absolute path of a .ts, .mts, .js or .mjs file. */
const modulePath = z
  .string()
  .min(1)
  .regex(/\.(ts|mts|js|mjs)$/, 'a module path ends in .ts, .mts, .js or .mjs (e.g. ./my-controller.ts)');

/** Free-form settings handed to the module as they are (`api.config`). */
const config = z.record(z.string(), z.unknown()).optional();

/** A Kubernetes controller: runs beside kube-controller-manager with its own informers and client. */
const kubernetesExtension = z.strictObject({
  engine: z.literal('kubernetes'),
  controller: modulePath,
  config,
});

/**
 * A Mesos framework scheduler: registers under `role` (a tenant of the scenario) and receives the
 * intents of `workloads` (instead of the built-in Marathon-like or batch framework).
 */
const mesosExtension = z.strictObject({
  engine: z.literal('mesos'),
  framework: modulePath,
  role: z.string().min(1),
  workloads: z.array(z.string().min(1)).prefault([]),
  config,
});

/** The `spec.extensions` list; absent when the scenario names none (documents without it are unchanged). */
export const extensionsField = z.array(z.discriminatedUnion('engine', [kubernetesExtension, mesosExtension])).optional();

/** The scenario field of an entry that names its module. */
export function moduleFieldOf(entry: { readonly engine: 'kubernetes' | 'mesos' }): 'controller' | 'framework' {
  return entry.engine === 'kubernetes' ? 'controller' : 'framework';
}
