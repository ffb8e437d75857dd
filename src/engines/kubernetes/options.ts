import { z } from 'zod';
import { type OptionsParse } from '../engine.js';
import { countOrPercentageField, cpuField, defaultEngineOptions, durationField, memoryField, parseEngineOptions } from '../kit/index.js';
import { KUBERNETES_DEFAULTS as D } from './defaults.js';

/** The bound of upstream's `validateResources` (`validation_pluginargs.go`): a scoring resource weight is in (0, 100]. */
const MAX_RESOURCE_WEIGHT = 100;

const resourceQuota = z.strictObject({
  cpu: cpuField.optional(),
  memory: memoryField.optional(),
  gpu: z.number().int().min(0).optional(),
  pods: z.number().int().min(0).optional(),
});

/**
 * A resource name as kube-scheduler's plugin args take it: `cpu`, `memory`, or an extended resource
 * `domain/name` (`nvidia.com/gpu`); `gpu` is this project's short name of `nvidia.com/gpu`
 * (cluster/resources.ts). Whether any node or pod of the scenario has it is checked against the
 * scenario (runner/engine-options.ts, via {@link referencedResources}).
 */
const resourceName = z.string().min(1);

/**
 * NodeResourcesFit `scoringStrategy.resources` as upstream defaults and validates them
 * (`apis/config/v1/defaults.go` SetDefaults_NodeResourcesFitArgs, `validation_pluginargs.go`
 * validateResources): an empty list is the default [cpu:1, memory:1]; a weight left out or 0
 * becomes 1; a weight outside (0, 100] after that is an error at `resources[i].weight`.
 */
const fitResources = z.array(z.strictObject({ name: resourceName, weight: z.number().int().prefault(0) })).transform((list, ctx) => {
  if (list.length === 0) return D.scheduler.scoringStrategy.resources.map((r) => ({ ...r }));
  return list.map((r, i) => {
    const weight = r.weight === 0 ? 1 : r.weight;
    if (weight < 0 || weight > MAX_RESOURCE_WEIGHT)
      ctx.addIssue({
        code: 'custom',
        path: [i, 'weight'],
        message: `resource weight of ${r.name} not in valid range (0, ${MAX_RESOURCE_WEIGHT}]`,
        input: r.weight,
      });
    return { name: r.name, weight };
  });
});

/**
 * NodeResourcesBalancedAllocation `resources` as upstream defaults and validates them
 * (SetDefaults_NodeResourcesBalancedAllocationArgs, ValidateNodeResourcesBalancedAllocationArgs): an
 * empty list is the default [cpu:1, memory:1]; a weight left out or 0 becomes 1, and any other
 * weight than 1 is an error (the formula ignores weights); a name given twice is an error.
 */
const balancedResources = z.array(z.strictObject({ name: resourceName, weight: z.number().int().prefault(0) })).transform((list, ctx) => {
  if (list.length === 0) return D.scheduler.balancedAllocationResources.map((r) => ({ ...r }));
  const seen = new Set<string>();
  return list.map((r, i) => {
    if (seen.has(r.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `resource ${r.name} is listed twice`, input: r.name });
    seen.add(r.name);
    const weight = r.weight === 0 ? 1 : r.weight;
    if (weight !== 1) ctx.addIssue({ code: 'custom', path: [i, 'weight'], message: 'must be 1 (BalancedAllocation ignores weights)', input: r.weight });
    return { name: r.name, weight };
  });
});

const nodeLifecycle = z.strictObject({
  monitorPeriod: durationField.prefault(D.nodeLifecycle.monitorPeriod),
  gracePeriod: durationField.prefault(D.nodeLifecycle.gracePeriod),
  defaultTolerationSeconds: z.number().int().min(0).prefault(D.nodeLifecycle.defaultTolerationSeconds),
  evictionRate: z.number().min(0).prefault(D.nodeLifecycle.evictionRate),
  secondaryEvictionRate: z.number().min(0).prefault(D.nodeLifecycle.secondaryEvictionRate),
  largeClusterSizeThreshold: z.number().int().min(0).prefault(D.nodeLifecycle.largeClusterSizeThreshold),
  unhealthyZoneThreshold: z.number().gt(0).max(1).prefault(D.nodeLifecycle.unhealthyZoneThreshold),
});

const kubelet = z.strictObject({
  leaseDuration: durationField.prefault(D.kubelet.leaseDuration),
  leaseRenewInterval: durationField.prefault(D.kubelet.leaseRenewInterval),
  nodeStatusUpdateFrequency: durationField.prefault(D.kubelet.nodeStatusUpdateFrequency),
  plegRelistPeriod: durationField.prefault(D.kubelet.plegRelistPeriod),
  crashLoopBackOff: z
    .strictObject({ initial: durationField.prefault(D.kubelet.crashLoopBackOff.initial), max: durationField.prefault(D.kubelet.crashLoopBackOff.max) })
    .refine((b) => b.initial > 0 && b.max >= b.initial, { message: 'crashLoopBackOff needs 0 < initial ≤ max' })
    .prefault({}),
  syncFrequency: durationField.refine((d) => d > 0, { message: 'syncFrequency must be positive' }).prefault(D.kubelet.syncFrequency),
  configMapAndSecretChangeDetectionStrategy: z.enum(['Watch', 'Cache', 'Get']).prefault(D.kubelet.configMapAndSecretChangeDetectionStrategy),
  configMapCacheTTL: durationField.prefault(D.kubelet.configMapCacheTTL),
});

const scheduler = z.strictObject({
  podInitialBackoff: durationField.prefault(D.scheduler.podInitialBackoff),
  podMaxBackoff: durationField.prefault(D.scheduler.podMaxBackoff),
  podMaxInUnschedulablePodsDuration: durationField.prefault(D.scheduler.podMaxInUnschedulablePodsDuration),
  unschedulableFlushInterval: durationField.prefault(D.scheduler.unschedulableFlushInterval),
  backoffFlushInterval: durationField.prefault(D.scheduler.backoffFlushInterval),
  /** The global `percentageOfNodesToScore` of KubeSchedulerConfiguration (0 = adaptive). */
  percentageOfNodesToScore: z.number().int().min(0).max(100).prefault(D.scheduler.percentageOfNodesToScore),
  /**
   * The default-scheduler profile's own settings (`profiles[0]` of KubeSchedulerConfiguration).
   * `percentageOfNodesToScore` left out = the global value; set (even to 0, adaptive) = this one.
   */
  profile: z.strictObject({ percentageOfNodesToScore: z.number().int().min(0).max(100).optional() }).prefault({}),
  popFromBackoffQ: z.boolean().prefault(D.scheduler.popFromBackoffQ),
  scoringStrategy: z
    .strictObject({
      type: z.enum(['LeastAllocated', 'MostAllocated', 'RequestedToCapacityRatio']).prefault(D.scheduler.scoringStrategy.type),
      resources: fitResources.prefault([]),
      shape: z
        .array(z.strictObject({ utilization: z.number().int().min(0).max(100), score: z.number().int().min(0).max(10) }))
        .min(1)
        .refine((s) => s.every((p, i) => i === 0 || p.utilization > (s[i - 1] as { utilization: number }).utilization), {
          message: 'shape utilizations must increase strictly',
        })
        .prefault(D.scheduler.scoringStrategy.shape.map((p) => ({ ...p }))),
    })
    .prefault({}),
  balancedAllocationResources: balancedResources.prefault([]),
  weights: z
    .strictObject({
      TaintToleration: z.number().int().min(0).prefault(D.scheduler.weights.TaintToleration),
      NodeAffinity: z.number().int().min(0).prefault(D.scheduler.weights.NodeAffinity),
      NodeResourcesFit: z.number().int().min(0).prefault(D.scheduler.weights.NodeResourcesFit),
      NodeResourcesBalancedAllocation: z.number().int().min(0).prefault(D.scheduler.weights.NodeResourcesBalancedAllocation),
    })
    .prefault({}),
  minCandidateNodesPercentage: z.number().int().min(0).max(100).prefault(D.scheduler.minCandidateNodesPercentage),
  minCandidateNodesAbsolute: z.number().int().min(0).prefault(D.scheduler.minCandidateNodesAbsolute),
  preemption: z.boolean().prefault(D.scheduler.preemption),
  leaderElection: z
    .strictObject({
      leaseDuration: durationField.prefault(D.scheduler.leaderElection.leaseDuration),
      retryPeriod: durationField.prefault(D.scheduler.leaderElection.retryPeriod),
    })
    .prefault({}),
  thinkTime: z
    .strictObject({
      perCycle: durationField.prefault(D.scheduler.thinkTime.perCycle),
      perNode: durationField.prefault(D.scheduler.thinkTime.perNode),
    })
    .prefault({}),
});

const replicaSet = z.strictObject({
  burstReplicas: z.number().int().min(1).prefault(D.replicaSet.burstReplicas),
  slowStartInitialBatchSize: z.number().int().min(1).prefault(D.replicaSet.slowStartInitialBatchSize),
  expectationsTimeout: durationField.prefault(D.replicaSet.expectationsTimeout),
});

const deployment = z.strictObject({
  maxSurge: countOrPercentageField.prefault(D.deployment.maxSurge),
  maxUnavailable: countOrPercentageField.prefault(D.deployment.maxUnavailable),
  revisionHistoryLimit: z.number().int().min(0).prefault(D.deployment.revisionHistoryLimit),
  minReadySeconds: z.number().int().min(0).prefault(D.deployment.minReadySeconds),
});

const dependencies = z.strictObject({
  dependencyIdiom: z.enum(['none', 'init-container']).prefault(D.dependencies.dependencyIdiom),
  initPollInterval: durationField.refine((d) => d > 0, { message: 'initPollInterval must be positive' }).prefault(D.dependencies.initPollInterval),
});

const job = z.strictObject({
  backoffLimit: z.number().int().min(0).prefault(D.job.backoffLimit),
  podFailureBackoff: durationField.prefault(D.job.podFailureBackoff),
  maxPodFailureBackoff: durationField.prefault(D.job.maxPodFailureBackoff),
  syncBatchPeriod: durationField.prefault(D.job.syncBatchPeriod),
  apiBackoff: durationField.prefault(D.job.apiBackoff),
  maxApiBackoff: durationField.prefault(D.job.maxApiBackoff),
  trackingFinalizers: z.boolean().prefault(D.job.trackingFinalizers),
});

/** A period that must be positive: a zero period would run its loop forever at one instant. */
const positiveDuration = (d: string) => durationField.prefault(d).refine((v) => v > 0, { message: 'must be greater than 0' });

const podGC = z.strictObject({
  /** `--terminated-pod-gc-threshold`: 0 turns the collection of terminated pods off, as upstream's "<= 0". */
  terminatedPodGCThreshold: z.number().int().min(0).prefault(D.podGC.terminatedPodGCThreshold),
  gcCheckPeriod: positiveDuration(D.podGC.gcCheckPeriod),
  quarantineTime: durationField.prefault(D.podGC.quarantineTime),
});

const endpointSlice = z.strictObject({
  updatesBatchPeriod: durationField.prefault(D.endpointSlice.updatesBatchPeriod),
});

const kubeProxy = z
  .strictObject({
    minSyncPeriod: durationField.prefault(D.kubeProxy.minSyncPeriod),
    syncPeriod: durationField.prefault(D.kubeProxy.syncPeriod),
  })
  .refine((k) => k.syncPeriod > 0, { message: 'syncPeriod must be longer than 0', path: ['syncPeriod'] });

const workqueue = z.strictObject({
  baseDelay: durationField.prefault(D.workqueue.baseDelay),
  maxDelay: durationField.prefault(D.workqueue.maxDelay),
});

/** One client's QPS/burst: qps > 0, or -1 for no client-side limit (client-go's negative QPS). */
function clientLimit(d: { readonly qps: number; readonly burst: number }) {
  return z
    .strictObject({
      qps: z
        .number()
        .refine((q) => q === -1 || (q > 0 && Number.isFinite(q)), { message: 'qps must be > 0, or -1 for no client-side limit' })
        .prefault(d.qps),
      burst: z.number().int().min(1).prefault(d.burst),
    })
    .prefault({});
}

const apiClients = z.strictObject({
  controllerManager: clientLimit(D.apiClients.controllerManager),
  scheduler: clientLimit(D.apiClients.scheduler),
  kubelet: clientLimit(D.apiClients.kubelet),
});

/** The schema of `spec.engines.kubernetes`: every field optional, unknown fields rejected. */
export const kubernetesOptionsSchema = z.strictObject({
  nodeLifecycle: nodeLifecycle.prefault({}),
  kubelet: kubelet.prefault({}),
  scheduler: scheduler.prefault({}),
  replicaSet: replicaSet.prefault({}),
  deployment: deployment.prefault({}),
  /** How a service's `dependsOn` becomes objects: as is, or an init container that waits (the idiom). */
  dependencies: dependencies.prefault({}),
  job: job.prefault({}),
  /** ResourceQuota `hard` per namespace: cpu/memory as quantities, gpu and pods as counts. */
  resourceQuotas: z.record(z.string(), resourceQuota).prefault({}),
  workqueue: workqueue.prefault({}),
  /** The EndpointSlice controller and kube-proxy: service discovery of services that take requests. */
  endpointSlice: endpointSlice.prefault({}),
  kubeProxy: kubeProxy.prefault({}),
  /** The PodGC controller: terminated-pod threshold and loop period. */
  podGC: podGC.prefault({}),
  /** Client-side QPS/burst of the controllers (each its own), the scheduler and every kubelet. */
  apiClients: apiClients.prefault({}),
});

/** Fully defaulted options of the Kubernetes engine (durations in virtual time). */
export type KubernetesOptions = z.output<typeof kubernetesOptionsSchema>;

/**
 * The percentage of nodes the default profile scores (`numFeasibleNodesToFind`'s input): the
 * profile's value when it sets one, the global value otherwise (`schedule_one.go`: "Use profile
 * percentageOfNodesToScore if it's set. Otherwise, use global"). A profile's explicit 0 is kept and
 * means adaptive, whatever the global value.
 */
export function profilePercentageOfNodesToScore(scheduler: KubernetesOptions['scheduler']): number {
  return scheduler.profile.percentageOfNodesToScore ?? scheduler.percentageOfNodesToScore;
}

/**
 * The resource names the options refer to, with their paths under `spec.engines.kubernetes`: the
 * scoring resources of NodeResourcesFit and BalancedAllocation. The runner checks each against the
 * resources the scenario's nodes and pods can have (a name nothing has scores nothing, so it is a
 * mistake).
 */
export function referencedResources(o: KubernetesOptions): { readonly path: readonly (string | number)[]; readonly name: string }[] {
  return [
    ...o.scheduler.scoringStrategy.resources.map((r, i) => ({ path: ['scheduler', 'scoringStrategy', 'resources', i, 'name'], name: r.name })),
    ...o.scheduler.balancedAllocationResources.map((r, i) => ({ path: ['scheduler', 'balancedAllocationResources', i, 'name'], name: r.name })),
  ];
}

/** Validates and defaults `spec.engines.kubernetes` (absent = all defaults). */
export function parseOptions(raw: unknown): OptionsParse<KubernetesOptions> {
  return parseEngineOptions(kubernetesOptionsSchema, raw);
}

/** The options with every default (for tests and bounds). */
export function defaultOptions(): KubernetesOptions {
  return defaultEngineOptions(kubernetesOptionsSchema, 'Kubernetes');
}
