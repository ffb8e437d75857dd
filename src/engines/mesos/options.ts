import { z } from 'zod';
import { type Resources } from '../../cluster/resources.js';
import { parseDuration } from '../../sim/duration.js';
import { type SimDuration } from '../../sim/time.js';
import { type OptionsParse } from '../engine.js';
import { durationField, MODEL_SWITCH_FIELDS, type ModelSwitch, modelSwitch, parseEngineOptions, resourcesField } from '../kit/index.js';
import { MESOS_DEFAULTS } from './defaults.js';

/** Decision time of one framework: t_decision = tJob + tTask × tasks (Omega paper §4). */
export interface ThinkTime {
  readonly tJob: SimDuration;
  readonly tTask: SimDuration;
}

/** Marathon's per-app launch backoff. */
export interface BackoffOptions {
  readonly initial: SimDuration;
  readonly factor: number;
  readonly max: SimDuration;
}

/** Options shared by both framework kinds. */
export interface FrameworkKindOptions {
  readonly failoverTimeout: SimDuration;
  readonly partitionAware: boolean;
  /** refuse_seconds sent with a decline (and for the unused part of an accept). */
  readonly declineFor: SimDuration;
  readonly suppressOffers: boolean;
  /** Overrides the engine-wide think time for every framework of this kind. */
  readonly thinkTime?: Partial<ThinkTime>;
  /** A launched task that is not running after this is killed and launched again. */
  readonly launchTimeout: SimDuration;
}

/** Marathon's health check of an app (MESOS_HTTP: run by the executor on the agent). */
export interface HealthCheckOptions {
  /** Before the first check (delaySeconds). */
  readonly delay: SimDuration;
  readonly interval: SimDuration;
  /** Failures this soon after the task started are ignored, until it was healthy once. */
  readonly gracePeriod: SimDuration;
  /** Consecutive failures that get the task killed (0: never). */
  readonly maxConsecutiveFailures: number;
}

export interface ServiceFrameworkOptions extends FrameworkKindOptions {
  readonly minReviveInterval: SimDuration;
  readonly maxInstancesPerOffer: number;
  readonly launchTokens: number;
  readonly launchTokenRefresh: SimDuration;
  readonly backoff: BackoffOptions;
  readonly healthCheck: HealthCheckOptions;
  /** Marathon's readiness check: how often it polls a running task until it is ready. */
  readonly readinessCheck: { readonly interval: SimDuration };
}

export interface BatchFrameworkOptions extends FrameworkKindOptions {
  readonly maxTaskFailures: number;
  /**
   * The Omega simulator's abandonment rule, off unless set: a job is dropped after more than this
   * many offer batches it was tried against with no task of it ever placed. Unset: never (defaults.ts).
   */
  readonly abandonAfterAttemptsWithoutProgress?: number;
  /** Likewise, after more than this many offer batches in all. Unset: never. */
  readonly abandonAfterAttempts?: number;
  /** The tasks t_task is charged for: those launched in the offers decided on, or every pending task of each job considered (defaults.ts). */
  readonly thinkTaskCount: 'placed' | 'pending';
}

/** Quota of a top-level role: guarantees (deprecated in Mesos ≥ 1.9, still modelled) and limits. */
export interface RoleQuota {
  readonly guarantee?: Resources;
  readonly limit?: Resources;
}

/** A framework named by the scenario instead of the default one-service-and-one-batch-per-tenant mapping. */
export interface ExplicitFramework {
  readonly name: string;
  readonly kind: 'service' | 'batch';
  /** The role (tenant) it subscribes with. */
  readonly role: string;
  /** Workload names it runs. */
  readonly workloads: readonly string[];
}

/**
 * The fully defaulted options of the Mesos engine. `model: omega-paper` (ModelSwitch) runs the Omega
 * paper simulator's Mesos model instead, with its own `omegaPaper:` options; the other fields then
 * have no effect.
 */
export interface MesosOptions extends ModelSwitch {
  /** How often Mesos-DNS re-reads the master's state (service discovery of apps that take requests). */
  readonly mesosDnsRefresh: SimDuration;
  readonly allocationInterval: SimDuration;
  readonly refuseSeconds: SimDuration;
  readonly maxRefuse: SimDuration;
  readonly offerTimeout?: SimDuration;
  readonly agentPingTimeout: SimDuration;
  readonly maxAgentPingTimeouts: number;
  readonly minAllocatable: readonly Resources[];
  readonly offerMode: 'whole-agent' | 'fair-share';
  readonly statusUpdateRetryMin: SimDuration;
  readonly statusUpdateRetryMax: SimDuration;
  readonly registrationBackoff: SimDuration;
  readonly registrationBackoffMax: SimDuration;
  readonly thinkTime: ThinkTime;
  /** Think times by framework name or by tenant (framework name wins). */
  readonly thinkTimes: Readonly<Record<string, Partial<ThinkTime>>>;
  readonly service: ServiceFrameworkOptions;
  readonly batch: BatchFrameworkOptions;
  readonly quota: Readonly<Record<string, RoleQuota>>;
  readonly frameworks: readonly ExplicitFramework[];
}

const thinkField = z.strictObject({ tJob: durationField.optional(), tTask: durationField.optional() });

const kindFields = {
  failoverTimeout: durationField.optional(),
  partitionAware: z.boolean().optional(),
  declineFor: durationField.optional(),
  suppressOffers: z.boolean().optional(),
  thinkTime: thinkField.optional(),
  launchTimeout: durationField.optional(),
};

const schema = z.strictObject({
  ...MODEL_SWITCH_FIELDS,
  mesosDnsRefresh: durationField.optional(),
  allocationInterval: durationField.optional(),
  refuseSeconds: durationField.optional(),
  maxRefuse: durationField.optional(),
  offerTimeout: durationField.optional(),
  agentPingTimeout: durationField.optional(),
  maxAgentPingTimeouts: z.number().int().min(1).optional(),
  minAllocatable: z.array(resourcesField).optional(),
  offerMode: z.enum(['whole-agent', 'fair-share']).optional(),
  statusUpdateRetryMin: durationField.optional(),
  statusUpdateRetryMax: durationField.optional(),
  registrationBackoff: durationField.optional(),
  registrationBackoffMax: durationField.optional(),
  thinkTime: thinkField.optional(),
  thinkTimes: z.record(z.string(), thinkField).optional(),
  service: z
    .strictObject({
      ...kindFields,
      minReviveInterval: durationField.optional(),
      maxInstancesPerOffer: z.number().int().min(1).optional(),
      launchTokens: z.number().int().min(1).optional(),
      launchTokenRefresh: durationField.optional(),
      backoff: z.strictObject({ initial: durationField.optional(), factor: z.number().min(1).optional(), max: durationField.optional() }).optional(),
      healthCheck: z
        .strictObject({
          delay: durationField.optional(),
          interval: durationField.optional(),
          gracePeriod: durationField.optional(),
          maxConsecutiveFailures: z.number().int().min(0).optional(),
        })
        .optional(),
      readinessCheck: z.strictObject({ interval: durationField.optional() }).optional(),
    })
    .optional(),
  batch: z
    .strictObject({
      ...kindFields,
      maxTaskFailures: z.number().int().min(1).optional(),
      abandonAfterAttemptsWithoutProgress: z.number().int().min(1).optional(),
      abandonAfterAttempts: z.number().int().min(1).optional(),
      thinkTaskCount: z.enum(['placed', 'pending']).optional(),
    })
    .optional(),
  quota: z.record(z.string(), z.strictObject({ guarantee: resourcesField.optional(), limit: resourcesField.optional() })).optional(),
  frameworks: z
    .array(
      z.strictObject({ name: z.string().min(1), kind: z.enum(['service', 'batch']), role: z.string().min(1), workloads: z.array(z.string().min(1)).min(1) }),
    )
    .optional(),
});

const d = (text: string): SimDuration => {
  const r = parseDuration(text);
  if (!r.ok) throw new Error(`bad default duration ${text}`);
  return r.value;
};

const DEFAULT_MIN_ALLOCATABLE: readonly Resources[] = z.array(resourcesField).parse(MESOS_DEFAULTS.minAllocatable);

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Validates `spec.engines.mesos` (unknown fields are errors) and fills every default from
 * defaults.ts. Durations are strings such as `5s` or `250ms`.
 */
export function parseMesosOptions(raw: unknown): OptionsParse<MesosOptions> {
  const parsed = parseEngineOptions(schema, raw);
  if (!parsed.ok) return parsed;
  const o = parsed.options;
  const D = MESOS_DEFAULTS;
  const s = o.service ?? {};
  const b = o.batch ?? {};
  const options: MesosOptions = {
    ...modelSwitch(o),
    mesosDnsRefresh: o.mesosDnsRefresh !== undefined && o.mesosDnsRefresh > 0 ? o.mesosDnsRefresh : d(D.mesosDnsRefresh),
    allocationInterval: o.allocationInterval ?? d(D.allocationInterval),
    refuseSeconds: o.refuseSeconds ?? d(D.refuseSeconds),
    maxRefuse: o.maxRefuse ?? d(D.maxRefuse),
    ...(o.offerTimeout !== undefined && o.offerTimeout > 0 ? { offerTimeout: o.offerTimeout } : {}),
    agentPingTimeout: o.agentPingTimeout ?? d(D.agentPingTimeout),
    maxAgentPingTimeouts: o.maxAgentPingTimeouts ?? D.maxAgentPingTimeouts,
    minAllocatable: o.minAllocatable ?? DEFAULT_MIN_ALLOCATABLE,
    offerMode: o.offerMode ?? D.offerMode,
    statusUpdateRetryMin: o.statusUpdateRetryMin ?? d(D.statusUpdateRetryMin),
    statusUpdateRetryMax: o.statusUpdateRetryMax ?? d(D.statusUpdateRetryMax),
    registrationBackoff: o.registrationBackoff ?? d(D.registrationBackoff),
    registrationBackoffMax: o.registrationBackoffMax ?? d(D.registrationBackoffMax),
    thinkTime: { tJob: o.thinkTime?.tJob ?? d(D.thinkTime.tJob), tTask: o.thinkTime?.tTask ?? d(D.thinkTime.tTask) },
    thinkTimes: Object.fromEntries(Object.entries(o.thinkTimes ?? {}).map(([k, v]) => [k, defined(v)])),
    service: {
      failoverTimeout: s.failoverTimeout ?? d(D.service.failoverTimeout),
      partitionAware: s.partitionAware ?? D.service.partitionAware,
      declineFor: s.declineFor ?? d(D.service.declineFor),
      suppressOffers: s.suppressOffers ?? D.service.suppressOffers,
      launchTimeout: s.launchTimeout ?? d(D.service.launchTimeout),
      ...(s.thinkTime ? { thinkTime: defined(s.thinkTime) } : {}),
      minReviveInterval: s.minReviveInterval ?? d(D.service.minReviveInterval),
      maxInstancesPerOffer: s.maxInstancesPerOffer ?? D.service.maxInstancesPerOffer,
      launchTokens: s.launchTokens ?? D.service.launchTokens,
      launchTokenRefresh: s.launchTokenRefresh ?? d(D.service.launchTokenRefresh),
      backoff: {
        initial: s.backoff?.initial ?? d(D.service.backoff.initial),
        factor: s.backoff?.factor ?? D.service.backoff.factor,
        max: s.backoff?.max ?? d(D.service.backoff.max),
      },
      healthCheck: {
        delay: s.healthCheck?.delay ?? d(D.service.healthCheck.delay),
        interval: s.healthCheck?.interval ?? d(D.service.healthCheck.interval),
        gracePeriod: s.healthCheck?.gracePeriod ?? d(D.service.healthCheck.gracePeriod),
        maxConsecutiveFailures: s.healthCheck?.maxConsecutiveFailures ?? D.service.healthCheck.maxConsecutiveFailures,
      },
      readinessCheck: { interval: s.readinessCheck?.interval ?? d(D.service.readinessCheck.interval) },
    },
    batch: {
      failoverTimeout: b.failoverTimeout ?? d(D.batch.failoverTimeout),
      partitionAware: b.partitionAware ?? D.batch.partitionAware,
      declineFor: b.declineFor ?? d(D.batch.declineFor),
      suppressOffers: b.suppressOffers ?? D.batch.suppressOffers,
      launchTimeout: b.launchTimeout ?? d(D.batch.launchTimeout),
      ...(b.thinkTime ? { thinkTime: defined(b.thinkTime) } : {}),
      maxTaskFailures: b.maxTaskFailures ?? D.batch.maxTaskFailures,
      ...(b.abandonAfterAttemptsWithoutProgress !== undefined ? { abandonAfterAttemptsWithoutProgress: b.abandonAfterAttemptsWithoutProgress } : {}),
      ...(b.abandonAfterAttempts !== undefined ? { abandonAfterAttempts: b.abandonAfterAttempts } : {}),
      thinkTaskCount: b.thinkTaskCount ?? D.batch.thinkTaskCount,
    },
    quota: Object.fromEntries(Object.entries(o.quota ?? {}).map(([k, v]) => [k, defined(v)])),
    frameworks: o.frameworks ?? [],
  };
  return { ok: true, options };
}

/** The defaults alone (what `parseMesosOptions({})` returns). */
export function defaultMesosOptions(): MesosOptions {
  const r = parseMesosOptions({});
  if (!r.ok) throw new Error('the Mesos defaults do not validate');
  return r.options;
}
