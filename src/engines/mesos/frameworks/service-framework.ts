import { type ConfigVersionRef } from '../../../cluster/app-behaviour.js';
import { NO_RESOURCES, type Resources, addResources, scaleResources } from '../../../cluster/resources.js';
import { type TimerHandle } from '../../../sim/event-queue.js';
import { type SimDuration, type SimTime } from '../../../sim/time.js';
import { type ServiceTemplate } from '../../../intents/index.js';
import { type ServiceFrameworkOptions } from '../options.js';
import { frameworkEndpoint, type MesosTask, type Offer, type TaskStatus } from '../types.js';
import { type AppDirectory } from './app-directory.js';
import { LaunchBackoff } from './backoff.js';
import { InstanceBeliefs } from './instance-beliefs.js';
import { type App, bounds, hasChecks, hasLifecycle, type Instance, instanceCounts } from './marathon-app.js';
import { OfferPool } from './offer-pool.js';
import { rolloutStep } from './rollout.js';
import { type Decision, FrameworkScheduler, type SchedulerDeps } from './scheduler.js';

/**
 * A Marathon-like service framework: keeps N instances of each app running; PARTITION_AWARE, so a
 * TASK_UNREACHABLE instance is replaced at once (unreachableStrategy 0/0); launch backoff per app;
 * declines unwanted offers for 120 s; suppresses when idle and revives at most every 5 s; at most 5
 * instances per offer; launch tokens (100 per 30 s, +1 per TASK_RUNNING); rolling restart on a new
 * version (the template's maxSurge/maxUnavailable; Marathon's own default is 100%/0%).
 *
 * The application lifecycle: an app whose service declares readiness gets a health check (run on the
 * agent, results in status updates) and a readiness check (polled by Marathon); an instance counts as
 * available, for the rolling restart and for the end of a deployment, only once healthy and ready. A
 * failed instance is never restarted in place: it is replaced by a new task after the launch backoff.
 * An app deploys only when the apps it depends on are deployed (AppDirectory). A restart and a config
 * change are each a new app version, hence a rolling restart under the upgrade strategy.
 */
export class ServiceFramework extends FrameworkScheduler {
  private readonly apps = new Map<string, App>();
  private readonly svc: ServiceFrameworkOptions;
  private tokens: number;
  private tokensAt: SimTime;
  private tokenTimer: TimerHandle | undefined;
  private readonly beliefs: InstanceBeliefs;

  constructor(
    deps: SchedulerDeps,
    svc: ServiceFrameworkOptions,
    /** Marathon's books across apps: deployments, dependencies, operations. */
    private readonly directory?: AppDirectory,
  ) {
    super(deps);
    this.svc = svc;
    this.tokens = svc.launchTokens;
    this.tokensAt = deps.ctx.now();
    this.beliefs = new InstanceBeliefs(deps.ctx, frameworkEndpoint(deps.name), svc.readinessCheck.interval, (app) => {
      this.sync(app);
      this.afterChange();
    });
    directory?.onDeployed((service) => this.dependencyDeployed(service));
  }

  /** A service was declared (or re-declared). */
  declare(template: ServiceTemplate): void {
    const existing = this.apps.get(template.name);
    if (existing !== undefined) {
      existing.template = template;
      existing.desired = template.replicas;
      if (existing.version !== template.version) this.newVersion(existing, template.version, template.resources);
      this.deploymentStarted(existing);
    } else {
      const config = template.lifecycle?.config;
      this.directory?.noteDependencies(template.lifecycle?.dependsOn ?? []);
      this.apps.set(template.name, {
        template,
        desired: template.replicas,
        version: template.version,
        revision: 1,
        config: config && { name: config.name, version: config.version },
        deploying: false,
        resources: template.resources,
        instances: new Map(),
        backoff: new LaunchBackoff(this.svc.backoff),
        backoffTimer: undefined,
        seq: 0,
        pendingReason: '',
        wanted: 0,
      });
      this.deploymentStarted(this.apps.get(template.name) as App);
    }
    this.sync(this.apps.get(template.name) as App);
  }

  scale(name: string, replicas: number): void {
    const app = this.apps.get(name);
    if (app === undefined) return;
    app.desired = replicas;
    this.deploymentStarted(app);
    this.sync(app);
  }

  rollout(name: string, version: string, resources: Resources | undefined): void {
    const app = this.apps.get(name);
    if (app === undefined || app.version === version) return;
    this.newVersion(app, version, resources ?? app.resources);
    this.deploymentStarted(app);
    this.sync(app);
  }

  /**
   * Marathon's restart call (`POST /v2/apps/{id}/restart`): a new app version with the same
   * definition, deployed as a rolling restart under the upgrade strategy. False for an unknown app.
   */
  restart(name: string): boolean {
    const app = this.apps.get(name);
    if (app === undefined) return false;
    this.newRevision(app);
    this.sync(app);
    return true;
  }

  /**
   * The app's config changed (an env var or a fetched file of its definition): a new app version,
   * hence a rolling restart; new instances start with `config`. False for an unknown app.
   */
  configChanged(name: string, config: ConfigVersionRef): boolean {
    const app = this.apps.get(name);
    if (app === undefined) return false;
    app.config = config;
    this.newRevision(app);
    this.sync(app);
    return true;
  }

  /** The framework process dies: its readiness polls stop with it. */
  override crash(downFor: SimDuration): void {
    this.beliefs.stopAll();
    super.crash(downFor);
  }

  protected hasWork(): boolean {
    const now = this.ctx.now();
    if (this.availableTokens() <= 0) return false;
    for (const app of this.apps.values()) if (this.toLaunch(app) > 0 && app.backoff.ready(now)) return true;
    return false;
  }

  protected override demand(): Resources | undefined {
    let d = NO_RESOURCES;
    for (const app of this.apps.values()) d = addResources(d, scaleResources(app.resources, this.toLaunch(app)));
    return d;
  }

  protected decide(offers: readonly Offer[]): Decision {
    const pool = new OfferPool(offers, this.svc.maxInstancesPerOffer);
    const now = this.ctx.now();
    let think = 0;
    for (const app of this.apps.values()) {
      if (!pool.hasFree()) break;
      const n = this.toLaunch(app);
      if (n === 0) continue;
      if (!app.backoff.ready(now)) {
        this.pending(app, 'launch backoff');
        continue;
      }
      // Marathon matches instance by instance and stops at the first that finds no room, so the
      // per-task term counts the instances it examined (at most max_instances_per_offer per offer),
      // not every instance still to launch.
      let examined = 0;
      for (let i = 0; i < n; i++) {
        if (this.availableTokens() <= 0) {
          this.pending(app, 'no launch tokens');
          this.waitForTokens();
          break;
        }
        examined++;
        const r = pool.place(app.resources, app.template.constraints, () => this.build(app));
        if (r.kind === 'unplaced') {
          this.pending(app, r.why === 'constraints' ? 'no offer matches constraints' : 'no offer fits');
          break;
        }
        this.tokens--;
      }
      think += this.thinkFor(examined);
    }
    return { launches: pool.launches(), think: think as SimDuration };
  }

  protected onTaskStatus(s: TaskStatus): void {
    const app = this.apps.get(s.task.workload);
    const inst = app?.instances.get(s.taskId);
    if (app === undefined || inst === undefined) {
      // An instance Marathon already expunged came back (partition healed): kill it.
      if (s.state === 'TASK_RUNNING' || s.state === 'TASK_STAGING') this.killTask(s.taskId);
      return;
    }
    switch (s.state) {
      case 'TASK_STAGING':
        return;
      case 'TASK_RUNNING':
        if (inst.state === 'killing') this.killTask(inst.id);
        else {
          if (s.healthy !== undefined) inst.healthy = s.healthy;
          // A health result rides on a TASK_RUNNING too: only the plain one is the launch's (a token).
          else this.tokens++;
          if (inst.state !== 'running') this.beliefs.nowRunning(app, inst, s.agent);
          this.beliefs.refresh(app, inst);
        }
        break;
      case 'TASK_FINISHED':
      case 'TASK_FAILED':
        this.beliefs.forget(app, inst);
        if (inst.state !== 'killing') {
          app.backoff.failed(this.ctx.now());
          this.armBackoff(app);
        }
        break;
      case 'TASK_KILLED':
        this.beliefs.forget(app, inst);
        // Killed by its executor for failing too many health checks: a failure, with backoff (app.raml).
        if (s.healthy === false && inst.state !== 'killing') {
          app.backoff.failed(this.ctx.now());
          this.armBackoff(app);
        }
        break;
      default:
        // LOST, UNREACHABLE, GONE, DROPPED: forget it and replace at once.
        this.beliefs.forget(app, inst);
    }
    this.sync(app);
  }

  protected onReconciled(live: readonly TaskStatus[]): void {
    const known = new Map(live.map((s) => [s.taskId, s]));
    for (const app of this.apps.values()) {
      for (const inst of [...app.instances.values()]) {
        const s = known.get(inst.id);
        if (s === undefined || s.state === 'TASK_UNREACHABLE' || s.state === 'TASK_LOST') this.beliefs.forget(app, inst);
        else if (s.state === 'TASK_RUNNING' && inst.state !== 'killing') {
          inst.state = 'running';
          inst.agent = s.agent;
          // The restarted scheduler polls readiness again where it had no answer yet.
          if (hasChecks(app) && !inst.readyChecked) this.beliefs.pollReadiness(app, inst);
        }
      }
    }
    for (const app of this.apps.values()) this.sync(app, true);
  }

  /**
   * Level-triggered reconcile of one app: kill what is surplus, and ask for offers when short. Like
   * Marathon's revive logic, it revives only when more instances are wanted than at the last sync
   * (or when `force`d by an expired backoff or fresh launch tokens), not on every status update.
   */
  private sync(app: App, force = false): void {
    if (!this.up) return;
    const alive = [...app.instances.values()].filter((i) => i.state !== 'killing');
    const fresh = alive.filter((i) => i.revision === app.revision);
    const old = alive.filter((i) => i.revision !== app.revision);
    const available = hasLifecycle(app) ? (i: Instance): boolean => i.believed : (i: Instance): boolean => i.state === 'running';
    const held = this.waitsForDependencies(app);
    const rolling = rolloutStep(
      {
        desired: app.desired,
        newAlive: fresh.length,
        newRunning: fresh.filter(available).length,
        oldAlive: old.length,
        oldRunning: old.filter(available).length,
      },
      bounds(app),
    );
    // A deployment waiting for its dependencies has not begun: it launches and replaces nothing yet.
    const step = held ? { launch: 0, killOld: 0, killNew: rolling.killNew } : rolling;
    const notRunningFirst = (xs: Instance[]): Instance[] => [...xs.filter((i) => !available(i)), ...xs.filter(available).reverse()];
    for (const i of notRunningFirst(old).slice(0, step.killOld)) this.kill(i);
    for (const i of notRunningFirst(fresh).slice(0, step.killNew)) this.kill(i);
    // Done when the new version's instances are all available and every other one is gone (its kill confirmed).
    if (app.deploying && !held && fresh.length === app.desired && fresh.length === app.instances.size && fresh.every(available)) {
      app.deploying = false;
      this.directory?.finished(app.template.name);
    }
    const grew = step.launch > app.wanted;
    app.wanted = step.launch;
    if (held) this.pending(app, 'waiting for dependencies');
    else if (step.launch === 0) app.pendingReason = '';
    else {
      const ready = app.backoff.ready(this.ctx.now());
      this.pending(app, ready ? 'waiting for offers' : 'launch backoff');
      if (ready && (grew || force)) this.needOffers();
    }
  }

  private kill(i: Instance): void {
    i.state = 'killing';
    this.killTask(i.id);
  }

  private toLaunch(app: App): number {
    return this.waitsForDependencies(app) ? 0 : rolloutStep(instanceCounts(app), bounds(app)).launch;
  }

  private build(app: App): MesosTask {
    const id = `${app.template.name}.${++app.seq}`;
    app.instances.set(id, { id, revision: app.revision, state: 'launching', agent: undefined, healthy: undefined, readyChecked: false, believed: false });
    this.ctx.after(this.svc.launchTimeout, () => {
      const inst = app.instances.get(id);
      if (!this.up || inst === undefined || inst.state === 'running' || inst.state === 'killing') return;
      // task_launch_timeout: give up on the instance and replace it.
      this.beliefs.forget(app, inst);
      this.killTask(id);
      this.sync(app);
    });
    return {
      id,
      workload: app.template.name,
      tenant: app.template.tenant,
      version: app.version,
      priority: app.template.priority,
      resources: app.resources,
      ...(app.config !== undefined ? { config: app.config } : {}),
      ...(hasChecks(app) ? { healthCheck: this.svc.healthCheck } : {}),
    };
  }

  private newVersion(app: App, version: string, resources: Resources): void {
    app.version = version;
    app.resources = resources;
    app.revision++;
    app.backoff.reset();
  }

  /** The same definition as a new app version (a restart, a config change): every instance is replaced. */
  private newRevision(app: App): void {
    app.revision++;
    app.backoff.reset();
    this.deploymentStarted(app);
  }

  private deploymentStarted(app: App): void {
    app.deploying = true;
    this.directory?.started(app.template.name);
  }

  /** A deployment of the app waits while an app it depends on is not deployed (group dependencies). */
  private waitsForDependencies(app: App): boolean {
    const d = this.directory;
    if (!app.deploying || d === undefined) return false;
    return (app.template.lifecycle?.dependsOn ?? []).some((dep) => !d.isDeployed(dep));
  }

  /** Another app finished deploying: apps of ours that depend on it may go on. */
  private dependencyDeployed(service: string): void {
    for (const app of this.apps.values()) if (app.template.lifecycle?.dependsOn.includes(service)) this.sync(app, true);
  }

  private armBackoff(app: App): void {
    if (app.backoffTimer !== undefined) this.ctx.cancel(app.backoffTimer);
    const wait = app.backoff.nextLaunchAt - this.ctx.now();
    app.backoffTimer = this.ctx.after(Math.max(0, wait) as SimDuration, () => {
      app.backoffTimer = undefined;
      this.sync(app, true);
    });
  }

  private availableTokens(): number {
    const now = this.ctx.now();
    const refresh = this.svc.launchTokenRefresh;
    if (now - this.tokensAt >= refresh) {
      this.tokens = this.svc.launchTokens;
      this.tokensAt = (this.tokensAt + Math.floor((now - this.tokensAt) / refresh) * refresh) as SimTime;
    }
    return this.tokens;
  }

  private waitForTokens(): void {
    if (this.tokenTimer !== undefined) return;
    const at = this.tokensAt + this.svc.launchTokenRefresh - this.ctx.now();
    this.tokenTimer = this.ctx.after(Math.max(0, at) as SimDuration, () => {
      this.tokenTimer = undefined;
      for (const app of this.apps.values()) this.sync(app, true);
    });
  }

  private pending(app: App, reason: string): void {
    if (app.pendingReason === reason) return;
    app.pendingReason = reason;
    this.ctx.emit({ kind: 'task-pending', time: this.ctx.now(), workload: app.template.name, reason });
  }
}
