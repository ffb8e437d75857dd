import { type ConfigVersionRef } from '../../cluster/app-behaviour.js';
import { type TaskLaunch } from '../../cluster/task.js';
import { type ConfigChanged, type RunOncePerNode, type ServiceRestart, type ServiceTemplate } from '../../intents/index.js';
import { type EngineContext } from '../engine.js';

/** What the oracle's lifecycle needs to know of one of its service instances. */
export interface LifecycleInstance {
  readonly task: TaskLaunch;
  readonly node: string;
}

/** A one-off task waiting for its node to have room (run-once-per-node). */
interface OneOff {
  readonly operation: string;
  readonly task: TaskLaunch;
  readonly node: string;
}

/** An operation the oracle has accepted and not yet seen done. */
type OpenOperation =
  | { readonly kind: 'config'; readonly operation: string; readonly services: readonly string[] }
  | { readonly kind: 'restart'; readonly operation: string; readonly service: string }
  | { readonly kind: 'run-once'; readonly operation: string; readonly tasks: Map<string, string> };

/**
 * The oracle's side of the application lifecycle: what an omniscient control plane with no decision
 * or message time does (the ideal every engine is compared with).
 * - Dependency order with no delay: a `crash` service starts replicas only once every service it
 *   depends on has a ready replica (the oracle learns readiness the instant it changes, from
 *   TaskListener.onReadiness); a `wait` service starts at once (its app waits inside and can't crash
 *   for it, so starting early only saves time).
 * - Config at once: a `volume` config is delivered into every running replica the instant it changes;
 *   for `env` and `hashed` a replica on an older version is out of date and is replaced as in a
 *   rollout, within the service's maxSurge / maxUnavailable (availability counted in ready replicas).
 * - `restart`: every replica is replaced once, the same way (a restart generation).
 * - `run-once-per-node`: one task launched straight onto every node that is up, as soon as it fits.
 * Each operation is `accepted` and `finished` with `via: 'reply'` (the oracle is its own client),
 * finished the instant the truth shows it done.
 */
export class OracleLifecycle {
  private readonly readyIds = new Map<string, Set<string>>();
  private readonly configVersion = new Map<string, number>();
  private readonly generation = new Map<string, number>();
  /** The restart generation each instance was started in. */
  private readonly generationOf = new Map<string, number>();
  private readonly oneOffs: OneOff[] = [];
  private readonly open: OpenOperation[] = [];

  constructor(
    private readonly ctx: EngineContext,
    private readonly reconcileSoon: () => void,
  ) {}

  /** A service was declared: its config version starts as declared. */
  declared(t: ServiceTemplate): void {
    const c = t.lifecycle?.config;
    if (c && c.version > (this.configVersion.get(c.name) ?? 0)) this.configVersion.set(c.name, c.version);
  }

  /** True when the service may start replicas now (dependency order). */
  mayStart(t: ServiceTemplate): boolean {
    const l = t.lifecycle;
    if (!l || l.onMissingDependency === 'wait') return true;
    return l.dependsOn.every((d) => (this.readyIds.get(d)?.size ?? 0) > 0);
  }

  /** The lifecycle fields of a new replica's launch: the config's current version. */
  launchFields(t: ServiceTemplate): { config?: ConfigVersionRef } {
    const c = t.lifecycle?.config;
    return c ? { config: { name: c.name, version: this.configVersion.get(c.name) ?? c.version } } : {};
  }

  /** A new replica of `t` was placed: it belongs to the service's current restart generation. */
  placed(t: ServiceTemplate, id: string): void {
    if (this.generation.has(t.name)) this.generationOf.set(id, this.generation.get(t.name) as number);
  }

  /** False for a replica the service must replace: on an old env/hashed config, or from before a restart. */
  isCurrent(t: ServiceTemplate, inst: LifecycleInstance): boolean {
    const gen = this.generation.get(t.name);
    if (gen !== undefined && (this.generationOf.get(inst.task.id) ?? 0) < gen) return false;
    const c = t.lifecycle?.config;
    if (!c || c.use === 'volume') return true;
    return (inst.task.config?.version ?? c.version) >= (this.configVersion.get(c.name) ?? c.version);
  }

  /** Counts a replica as available for a rollout step: running and, for an app, ready. */
  isAvailable(inst: LifecycleInstance): boolean {
    return this.ctx.cluster.agent(inst.node).probeReady(inst.task.id);
  }

  /** The app of an instance became ready or not (the ideal probe). */
  readiness(service: string, id: string, ready: boolean): void {
    let set = this.readyIds.get(service);
    if (!set) this.readyIds.set(service, (set = new Set()));
    if (ready) set.add(id);
    else set.delete(id);
    this.reconcileSoon();
  }

  /** An instance is gone: it is no longer ready. */
  forget(service: string, id: string): void {
    this.readyIds.get(service)?.delete(id);
    this.generationOf.delete(id);
  }

  /** A config changed: volume replicas get it now; the others are replaced by reconciliation. */
  configChanged(intent: ConfigChanged, instancesOf: (service: string) => Iterable<LifecycleInstance>): void {
    this.accept(intent.operation);
    this.configVersion.set(intent.config, intent.version);
    const config = { name: intent.config, version: intent.version };
    for (const s of intent.services) {
      if (s.use !== 'volume') continue;
      for (const inst of instancesOf(s.service)) this.ctx.cluster.agent(inst.node).deliverConfig(inst.task.id, config);
    }
    this.open.push({ kind: 'config', operation: intent.operation, services: intent.services.map((s) => s.service) });
  }

  /** Restart every replica of a service once: a new generation, rolled out by reconciliation. */
  restart(intent: ServiceRestart): void {
    this.accept(intent.operation);
    this.generation.set(intent.service, (this.generation.get(intent.service) ?? 0) + 1);
    this.open.push({ kind: 'restart', operation: intent.operation, service: intent.service });
  }

  /** One task on every node that is up, each launched as soon as it fits there. */
  runOnce(intent: RunOncePerNode, isUp: (node: string) => boolean): void {
    this.accept(intent.operation);
    const tasks = new Map<string, string>();
    for (const t of intent.tasks) {
      if (!isUp(t.node)) continue;
      tasks.set(t.key, t.node);
      const task: TaskLaunch = {
        id: t.key,
        workload: intent.operation,
        tenant: intent.tenant,
        taskKey: t.key,
        priority: intent.priority,
        resources: intent.resources,
        runFor: t.runFor,
        exitAs: 'finished',
      };
      this.oneOffs.push({ operation: intent.operation, task, node: t.node });
    }
    this.open.push({ kind: 'run-once', operation: intent.operation, tasks });
  }

  /**
   * Launches the one-off tasks whose node has room now (in the order they were asked for); `launch`
   * places one on its node and says whether it went. A task whose node died is dropped.
   */
  launchOneOffs(isUp: (node: string) => boolean, launch: (task: TaskLaunch, node: string, done: () => void) => boolean): void {
    for (let i = 0; i < this.oneOffs.length;) {
      const o = this.oneOffs[i] as OneOff;
      if (!isUp(o.node)) {
        this.oneOffs.splice(i, 1);
        this.oneOffDone(o.task.taskKey as string);
      } else if (launch(o.task, o.node, () => this.oneOffDone(o.task.taskKey as string))) this.oneOffs.splice(i, 1);
      else i++;
    }
  }

  /** Reports every open operation that is done now (`replicasOf` lists a service's instances). */
  finishDone(templates: ReadonlyMap<string, ServiceTemplate>, replicasOf: (service: string) => readonly LifecycleInstance[]): void {
    for (let i = 0; i < this.open.length;) {
      const op = this.open[i] as OpenOperation;
      if (this.isDone(op, templates, replicasOf)) {
        this.open.splice(i, 1);
        this.ctx.emit({ kind: 'operation', time: this.ctx.now(), operation: op.operation, phase: 'finished', via: 'reply' });
      } else i++;
    }
  }

  /** A node died: its one-off tasks are excused (they can't run there, and nowhere else is theirs). */
  nodeCrashed(node: string): void {
    for (const op of this.open) {
      if (op.kind !== 'run-once') continue;
      for (const [key, n] of op.tasks) if (n === node) op.tasks.delete(key);
    }
    this.reconcileSoon();
  }

  private oneOffDone(key: string): void {
    for (const op of this.open) if (op.kind === 'run-once') op.tasks.delete(key);
    this.reconcileSoon();
  }

  private isDone(op: OpenOperation, templates: ReadonlyMap<string, ServiceTemplate>, replicasOf: (service: string) => readonly LifecycleInstance[]): boolean {
    if (op.kind === 'run-once') return op.tasks.size === 0;
    const services = op.kind === 'config' ? op.services : [op.service];
    return services.every((name) => {
      const t = templates.get(name);
      if (!t) return true;
      const replicas = replicasOf(name);
      return replicas.length === t.replicas && replicas.every((inst) => this.isCurrent(t, inst) && this.isAvailable(inst));
    });
  }

  private accept(operation: string): void {
    this.ctx.emit({ kind: 'operation', time: this.ctx.now(), operation, phase: 'accepted', via: 'reply' });
  }
}
