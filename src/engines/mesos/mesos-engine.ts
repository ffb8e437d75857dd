import { type SimDuration, type SimTime } from '../../sim/time.js';
import { type ConfigChanged, type Fault, type Intent, type ServiceRestart } from '../../intents/index.js';
import { type Engine, type EngineBounds, type EngineContext, type EngineExtension, type EngineFactory } from '../engine.js';
import { createEngineOrPaperModel, DnsPollDiscovery, engineBounds, worstHops } from '../kit/index.js';
import { MesosAgent } from './agents/agent.js';
import { checkMesosFramework, type MesosFramework, UserFramework } from './extension/index.js';
import { AppDirectory } from './frameworks/app-directory.js';
import { BatchFramework } from './frameworks/batch-framework.js';
import { PerAgentFramework } from './frameworks/per-agent-framework.js';
import { type SchedulerDeps } from './frameworks/scheduler.js';
import { ServiceFramework } from './frameworks/service-framework.js';
import { MesosMaster } from './master/master.js';
import { type MesosOptions, parseMesosOptions, type ThinkTime } from './options.js';
import { frameworkEndpoint, MASTER } from './types.js';

type Framework = ServiceFramework | BatchFramework | PerAgentFramework | UserFramework;
type FrameworkKind = 'service' | 'batch' | 'one-off';

/** The name prefix of each kind's default framework (`<prefix>-<tenant>`). */
const PREFIX: Readonly<Record<FrameworkKind, string>> = { service: 'marathon', batch: 'batch', 'one-off': 'one-off' };

/** Component names of a scheduler-crash fault that mean "the service (or batch) framework". */
const SERVICE_ALIASES = new Set(['service', 'marathon', 'service-framework']);
const BATCH_ALIASES = new Set(['batch', 'spark', 'chronos', 'batch-framework']);

/**
 * The Mesos engine: one master (hierarchical DRF allocator), one agent per node, and framework
 * schedulers created on first use. Each tenant is a role; its Services run in one Marathon-like
 * framework `marathon-<tenant>` and its BatchJobs in one batch framework `batch-<tenant>`, unless
 * `engines.mesos.frameworks` names frameworks for workloads explicitly.
 */
class MesosEngine implements Engine {
  private readonly master: MesosMaster;
  private readonly frameworks = new Map<string, Framework>();
  private readonly serviceOwner = new Map<string, ServiceFramework>();
  /** Workloads a user framework runs (`spec.extensions[i].workloads`): their intents go to it. */
  private readonly userOwner = new Map<string, UserFramework>();
  /** Service discovery of apps that take requests: Mesos-DNS polling the master's state. */
  private readonly discovery: DnsPollDiscovery;
  private readonly directory: AppDirectory;

  constructor(
    private readonly ctx: EngineContext,
    private readonly options: MesosOptions,
  ) {
    this.master = new MesosMaster(ctx, options);
    this.discovery = new DnsPollDiscovery(ctx, MASTER, () => this.master.runningTasks(), options.mesosDnsRefresh);
    this.directory = new AppDirectory(ctx);
  }

  start(): void {
    this.master.start();
    for (const node of this.ctx.cluster.nodes) {
      const agent = new MesosAgent(this.ctx, this.options, node, this.master);
      this.master.attachAgent(agent);
      agent.start();
    }
    for (const ext of this.ctx.extensions ?? []) this.startUserFramework(ext);
  }

  submit(intent: Intent): void {
    const owner = workloadOf(intent);
    const user = owner === undefined ? undefined : this.userOwner.get(owner);
    if (user !== undefined) {
      user.intent(intent);
      return;
    }
    switch (intent.kind) {
      case 'service-declared': {
        const fw = this.frameworkFor('service', intent.service.tenant, intent.service.name) as ServiceFramework;
        this.serviceOwner.set(intent.service.name, fw);
        fw.declare(intent.service);
        if (intent.service.endpoints) this.discovery.declare(intent.service.name);
        return;
      }
      case 'service-scaled':
        this.serviceOwner.get(intent.service)?.scale(intent.service, intent.replicas);
        return;
      case 'service-rollout':
        this.serviceOwner.get(intent.service)?.rollout(intent.service, intent.version, intent.resources);
        return;
      case 'job-submitted':
        (this.frameworkFor('batch', intent.job.tenant, intent.job.workload) as BatchFramework).submit(intent.job);
        return;
      case 'config-changed':
      case 'service-restart':
        return this.deploy(intent);
      case 'run-once-per-node':
        (this.frameworkFor('one-off', intent.tenant, intent.operation) as PerAgentFramework).run(intent);
        return;
    }
  }

  /**
   * A restart (`POST /v2/apps/{id}/restart`) or a config change (`PUT /v2/apps/{id}` with the new
   * env or file): Marathon stores the new app versions and the deployment plan in ZooKeeper (one store
   * write), answers with the deployment id (`accepted`), and deploys them as rolling restarts.
   */
  private deploy(intent: ServiceRestart | ConfigChanged): void {
    const services = intent.kind === 'service-restart' ? [intent.service] : intent.services.map((s) => s.service);
    const owned = services.filter((s) => this.serviceOwner.has(s));
    const first = owned[0];
    const from = frameworkEndpoint(first === undefined ? 'marathon' : (this.serviceOwner.get(first) as ServiceFramework).name);
    this.ctx.net.send('storeWrite', from, '@zookeeper', 'deployment-plan', () => {
      const changed = owned.filter((s) => {
        const fw = this.serviceOwner.get(s) as ServiceFramework;
        return intent.kind === 'service-restart' ? fw.restart(s) : fw.configChanged(s, { name: intent.config, version: intent.version });
      });
      this.directory.accepted(intent.operation, changed);
    });
  }

  controlPlaneFault(fault: Extract<Fault, { kind: 'scheduler-crash' }>): void {
    const c = fault.component;
    const hit = [...this.frameworks.entries()].filter(([name, fw]) => {
      if (name === c) return true;
      const tenantOk = fault.tenant === undefined || this.roleOf(name) === fault.tenant;
      if (c === '*' || c === 'all') return tenantOk;
      if (SERVICE_ALIASES.has(c)) return tenantOk && fw instanceof ServiceFramework;
      if (BATCH_ALIASES.has(c)) return tenantOk && fw instanceof BatchFramework;
      return false;
    });
    if (hit.length === 0) this.ctx.emit({ kind: 'counter', time: this.ctx.now(), name: 'scheduler-crash-ignored', by: 1 });
    for (const [, fw] of hit) fw.crash(fault.downFor);
  }

  /** Reports the agent pings counted instead of sent, up to `end`. */
  finish(end: SimTime): void {
    this.master.finish(end);
  }

  bounds(): EngineBounds {
    const o = this.options;
    const l = this.ctx.latency;
    const hops = worstHops(l, 'rpc', 8);
    const think = this.maxThink(100);
    const offerRounds = 2 * o.allocationInterval + 2 * o.refuseSeconds + o.service.minReviveInterval;
    const placementWithin = o.registrationBackoff + offerRounds + think + hops + l.upper('taskStart') + 1_000_000;
    const detect = o.agentPingTimeout * (o.maxAgentPingTimeouts + 1) + l.upper('storeWrite') + l.upper('heartbeat');
    return engineBounds(placementWithin, detect + offerRounds + think + hops + l.upper('taskStart') + 1_000_000);
  }

  private frameworkFor(kind: FrameworkKind, tenant: string, workload: string): Framework {
    const explicit = this.options.frameworks.find((f) => f.kind === kind && f.workloads.includes(workload));
    const name = explicit?.name ?? `${PREFIX[kind]}-${tenant}`;
    const role = explicit?.role ?? tenant;
    let fw = this.frameworks.get(name);
    if (fw === undefined) {
      const kindOptions = kind === 'service' ? this.options.service : this.options.batch;
      const deps: SchedulerDeps = {
        ctx: this.ctx,
        master: this.master,
        options: this.options,
        kind: kindOptions,
        think: this.thinkTime(name, role, kind === 'service' ? 'service' : 'batch'),
        name,
        role,
        minReviveInterval: kind === 'service' ? this.options.service.minReviveInterval : (0 as SimDuration),
      };
      fw =
        kind === 'service'
          ? new ServiceFramework(deps, this.options.service, this.directory)
          : kind === 'batch'
            ? new BatchFramework(deps, this.options.batch)
            : new PerAgentFramework(deps);
      this.frameworks.set(name, fw);
      this.roles.set(name, role);
      fw.subscribe();
    }
    return fw;
  }

  private readonly roles = new Map<string, string>();

  /**
   * Subscribes a user framework (`spec.extensions[i].framework`) at time 0 under its role, with the
   * service kind's settings (failover timeout, partition awareness, decline filter) and think time,
   * and no revive throttle (Mesos has none; Marathon's 5 s is Marathon's own).
   */
  private startUserFramework(ext: EngineExtension): void {
    const user = ext.module as MesosFramework;
    const role = ext.role ?? this.ctx.tenants[0]?.name ?? 'default';
    if (this.frameworks.has(user.name)) throw new Error(`${ext.scenarioFile}: ${ext.path}: a framework named "${user.name}" is already subscribed`);
    const deps: SchedulerDeps = {
      ctx: this.ctx,
      master: this.master,
      options: this.options,
      kind: this.options.service,
      think: this.thinkTime(user.name, role, 'service'),
      name: user.name,
      role,
      minReviveInterval: 0 as SimDuration,
    };
    const fw = new UserFramework(deps, user, ext);
    this.frameworks.set(user.name, fw);
    this.roles.set(user.name, role);
    for (const w of ext.workloads ?? []) this.userOwner.set(w, fw);
    fw.subscribe();
  }

  private roleOf(framework: string): string | undefined {
    return this.roles.get(framework);
  }

  /** Framework name beats tenant, which beats the kind's setting, which beats the engine-wide one. */
  private thinkTime(name: string, role: string, kind: 'service' | 'batch'): ThinkTime {
    const o = this.options;
    return { ...o.thinkTime, ...(kind === 'service' ? o.service.thinkTime : o.batch.thinkTime), ...o.thinkTimes[role], ...o.thinkTimes[name] };
  }

  private maxThink(tasks: number): number {
    const o = this.options;
    const all = [
      o.thinkTime,
      { ...o.thinkTime, ...o.service.thinkTime },
      { ...o.thinkTime, ...o.batch.thinkTime },
      ...Object.values(o.thinkTimes).map((t) => ({ ...o.thinkTime, ...t })),
    ];
    return Math.max(...all.map((t) => t.tJob + t.tTask * tasks));
  }
}

/** The Mesos engine factory (registered as `mesos`). */
export const mesosEngine: EngineFactory<MesosOptions> = {
  name: 'mesos',
  description: 'Apache Mesos two-level scheduling: hierarchical DRF resource offers to Marathon-like and Spark-like framework schedulers',
  parseOptions: parseMesosOptions,
  extensions: { field: 'framework', check: checkMesosFramework },
  // `model: omega-paper`: the Omega paper simulator's Mesos model runs the whole trial (kit/omega-paper).
  create: (ctx, options) => createEngineOrPaperModel(ctx, 'mesos', options, () => new MesosEngine(ctx, options)),
};

/**
 * The workload an intent is about, for routing to a user framework; undefined for the lifecycle
 * operations (config change, restart, run-once-per-node), which only the built-in frameworks express.
 */
function workloadOf(intent: Intent): string | undefined {
  switch (intent.kind) {
    case 'service-declared':
      return intent.service.name;
    case 'service-scaled':
    case 'service-rollout':
      return intent.service;
    case 'job-submitted':
      return intent.job.workload;
    case 'config-changed':
    case 'service-restart':
    case 'run-once-per-node':
      return undefined;
  }
}
