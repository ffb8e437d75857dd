import { NO_RESOURCES, type Resources, addResources, scaleResources } from '../../../cluster/resources.js';
import { type TaskLaunch } from '../../../cluster/task.js';
import { type TimerHandle } from '../../../sim/event-queue.js';
import { type SimDuration, type SimTime } from '../../../sim/time.js';
import { type ServiceTemplate } from '../../../intents/index.js';
import { type RolloutBounds, rolloutBounds } from '../../kit/index.js';
import { type ServiceFrameworkOptions } from '../options.js';
import { type Offer, type TaskStatus } from '../types.js';
import { LaunchBackoff } from './backoff.js';
import { OfferPool } from './offer-pool.js';
import { rolloutStep } from './rollout.js';
import { type Decision, FrameworkScheduler, type SchedulerDeps } from './scheduler.js';

type InstanceState = 'launching' | 'staging' | 'running' | 'killing';

interface Instance {
  readonly id: string;
  readonly version: string;
  state: InstanceState;
}

interface App {
  template: ServiceTemplate;
  desired: number;
  version: string;
  resources: Resources;
  readonly instances: Map<string, Instance>;
  readonly backoff: LaunchBackoff;
  backoffTimer: TimerHandle | undefined;
  seq: number;
  pendingReason: string;
  /** Instances the last sync wanted to launch: Marathon revives only when this grows. */
  wanted: number;
}

/**
 * How far an app's rolling restart may go over and under its desired count: the template's maxSurge and
 * maxUnavailable (absent: Marathon's own 100 % / 0 %, i.e. upgradeStrategy maximumOverCapacity 1,
 * minimumHealthCapacity 1), with Marathon's fencepost.
 */
function bounds(app: App): RolloutBounds {
  return rolloutBounds(app.template.maxSurge ?? '100%', app.template.maxUnavailable ?? 0, app.desired, 'one-surge');
}

/**
 * A Marathon-like service framework: keeps N instances of each app running; PARTITION_AWARE, so a
 * TASK_UNREACHABLE instance is replaced at once (unreachableStrategy 0/0); launch backoff per app;
 * declines unwanted offers for 120 s; suppresses when idle and revives at most every 5 s; at most 5
 * instances per offer; launch tokens (100 per 30 s, +1 per TASK_RUNNING); rolling restart on a new
 * version (the template's maxSurge/maxUnavailable; Marathon's own default is 100%/0%).
 */
export class ServiceFramework extends FrameworkScheduler {
  private readonly apps = new Map<string, App>();
  private readonly svc: ServiceFrameworkOptions;
  private tokens: number;
  private tokensAt: SimTime;
  private tokenTimer: TimerHandle | undefined;

  constructor(deps: SchedulerDeps, svc: ServiceFrameworkOptions) {
    super(deps);
    this.svc = svc;
    this.tokens = svc.launchTokens;
    this.tokensAt = deps.ctx.now();
  }

  /** A service was declared (or re-declared). */
  declare(template: ServiceTemplate): void {
    const existing = this.apps.get(template.name);
    if (existing !== undefined) {
      existing.template = template;
      existing.desired = template.replicas;
      if (existing.version !== template.version) this.newVersion(existing, template.version, template.resources);
    } else {
      this.apps.set(template.name, {
        template,
        desired: template.replicas,
        version: template.version,
        resources: template.resources,
        instances: new Map(),
        backoff: new LaunchBackoff(this.svc.backoff),
        backoffTimer: undefined,
        seq: 0,
        pendingReason: '',
        wanted: 0,
      });
    }
    this.sync(this.apps.get(template.name) as App);
  }

  scale(name: string, replicas: number): void {
    const app = this.apps.get(name);
    if (app === undefined) return;
    app.desired = replicas;
    this.sync(app);
  }

  rollout(name: string, version: string, resources: Resources | undefined): void {
    const app = this.apps.get(name);
    if (app === undefined || app.version === version) return;
    this.newVersion(app, version, resources ?? app.resources);
    this.sync(app);
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
          inst.state = 'running';
          this.tokens++;
        }
        break;
      case 'TASK_FINISHED':
      case 'TASK_FAILED':
        app.instances.delete(inst.id);
        if (inst.state !== 'killing') {
          app.backoff.failed(this.ctx.now());
          this.armBackoff(app);
        }
        break;
      default:
        // KILLED, LOST, UNREACHABLE, GONE, DROPPED: forget it and replace at once.
        app.instances.delete(inst.id);
    }
    this.sync(app);
  }

  protected onReconciled(live: readonly TaskStatus[]): void {
    const known = new Map(live.map((s) => [s.taskId, s]));
    for (const app of this.apps.values()) {
      for (const inst of [...app.instances.values()]) {
        const s = known.get(inst.id);
        if (s === undefined || s.state === 'TASK_UNREACHABLE' || s.state === 'TASK_LOST') app.instances.delete(inst.id);
        else if (s.state === 'TASK_RUNNING' && inst.state !== 'killing') inst.state = 'running';
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
    const fresh = alive.filter((i) => i.version === app.version);
    const old = alive.filter((i) => i.version !== app.version);
    const step = rolloutStep(
      {
        desired: app.desired,
        newAlive: fresh.length,
        newRunning: fresh.filter((i) => i.state === 'running').length,
        oldAlive: old.length,
        oldRunning: old.filter((i) => i.state === 'running').length,
      },
      bounds(app),
    );
    const notRunningFirst = (xs: Instance[]): Instance[] => [...xs.filter((i) => i.state !== 'running'), ...xs.filter((i) => i.state === 'running').reverse()];
    for (const i of notRunningFirst(old).slice(0, step.killOld)) this.kill(i);
    for (const i of notRunningFirst(fresh).slice(0, step.killNew)) this.kill(i);
    const grew = step.launch > app.wanted;
    app.wanted = step.launch;
    if (step.launch === 0) app.pendingReason = '';
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
    let fresh = 0;
    let old = 0;
    let freshRunning = 0;
    let oldRunning = 0;
    for (const i of app.instances.values()) {
      if (i.state === 'killing') continue;
      if (i.version === app.version) {
        fresh++;
        if (i.state === 'running') freshRunning++;
      } else {
        old++;
        if (i.state === 'running') oldRunning++;
      }
    }
    return rolloutStep({ desired: app.desired, newAlive: fresh, newRunning: freshRunning, oldAlive: old, oldRunning }, bounds(app)).launch;
  }

  private build(app: App): TaskLaunch {
    const id = `${app.template.name}.${++app.seq}`;
    app.instances.set(id, { id, version: app.version, state: 'launching' });
    this.ctx.after(this.svc.launchTimeout, () => {
      const inst = app.instances.get(id);
      if (!this.up || inst === undefined || inst.state === 'running' || inst.state === 'killing') return;
      // task_launch_timeout: give up on the instance and replace it.
      app.instances.delete(id);
      this.killTask(id);
      this.sync(app);
    });
    return { id, workload: app.template.name, tenant: app.template.tenant, version: app.version, priority: app.template.priority, resources: app.resources };
  }

  private newVersion(app: App, version: string, resources: Resources): void {
    app.version = version;
    app.resources = resources;
    app.backoff.reset();
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
