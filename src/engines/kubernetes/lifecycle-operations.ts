import { NO_CONSTRAINTS } from '../../cluster/constraints.js';
import { type EngineContext } from '../engine.js';
import { type ConfigChanged, type RunOncePerNode, type ServiceRestart } from '../../intents/index.js';
import { CONFIG_CHECKSUM, checksumOf, RESTARTED_AT, restartedAtValue } from './lifecycle-template.js';
import { type ConfigMap, type Deployment, type Job } from './objects.js';
import { OperationWatch } from './operation-watch.js';
import { type KubernetesOptions } from './options.js';
import { type ApiServer } from './store/api-server.js';

const CLIENT = '@client';

/**
 * The lifecycle operations as a user performs them with kubectl, against the objects the workload
 * mapping made:
 * - a config change is an update of the ConfigMap in every namespace that has it (`kubectl apply`),
 *   plus, for services using it `hashed`, a new `checksum/config` in their template (a rollout);
 *   volume and env users get nothing else: the kubelet's sync brings the file, env waits for a restart;
 * - `restart` is `kubectl rollout restart`: the template's `restartedAt` annotation, hence a rollout
 *   with the Deployment's maxSurge and maxUnavailable;
 * - `run-once-per-node` is one Job per node the user sees Ready (`kubectl get nodes`), pinned to it by
 *   node name (the `kubernetes.io/hostname` affinity idiom; a DaemonSet cannot run a pod to completion:
 *   its pods must have restartPolicy Always, so they would run again and never be "done").
 * Each is `accepted` when its writes are answered (`reply`) and `finished` when the client's watch of
 * rollout or Job status shows it complete (OperationWatch); a config change that starts no rollout is
 * never reported finished: nothing in the API says when a volume or an env var has the new version.
 */
export class LifecycleOperations {
  private readonly configMaps = new Map<string, Set<string>>();
  private readonly watch: OperationWatch;

  constructor(
    private readonly ctx: EngineContext,
    private readonly api: ApiServer,
    private readonly options: KubernetesOptions,
    /** The namespace of a declared service (undefined: not declared yet). */
    private readonly namespaceOf: (service: string) => string | undefined,
  ) {
    this.watch = new OperationWatch(ctx, api);
  }

  /** A service using `config` is declared in `namespace`: the ConfigMap exists there from now on (created once). */
  ensureConfigMap(namespace: string, config: string, version: number): void {
    const namespaces = this.configMaps.get(config) ?? new Set<string>();
    this.configMaps.set(config, namespaces);
    if (namespaces.has(namespace)) return;
    namespaces.add(namespace);
    const obj: ConfigMap = {
      kind: 'ConfigMap',
      meta: { name: config, namespace, uid: '', resourceVersion: 0, creationTimestamp: this.ctx.now(), labels: {} },
      data: { version },
    };
    this.api.request(CLIENT, 'configmap-create', { verb: 'create', obj });
  }

  configChanged(intent: ConfigChanged): void {
    const writes: ((done: () => void) => void)[] = [];
    for (const ns of this.configMaps.get(intent.config) ?? []) {
      writes.push((done) =>
        this.api.request(
          CLIENT,
          'configmap-update',
          {
            verb: 'patch',
            kind: 'ConfigMap',
            key: `${ns}/${intent.config}`,
            mutate: (cur) => (cur.kind === 'ConfigMap' ? { ...cur, data: { version: Math.max(cur.data.version, intent.version) } } : cur),
          },
          done,
        ),
      );
    }
    const value = checksumOf(intent.version);
    const rollouts = intent.services.filter((s) => s.use === 'hashed').flatMap((s) => this.annotate(s.service, CONFIG_CHECKSUM, value, writes));
    this.perform(intent.operation, writes, rollouts, []);
  }

  restart(intent: ServiceRestart): void {
    const writes: ((done: () => void) => void)[] = [];
    const rollouts = this.annotate(intent.service, RESTARTED_AT, restartedAtValue(intent.time), writes);
    this.perform(intent.operation, writes, rollouts, []);
  }

  runOncePerNode(intent: RunOncePerNode): void {
    const ready = new Set(this.api.all('Node').flatMap((n) => (n.status.ready === 'True' && !n.spec.unschedulable ? [n.meta.name] : [])));
    const writes: ((done: () => void) => void)[] = [];
    const jobs: string[] = [];
    for (const t of intent.tasks) {
      if (!ready.has(t.node)) continue;
      const job = this.nodeJob(intent, t);
      jobs.push(`${job.meta.namespace}/${job.meta.name}`);
      writes.push((done) => this.api.request(CLIENT, 'job-create', { verb: 'create', obj: job }, done));
    }
    this.perform(intent.operation, writes, [], jobs);
  }

  /** Patches a template annotation of the service's Deployment; the rollout to wait for. */
  private annotate(service: string, annotation: string, value: string, writes: ((done: () => void) => void)[]) {
    const ns = this.namespaceOf(service);
    if (ns === undefined) return [];
    const key = `${ns}/${service}`;
    writes.push((done) =>
      this.api.request(
        CLIENT,
        'deployment-annotate',
        {
          verb: 'patch',
          kind: 'Deployment',
          key,
          mutate: (cur) => (cur.kind === 'Deployment' ? withTemplateAnnotation(cur, annotation, value) : cur),
        },
        done,
      ),
    );
    return [{ deployment: key, annotation, value }];
  }

  /** Sends the writes; `accepted` when all are answered, then waits for the rollouts and Jobs. */
  private perform(
    operation: string,
    writes: readonly ((done: () => void) => void)[],
    rollouts: readonly { deployment: string; annotation: string; value: string }[],
    jobs: readonly string[],
  ): void {
    let left = writes.length;
    const answered = (): void => {
      if (--left > 0) return;
      this.ctx.emit({ kind: 'operation', time: this.ctx.now(), operation, phase: 'accepted', via: 'reply' });
      if (rollouts.length > 0 || jobs.length > 0) this.watch.watch(operation, rollouts, jobs);
    };
    if (writes.length === 0) {
      left = 1;
      answered();
    }
    for (const w of writes) w(answered);
  }

  private nodeJob(intent: RunOncePerNode, t: RunOncePerNode['tasks'][number]): Job {
    return {
      kind: 'Job',
      meta: {
        name: `${intent.operation}-${t.node}`.toLowerCase(),
        namespace: intent.tenant,
        uid: '',
        resourceVersion: 0,
        creationTimestamp: this.ctx.now(),
        labels: {},
      },
      spec: {
        workload: intent.operation,
        tenant: intent.tenant,
        parallelism: 1,
        completions: 1,
        backoffLimit: this.options.job.backoffLimit,
        priority: intent.priority,
        constraints: { ...NO_CONSTRAINTS, nodeName: t.node },
        tasks: [{ index: 0, key: t.key, requests: intent.resources, pod: intent.pod, runFor: t.runFor, firstAttempt: 'finished' }],
        sync: false,
      },
      status: { active: 0, succeeded: 0, failed: 0 },
    };
  }
}

/** The Deployment with one more (or a changed) pod template annotation. */
function withTemplateAnnotation(d: Deployment, annotation: string, value: string): Deployment {
  const template = { ...d.spec.template, annotations: { ...(d.spec.template.annotations ?? {}), [annotation]: value } };
  return { ...d, spec: { ...d.spec, template } };
}
