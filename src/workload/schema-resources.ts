import { z } from 'zod';
import { type ContainerRequests, type PodRequests, podRequests, singleContainerPod } from '../cluster/pod-requests.js';
import { parseQuantity } from '../cluster/quantity.js';
import { GPU_RESOURCE_NAME, QUALIFIED_RESOURCE_NAME, type Resources } from '../cluster/resources.js';
import { bytesField, countField, cpuField, nonNegative } from './schema-fields.js';
import { closestMatch } from './suggest.js';

/*
 * Resources in the scenario format (schema.ts is the entry): the resource map of a node or a
 * container, and a workload's pod (containers, init containers, overhead) or its one-vector
 * shorthand. Names are Kubernetes's: `cpu`, `memory`, and extended resources as `domain/name`
 * (`nvidia.com/gpu`, `example.com/fpga`), given as keys of the map or under `ext`. `gpu` is this
 * project's short name of `nvidia.com/gpu` (cluster/resources.ts): either spelling, never both.
 */

/** The keys a resource map knows besides extended `domain/name` ones (for "did you mean"). */
const KNOWN_KEYS = ['cpu', 'memory', 'gpu', 'ext'];

/** An extended resource amount: a whole number, as Kubernetes requires of extended resources. */
const extendedAmount = nonNegative('extended resource', parseQuantity);

/** A resource map as written, and which of cpu and memory it states (a missing key is not a 0). */
export interface StatedResources {
  readonly resources: Resources;
  readonly stated: ContainerRequests['stated'];
}

/**
 * A resource map: `cpu` (500m, 2), `memory` (512Mi, 1Gi), `gpu` (whole GPUs, the short name of
 * `nvidia.com/gpu`), extended resources by their `domain/name` as keys, and `ext` (the same, as a
 * nested map). Yields the vector and which of cpu and memory were given.
 */
export const statedResourcesField = z
  .object({
    cpu: cpuField.optional(),
    memory: bytesField.optional(),
    gpu: countField.optional(),
    ext: z.record(z.string(), extendedAmount).optional(),
  })
  .catchall(extendedAmount)
  .transform((raw, ctx): StatedResources => {
    const { cpu, memory, gpu, ext, ...named } = raw;
    let gpus = gpu;
    const extended: Record<string, number> = {};
    const take = (name: string, value: number, path: (string | number)[]): void => {
      if (!Number.isInteger(value)) {
        ctx.addIssue({ code: 'custom', path, message: `${name} is counted in whole units, got ${value}`, input: value });
        return;
      }
      if (name !== GPU_RESOURCE_NAME) {
        extended[name] = value;
      } else if (gpus !== undefined) {
        ctx.addIssue({ code: 'custom', path, message: `gpu and ${GPU_RESOURCE_NAME} name the same resource: give one of them`, input: value });
      } else {
        gpus = value;
      }
    };
    for (const [name, value] of Object.entries(named)) {
      if (QUALIFIED_RESOURCE_NAME.test(name)) take(name, value, [name]);
      else ctx.addIssue(unknownResource(name, [name], KNOWN_KEYS));
    }
    for (const [name, value] of Object.entries(ext ?? {})) {
      if (QUALIFIED_RESOURCE_NAME.test(name)) take(name, value, ['ext', name]);
      else ctx.addIssue(unknownResource(name, ['ext', name], []));
    }
    const vector = { cpu: cpu ?? 0, memory: memory ?? 0, gpu: gpus ?? 0 };
    return {
      resources: Object.keys(extended).length > 0 ? { ...vector, ext: extended } : vector,
      stated: { cpu: cpu !== undefined, memory: memory !== undefined },
    };
  })
  .meta({
    id: 'Resources',
    description: 'resources: cpu (500m, 2), memory (512Mi, 1Gi), gpu (= nvidia.com/gpu), extended resources by domain/name (nvidia.com/gpu: 1), or under ext',
  });

function unknownResource(name: string, path: (string | number)[], candidates: readonly string[]): z.core.$ZodRawIssue {
  const suggestion = closestMatch(name, candidates);
  return {
    code: 'custom',
    path,
    message: `unknown resource "${name}": write cpu, memory, gpu, or an extended resource as domain/name (e.g. ${GPU_RESOURCE_NAME}, example.com/fpga)`,
    input: name,
    ...(suggestion !== undefined ? { params: { suggestion } } : {}),
  };
}

/** Resources of a node (capacity) or a pod overhead: the vector of a {@link statedResourcesField}. */
export const resourcesField = statedResourcesField.transform((r): Resources => r.resources);

/** One container: a name and its requests (a key left out is missing, not 0). */
export const containerField = z
  .strictObject({
    name: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a container name is lower-case letters, digits and dashes'),
    requests: statedResourcesField.prefault({}),
  })
  .transform((c): ContainerRequests => ({ name: c.name, requests: c.requests.resources, stated: c.requests.stated }));

/**
 * The resource fields of a Service or BatchJob: either the one-vector shorthand `resources` (one
 * container) or `containers`, plus optional `initContainers` and `overhead`. Spread into the
 * workload's object; {@link podOfWorkload} turns them into the pod and its effective request.
 */
export const podFields = {
  /** Shorthand: the requests of the pod's one container. */
  resources: statedResourcesField.optional(),
  /** The app containers, each with its own requests (instead of `resources`). */
  containers: z.array(containerField).min(1).optional(),
  /** Init containers: run one at a time before the app containers, so the pod needs the largest of them. */
  initContainers: z.array(containerField).prefault([]),
  /** The pod overhead (RuntimeClass `overhead.podFixed`), added to the pod's request. */
  overhead: resourcesField.optional(),
};

/** A workload's resource fields as validated by {@link podFields}. */
export interface PodFieldsOutput {
  readonly resources?: StatedResources | undefined;
  readonly containers?: readonly ContainerRequests[] | undefined;
  readonly initContainers: readonly ContainerRequests[];
  readonly overhead?: Resources | undefined;
}

/**
 * The pod a workload declares and its effective request (what every engine places on:
 * `podRequests` without defaults), or the problems: neither or both of `resources` and
 * `containers`, or a container name used twice (Kubernetes requires unique names across app and
 * init containers).
 */
export function podOfWorkload(w: PodFieldsOutput, ctx: z.RefinementCtx): { readonly resources: Resources; readonly pod: PodRequests } {
  if ((w.resources === undefined) === (w.containers === undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: ['resources'],
      message: 'give the pod its requests: resources (one container) or containers, not both',
      input: undefined,
    });
  }
  const containers = w.containers ?? (w.resources ? singleContainerPod(w.resources.resources, w.resources.stated).containers : []);
  const seen = new Set<string>();
  const all: [string, readonly ContainerRequests[]][] = [
    ['containers', w.containers ?? []],
    ['initContainers', w.initContainers],
  ];
  for (const [field, list] of all) {
    list.forEach((c, i) => {
      if (seen.has(c.name))
        ctx.addIssue({ code: 'custom', path: [field, i, 'name'], message: `container name ${c.name} is used twice in the pod`, input: c.name });
      seen.add(c.name);
    });
  }
  const pod: PodRequests = { containers, initContainers: w.initContainers, ...(w.overhead ? { overhead: w.overhead } : {}) };
  return { resources: podRequests(pod), pod };
}
