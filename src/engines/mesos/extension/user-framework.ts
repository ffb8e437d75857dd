import { admits } from '../../../cluster/constraints.js';
import { fitsWithin, formatResources, type Resources, subtractResources } from '../../../cluster/resources.js';
import { type TaskLaunch } from '../../../cluster/task.js';
import { type Intent } from '../../../intents/index.js';
import { type TimerHandle } from '../../../sim/event-queue.js';
import { type SimDuration } from '../../../sim/time.js';
import { type EngineExtension } from '../../engine.js';
import { ExtensionError, guardExtension } from '../../kit/index.js';
import { type Decision, FrameworkScheduler, type SchedulerDeps } from '../frameworks/scheduler.js';
import { type Offer, type TaskStatus } from '../types.js';
import { type MesosFramework, type OfferFilters, type SchedulerDriver } from './framework-api.js';

/** How one offer of the batch being decided was answered so far. */
interface Answer {
  readonly launches: TaskLaunch[];
  left: Resources;
  slots: number;
  refuse: SimDuration | undefined;
  declined: boolean;
}

/**
 * A user's framework scheduler (`spec.extensions[i].framework`) on the shared scheduler-driver half
 * ({@link FrameworkScheduler}): subscription and failover, offers one batch at a time with think
 * time, acknowledgements. The policy is the module's: it answers offers through the driver, and
 * asks for offers (`revive`) or stops them (`suppress`) itself; the engine never suppresses for it.
 */
export class UserFramework extends FrameworkScheduler {
  private readonly driver: SchedulerDriver;
  private readonly where: string;
  private wantsOffers = true;
  /** The answers of the batch `resourceOffers` is deciding; undefined outside that call. */
  private answers: Map<number, Answer> | undefined;
  private readonly seen = new Set<string>();

  constructor(
    deps: SchedulerDeps,
    private readonly user: MesosFramework,
    ext: EngineExtension,
  ) {
    super(deps);
    this.where = `${ext.scenarioFile}: ${ext.path} (${user.name})`;
    const ctx = deps.ctx;
    const rng = ctx.rng.split(`extension:${user.name}`);
    this.driver = {
      config: (ext.config ?? {}) as Readonly<Record<string, unknown>>,
      role: deps.role,
      now: () => ctx.now(),
      rng: { float: () => rng.float(), int: (min, max) => rng.int(min, max) },
      after: (delay, fn) => {
        const run = guardExtension(`${this.where} in a timer`, fn);
        return ctx.after(this.delay(delay), () => {
          if (this.up) run();
        });
      },
      cancel: (timer) => ctx.cancel(timer as TimerHandle),
      launch: (offer, tasks, filters) => this.launch(offer, tasks, filters),
      decline: (offer, filters) => {
        const a = this.answerOf(offer, 'decline');
        if (a.launches.length > 0) throw new ExtensionError(this.where, new Error(`decline of offer o${offer.id}, which already launched tasks`));
        a.declined = true;
        if (filters !== undefined) a.refuse = this.refuseOf(filters);
      },
      suppress: () => {
        this.wantsOffers = false;
        this.suppressNow();
      },
      revive: () => {
        this.wantsOffers = true;
        this.needOffers();
      },
      kill: (taskId) => this.killTask(taskId),
      admits: (offer, constraints) => admits(offer.node, constraints),
      count: (counter, by = 1) => ctx.emit({ kind: 'counter', time: ctx.now(), name: `framework:${user.name}:${counter}`, by }),
    };
  }

  /** An intent of one of the framework's workloads. */
  intent(intent: Intent): void {
    if (this.user.workload === undefined) return;
    guardExtension(`${this.where} in workload`, (i: Intent) => this.user.workload?.(this.driver, i))(intent);
    this.afterChange();
  }

  override onRescind(offerId: number): void {
    super.onRescind(offerId);
    if (this.up && this.user.offerRescinded !== undefined)
      guardExtension(`${this.where} in offerRescinded`, (id: number) => this.user.offerRescinded?.(this.driver, id))(offerId);
  }

  protected decide(offers: readonly Offer[]): Decision {
    const answers = new Map<number, Answer>();
    for (const o of offers) answers.set(o.id, { launches: [], left: o.resources, slots: o.slots, refuse: undefined, declined: false });
    this.answers = answers;
    try {
      guardExtension(`${this.where} in resourceOffers`, (os: readonly Offer[]) => this.user.resourceOffers(this.driver, os))(offers);
    } finally {
      this.answers = undefined;
    }
    const launches = offers.map((o) => answers.get(o.id)?.launches ?? []);
    const tasks = launches.reduce((n, l) => n + l.length, 0);
    const refuse = offers.map((o) => answers.get(o.id)?.refuse);
    return { launches, think: this.thinkFor(tasks), ...(refuse.some((r) => r !== undefined) ? { refuse } : {}) };
  }

  protected hasWork(): boolean {
    return this.wantsOffers;
  }

  protected onTaskStatus(status: TaskStatus): void {
    guardExtension(`${this.where} in statusUpdate`, (s: TaskStatus) => this.user.statusUpdate(this.driver, s))(status);
  }

  protected onReconciled(live: readonly TaskStatus[]): void {
    if (this.user.registered !== undefined)
      guardExtension(`${this.where} in registered`, (l: readonly TaskStatus[]) => this.user.registered?.(this.driver, l))(live);
  }

  private launch(offer: Offer, tasks: readonly TaskLaunch[], filters: OfferFilters | undefined): void {
    const a = this.answerOf(offer, 'launch');
    const fail = (why: string): never => {
      throw new ExtensionError(this.where, new Error(`launch on offer o${offer.id} (${offer.agent}): ${why}`));
    };
    if (a.declined) fail('the offer was already declined');
    for (const t of tasks) {
      if (typeof t.id !== 'string' || t.id === '') fail('a task needs an id');
      if (this.seen.has(t.id)) fail(`task id ${t.id} was used before; ids are unique in a trial`);
      if (a.slots <= 0) fail(`task ${t.id} is one more than the agent takes`);
      if (!fitsWithin(t.resources, a.left)) fail(`task ${t.id} needs ${formatResources(t.resources)}, the offer has ${formatResources(a.left)} left`);
      this.seen.add(t.id);
      a.launches.push(t);
      a.left = subtractResources(a.left, t.resources);
      a.slots--;
    }
    if (filters !== undefined) a.refuse = this.refuseOf(filters);
  }

  private answerOf(offer: Offer, call: string): Answer {
    const a = this.answers?.get(offer.id);
    if (a === undefined)
      throw new ExtensionError(this.where, new Error(`${call} of offer o${offer.id} outside resourceOffers, or of an offer not in this batch`));
    return a;
  }

  private refuseOf(filters: OfferFilters): SimDuration {
    const s = filters.refuseSeconds;
    if (!Number.isFinite(s) || s < 0) throw new ExtensionError(this.where, new Error(`refuseSeconds is a finite number ≥ 0, got ${s}`));
    return Math.round(s * 1_000_000) as SimDuration;
  }

  private delay(delay: number): SimDuration {
    if (!Number.isFinite(delay) || delay < 0) throw new ExtensionError(this.where, new Error(`a delay is a finite number of microseconds ≥ 0, got ${delay}`));
    return Math.round(delay) as SimDuration;
  }
}
