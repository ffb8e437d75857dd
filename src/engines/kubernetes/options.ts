import { z } from 'zod';
import { type OptionsParse } from '../engine.js';
import { parseBytes, parseCpuMillis } from '../../cluster/quantity.js';
import { parseDuration } from '../../sim/duration.js';
import { type SimDuration } from '../../sim/time.js';
import { KUBERNETES_DEFAULTS as D } from './defaults.js';

/** A duration written as in scenarios (`5s`, `250ms`, `1m30s`), checked with the kernel's parser. */
const durationString = z.string().transform((text, ctx): SimDuration => {
  const r = parseDuration(text);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: r.error });
    return z.NEVER;
  }
  return r.value;
});

/** A quantity (`500m`, `2`, `4Gi`) parsed by `parse` into a whole number. */
const quantity = (parse: typeof parseCpuMillis) =>
  z.union([z.string(), z.number()]).transform((v, ctx): number => {
    const r = parse(v);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.error });
      return z.NEVER;
    }
    return r.value;
  });

const resourceQuota = z.strictObject({
  cpu: quantity(parseCpuMillis).optional(),
  memory: quantity(parseBytes).optional(),
  gpu: z.number().int().min(0).optional(),
  pods: z.number().int().min(0).optional(),
});

/** An int-or-percent as in Kubernetes (`3`, `'25%'`). */
const intOrPercent = z.union([z.number().int().min(0), z.string().regex(/^\d+%$/, 'a percentage such as 25%')]);

const weighted = z.array(z.strictObject({ name: z.string().min(1), weight: z.number().int().min(0) })).min(1);

const nodeLifecycle = z.strictObject({
  monitorPeriod: durationString.prefault(D.nodeLifecycle.monitorPeriod),
  gracePeriod: durationString.prefault(D.nodeLifecycle.gracePeriod),
  defaultTolerationSeconds: z.number().int().min(0).prefault(D.nodeLifecycle.defaultTolerationSeconds),
  evictionRate: z.number().min(0).prefault(D.nodeLifecycle.evictionRate),
  secondaryEvictionRate: z.number().min(0).prefault(D.nodeLifecycle.secondaryEvictionRate),
  largeClusterSizeThreshold: z.number().int().min(0).prefault(D.nodeLifecycle.largeClusterSizeThreshold),
  unhealthyZoneThreshold: z.number().gt(0).max(1).prefault(D.nodeLifecycle.unhealthyZoneThreshold),
});

const kubelet = z.strictObject({
  leaseDuration: durationString.prefault(D.kubelet.leaseDuration),
  leaseRenewInterval: durationString.prefault(D.kubelet.leaseRenewInterval),
  nodeStatusUpdateFrequency: durationString.prefault(D.kubelet.nodeStatusUpdateFrequency),
  plegRelistPeriod: durationString.prefault(D.kubelet.plegRelistPeriod),
});

const scheduler = z.strictObject({
  podInitialBackoff: durationString.prefault(D.scheduler.podInitialBackoff),
  podMaxBackoff: durationString.prefault(D.scheduler.podMaxBackoff),
  podMaxInUnschedulablePodsDuration: durationString.prefault(D.scheduler.podMaxInUnschedulablePodsDuration),
  unschedulableFlushInterval: durationString.prefault(D.scheduler.unschedulableFlushInterval),
  backoffFlushInterval: durationString.prefault(D.scheduler.backoffFlushInterval),
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
      leaseDuration: durationString.prefault(D.scheduler.leaderElection.leaseDuration),
      retryPeriod: durationString.prefault(D.scheduler.leaderElection.retryPeriod),
    })
    .prefault({}),
  thinkTime: z
    .strictObject({
      perCycle: durationString.prefault(D.scheduler.thinkTime.perCycle),
      perNode: durationString.prefault(D.scheduler.thinkTime.perNode),
    })
    .prefault({}),
});

const replicaSet = z.strictObject({
  burstReplicas: z.number().int().min(1).prefault(D.replicaSet.burstReplicas),
  slowStartInitialBatchSize: z.number().int().min(1).prefault(D.replicaSet.slowStartInitialBatchSize),
  expectationsTimeout: durationString.prefault(D.replicaSet.expectationsTimeout),
});

const deployment = z.strictObject({
  maxSurge: intOrPercent.prefault(D.deployment.maxSurge),
  maxUnavailable: intOrPercent.prefault(D.deployment.maxUnavailable),
  revisionHistoryLimit: z.number().int().min(0).prefault(D.deployment.revisionHistoryLimit),
});

const job = z.strictObject({
  backoffLimit: z.number().int().min(0).prefault(D.job.backoffLimit),
  podFailureBackoff: durationString.prefault(D.job.podFailureBackoff),
  maxPodFailureBackoff: durationString.prefault(D.job.maxPodFailureBackoff),
});

const workqueue = z.strictObject({
  baseDelay: durationString.prefault(D.workqueue.baseDelay),
  maxDelay: durationString.prefault(D.workqueue.maxDelay),
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
});

/** Fully defaulted options of the Kubernetes engine (durations in virtual time). */
export type KubernetesOptions = z.output<typeof kubernetesOptionsSchema>;

/** Validates and defaults `spec.engines.kubernetes` (absent = all defaults). */
export function parseOptions(raw: unknown): OptionsParse<KubernetesOptions> {
  const r = kubernetesOptionsSchema.safeParse(raw ?? {});
  if (r.success) return { ok: true, options: r.data };
  return { ok: false, issues: r.error.issues.map((i) => ({ path: i.path.filter((p): p is string | number => typeof p !== 'symbol'), message: i.message })) };
}

/** The options with every default (for tests and bounds). */
export function defaultOptions(): KubernetesOptions {
  const r = parseOptions({});
  if (!r.ok) throw new Error('the default options do not validate');
  return r.options;
}
