import { z } from 'zod';
import { type OptionsParse } from '../engine.js';
import { countOrPercentageField, cpuField, defaultEngineOptions, durationField, memoryField, parseEngineOptions } from '../kit/index.js';
import { KUBERNETES_DEFAULTS as D } from './defaults.js';

const resourceQuota = z.strictObject({
  cpu: cpuField.optional(),
  memory: memoryField.optional(),
  gpu: z.number().int().min(0).optional(),
  pods: z.number().int().min(0).optional(),
});

const weighted = z.array(z.strictObject({ name: z.string().min(1), weight: z.number().int().min(0) })).min(1);

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
});

const scheduler = z.strictObject({
  podInitialBackoff: durationField.prefault(D.scheduler.podInitialBackoff),
  podMaxBackoff: durationField.prefault(D.scheduler.podMaxBackoff),
  podMaxInUnschedulablePodsDuration: durationField.prefault(D.scheduler.podMaxInUnschedulablePodsDuration),
  unschedulableFlushInterval: durationField.prefault(D.scheduler.unschedulableFlushInterval),
  backoffFlushInterval: durationField.prefault(D.scheduler.backoffFlushInterval),
  percentageOfNodesToScore: z.number().int().min(0).max(100).prefault(D.scheduler.percentageOfNodesToScore),
  popFromBackoffQ: z.boolean().prefault(D.scheduler.popFromBackoffQ),
  scoringStrategy: z
    .strictObject({
      type: z.enum(['LeastAllocated', 'MostAllocated', 'RequestedToCapacityRatio']).prefault(D.scheduler.scoringStrategy.type),
      resources: weighted.prefault(D.scheduler.scoringStrategy.resources.map((r) => ({ ...r }))),
      shape: z
        .array(z.strictObject({ utilization: z.number().int().min(0).max(100), score: z.number().int().min(0).max(10) }))
        .min(1)
        .refine((s) => s.every((p, i) => i === 0 || p.utilization > (s[i - 1] as { utilization: number }).utilization), {
          message: 'shape utilizations must increase strictly',
        })
        .prefault(D.scheduler.scoringStrategy.shape.map((p) => ({ ...p }))),
    })
    .prefault({}),
  balancedAllocationResources: weighted.prefault(D.scheduler.balancedAllocationResources.map((r) => ({ ...r }))),
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
});

const job = z.strictObject({
  backoffLimit: z.number().int().min(0).prefault(D.job.backoffLimit),
  podFailureBackoff: durationField.prefault(D.job.podFailureBackoff),
  maxPodFailureBackoff: durationField.prefault(D.job.maxPodFailureBackoff),
});

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
  job: job.prefault({}),
  /** ResourceQuota `hard` per namespace: cpu/memory as quantities, gpu and pods as counts. */
  resourceQuotas: z.record(z.string(), resourceQuota).prefault({}),
  workqueue: workqueue.prefault({}),
  /** Client-side QPS/burst of the controllers (each its own), the scheduler and every kubelet. */
  apiClients: apiClients.prefault({}),
});

/** Fully defaulted options of the Kubernetes engine (durations in virtual time). */
export type KubernetesOptions = z.output<typeof kubernetesOptionsSchema>;

/** Validates and defaults `spec.engines.kubernetes` (absent = all defaults). */
export function parseOptions(raw: unknown): OptionsParse<KubernetesOptions> {
  return parseEngineOptions(kubernetesOptionsSchema, raw);
}

/** The options with every default (for tests and bounds). */
export function defaultOptions(): KubernetesOptions {
  return defaultEngineOptions(kubernetesOptionsSchema, 'Kubernetes');
}
