import { addResources, maxResources, NO_RESOURCES, type Resources } from './resources.js';

/**
 * One container's resource requests. `stated` says which of cpu and memory the container gives at
 * all: a key left out is not the same as a key set to 0 (Kubernetes's scheduler counts a missing
 * cpu or memory request at a default for scoring, an explicit 0 as 0). Extended resources and GPUs
 * need no such flag: a missing one is 0 everywhere.
 */
export interface ContainerRequests {
  readonly name: string;
  readonly requests: Resources;
  readonly stated: { readonly cpu: boolean; readonly memory: boolean };
}

/**
 * A pod's requests as Kubernetes declares them: app containers, init containers (run one after
 * another before the app containers start) and the pod overhead (RuntimeClass). Sidecar init
 * containers (`restartPolicy: Always`) are not modelled.
 */
export interface PodRequests {
  readonly containers: readonly ContainerRequests[];
  readonly initContainers: readonly ContainerRequests[];
  readonly overhead?: Resources;
}

/** Values counted for a container that leaves cpu or memory out (Kubernetes's `NonMissingContainerRequests`). */
export interface MissingRequestDefaults {
  readonly cpu: number;
  readonly memory: number;
}

/**
 * The pod's effective request, as Kubernetes's `resourcehelper.PodRequests` computes it: per
 * resource, the larger of the sum over app containers and the largest init container, plus the
 * overhead. With `missing`, a container that leaves cpu (memory) out counts `missing.cpu`
 * (`missing.memory`) for it, each container on its own, init containers too (`applyNonMissing`);
 * an explicit 0 stays 0, and a pod without containers gets no default at all. Every engine places
 * on the result without `missing`; only kube-scheduler's scoring passes defaults.
 */
export function podRequests(pod: PodRequests, missing?: MissingRequestDefaults): Resources {
  let apps = NO_RESOURCES;
  for (const c of pod.containers) apps = addResources(apps, containerRequest(c, missing));
  let init = NO_RESOURCES;
  for (const c of pod.initContainers) init = maxResources(init, containerRequest(c, missing));
  const total = pod.initContainers.length > 0 ? maxResources(apps, init) : apps;
  return pod.overhead ? addResources(total, pod.overhead) : total;
}

function containerRequest(c: ContainerRequests, missing: MissingRequestDefaults | undefined): Resources {
  if (!missing || (c.stated.cpu && c.stated.memory)) return c.requests;
  return {
    ...c.requests,
    cpu: c.stated.cpu ? c.requests.cpu : c.requests.cpu + missing.cpu,
    memory: c.stated.memory ? c.requests.memory : c.requests.memory + missing.memory,
  };
}

/**
 * The pod of the one-vector shorthand (`resources:` of a workload, a trace row): one container
 * named `main` requesting `resources`, stating cpu and memory as `stated` says.
 */
export function singleContainerPod(resources: Resources, stated: ContainerRequests['stated']): PodRequests {
  return { containers: [{ name: 'main', requests: resources, stated }], initContainers: [] };
}
