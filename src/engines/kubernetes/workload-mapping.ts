import { type EngineContext } from '../engine.js';
import { BatchTasks } from '../kit/index.js';
import { type Intent, type JobSubmitted, type ServiceDeclared } from '../../intents/index.js';
import { type Deployment, type Job, type Namespace, type ObjectMeta } from './objects.js';
import { LifecycleOperations } from './lifecycle-operations.js';
import { templateLifecycle } from './lifecycle-template.js';
import { type ApiServer } from './store/api-server.js';
import { type KubernetesOptions } from './options.js';

const CLIENT = '@client';

function meta(ctx: EngineContext, name: string, namespace: string): ObjectMeta {
  return { name, namespace, uid: '', resourceVersion: 0, creationTimestamp: ctx.now(), labels: {} };
}

/**
 * Turns the harness's intents into API writes from a client (`kubectl apply` / `scale` / `set image`):
 * tenant → Namespace (created on first use), service → Deployment (priority as the value a
 * PriorityClass would resolve to; its lifecycle as probe, init container and ConfigMap, see
 * lifecycle-template.ts), batch job → Indexed Job; config changes, restarts and one-off tasks per
 * node as lifecycle-operations.ts performs them. Scales and rollouts are patches, so
 * they never conflict; the controllers' own updates of the same objects may.
 */
export class WorkloadMapper {
  private readonly namespaces = new Set<string>();
  private readonly serviceNamespace = new Map<string, string>();
  private readonly operations: LifecycleOperations;

  constructor(
    private readonly ctx: EngineContext,
    private readonly api: ApiServer,
    private readonly options: KubernetesOptions,
  ) {
    this.operations = new LifecycleOperations(ctx, api, options, (service) => this.serviceNamespace.get(service));
  }

  submit(intent: Intent): void {
    switch (intent.kind) {
      case 'service-declared':
        return this.declare(intent);
      case 'service-scaled': {
        const replicas = intent.replicas;
        return this.patchDeployment(intent.service, 'deployment-scale', (d) => ({ ...d, spec: { ...d.spec, replicas } }));
      }
      case 'service-rollout': {
        const { version, resources, pod } = intent;
        return this.patchDeployment(intent.service, 'deployment-rollout', (d) => ({
          ...d,
          spec: { ...d.spec, template: { ...d.spec.template, version, ...(resources ? { requests: resources, pod } : {}) } },
        }));
      }
      case 'job-submitted':
        return this.submitJob(intent);
      case 'config-changed':
        return this.operations.configChanged(intent);
      case 'service-restart':
        return this.operations.restart(intent);
      case 'run-once-per-node':
        this.ensureNamespace(intent.tenant);
        return this.operations.runOncePerNode(intent);
    }
  }

  private ensureNamespace(ns: string): void {
    if (this.namespaces.has(ns)) return;
    this.namespaces.add(ns);
    const obj: Namespace = { kind: 'Namespace', meta: meta(this.ctx, ns, '') };
    this.api.request(CLIENT, 'namespace-create', { verb: 'create', obj });
  }

  private declare(intent: ServiceDeclared): void {
    const s = intent.service;
    this.ensureNamespace(s.tenant);
    this.serviceNamespace.set(s.name, s.tenant);
    const config = s.lifecycle?.config;
    if (config) this.operations.ensureConfigMap(s.tenant, config.name, config.version);
    const minReadySeconds = this.options.deployment.minReadySeconds;
    const d: Deployment = {
      kind: 'Deployment',
      meta: meta(this.ctx, s.name, s.tenant),
      spec: {
        replicas: s.replicas,
        template: {
          version: s.version,
          requests: s.resources,
          pod: s.pod,
          priority: s.priority,
          constraints: s.constraints,
          ...templateLifecycle(s, this.options),
        },
        maxSurge: s.maxSurge ?? this.options.deployment.maxSurge,
        maxUnavailable: s.maxUnavailable ?? this.options.deployment.maxUnavailable,
        revisionHistoryLimit: this.options.deployment.revisionHistoryLimit,
        ...(minReadySeconds > 0 ? { minReadySeconds } : {}),
      },
      status: { replicas: 0, updatedReplicas: 0, availableReplicas: 0 },
    };
    this.api.request(CLIENT, 'deployment-create', { verb: 'create', obj: d });
  }

  private patchDeployment(service: string, label: string, change: (d: Deployment) => Deployment): void {
    const ns = this.serviceNamespace.get(service);
    if (ns === undefined) return;
    this.api.request(CLIENT, label, {
      verb: 'patch',
      kind: 'Deployment',
      key: `${ns}/${service}`,
      mutate: (cur) => (cur.kind === 'Deployment' ? change(cur) : cur),
    });
  }

  private submitJob(intent: JobSubmitted): void {
    const j = intent.job;
    const tasks = new BatchTasks(j);
    this.ensureNamespace(j.tenant);
    const job: Job = {
      kind: 'Job',
      meta: meta(this.ctx, j.name, j.tenant),
      spec: {
        workload: j.workload,
        tenant: j.tenant,
        parallelism: j.parallelism ?? tasks.count,
        completions: tasks.count,
        backoffLimit: this.options.job.backoffLimit,
        priority: j.priority,
        constraints: j.constraints,
        // The Job object lists its pods' templates (as the API object's indexed completions would), so the count form is made here.
        tasks: Array.from(tasks, (t) => ({ index: t.index, key: t.key, requests: t.resources, pod: t.pod, runFor: t.runFor, firstAttempt: t.firstAttempt })),
        sync: j.sync,
      },
      status: { active: 0, succeeded: 0, failed: 0 },
    };
    this.api.request(CLIENT, 'job-create', { verb: 'create', obj: job });
  }
}
