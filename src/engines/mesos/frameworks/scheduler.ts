import { NO_RESOURCES, type Resources, subtractResources } from '../../../cluster/resources.js';
import { type TaskLaunch } from '../../../cluster/task.js';
import { type TimerHandle } from '../../../sim/event-queue.js';
import { type SimDuration, type SimTime } from '../../../sim/time.js';
import { type EngineContext } from '../../engine.js';
import { decide, decisionTime } from '../../kit/index.js';
import { type MesosMaster } from '../master/master.js';
import { clampNonNegative } from '../allocator/quota.js';
import { type FrameworkKindOptions, type MesosOptions, type ThinkTime } from '../options.js';
import { type FrameworkClient, frameworkEndpoint, MASTER, type Offer, type OfferReplies, type TaskStatus } from '../types.js';

/** What a framework builds a scheduler from. */
export interface SchedulerDeps {
  readonly ctx: EngineContext;
  readonly master: MesosMaster;
  readonly options: MesosOptions;
  readonly kind: FrameworkKindOptions;
  readonly think: ThinkTime;
  readonly name: string;
  readonly role: string;
  /** Least time between two REVIVE calls (Marathon: 5 s; 0 = no throttle). */
  readonly minReviveInterval: SimDuration;
}

/** The outcome of a framework's decision over a batch of offers. */
export interface Decision {
  /** Launches per offer, in the order of the offers decided on ([] means decline). */
  readonly launches: readonly (readonly TaskLaunch[])[];
  /** Virtual time spent deciding while the offers stay locked (t_job + t_task × tasks, summed). */
  readonly think: SimDuration;
  /** refuse_seconds per offer, in the order of the offers (undefined: the framework's defaults); user frameworks set it. */
  readonly refuse?: readonly (SimDuration | undefined)[];
}

/**
 * The scheduler-driver half every framework shares: subscription and failover, one offer batch at a
 * time with think time (the offered resources stay locked meanwhile), accept/decline with refuse
 * filters, suppress when idle and revive (throttled) when work appears, acknowledgements, and a
 * crash that drops everything in flight. Policies (what to launch where) live in subclasses.
 */
export abstract class FrameworkScheduler implements FrameworkClient {
  readonly name: string;
  protected readonly ctx: EngineContext;
  protected id: string | undefined;
  protected up = true;
  private epoch = 0;
  private readonly queue: (readonly Offer[])[] = [];
  private busy = false;
  private readonly rescinded = new Set<number>();
  private suppressed = false;
  private lastRevive: SimTime | undefined;
  private reviveTimer: TimerHandle | undefined;
  private lastDemand = '';
  /**
   * Offers received and not yet answered (their resources are locked for us). Only the fair-share
   * offer mode reads it (`currentDemand`), so only that mode keeps it.
   */
  private readonly held = new Map<number, Resources>();
  private readonly keepsHeld: boolean;

  constructor(protected readonly deps: SchedulerDeps) {
    this.name = deps.name;
    this.ctx = deps.ctx;
    this.keepsHeld = deps.options.offerMode === 'fair-share';
  }

  /** Decides what to launch on a batch of offers (the policy). */
  protected abstract decide(offers: readonly Offer[]): Decision;
  /** True while the framework has something it could launch now. */
  protected abstract hasWork(): boolean;
  /** A status update of one of the framework's tasks (already acknowledged). */
  protected abstract onTaskStatus(status: TaskStatus): void;
  /** After (re-)subscribing: the tasks the master knows; anything else of ours is gone. */
  protected abstract onReconciled(live: readonly TaskStatus[]): void;
  /** Fair-share offer mode: the resources the framework asks for now (undefined: unknown). */
  protected demand(): Resources | undefined {
    return undefined;
  }

  /** Sends SUBSCRIBE (and re-subscribes with the same id after a failover). */
  subscribe(): void {
    const info = {
      name: this.name,
      role: this.deps.role,
      partitionAware: this.deps.kind.partitionAware,
      failoverTimeout: this.deps.kind.failoverTimeout,
      ...(this.id !== undefined ? { id: this.id } : {}),
      ...(this.deps.options.offerMode === 'fair-share' ? { demand: this.currentDemand() ?? NO_RESOURCES } : {}),
    };
    this.toMaster('subscribe', () => this.deps.master.subscribe(this, info));
  }

  onSubscribed(id: string, liveTasks: readonly TaskStatus[]): void {
    // Down: keep the id, so that the re-subscription after the crash is a failover, not a new framework.
    this.id = id;
    if (!this.up) return;
    this.suppressed = false;
    const revivedBefore = this.lastRevive;
    this.lastDemand = '';
    this.onReconciled(liveTasks);
    // Work that arrived before the subscription completed: ask for offers now (REQUEST + REVIVE).
    if (this.lastRevive === revivedBefore && this.hasWork()) this.needOffers();
    this.afterChange();
  }

  onOffers(offers: readonly Offer[]): void {
    if (!this.up) return;
    if (this.keepsHeld) for (const o of offers) this.held.set(o.id, o.resources);
    // The master builds a new list per message and never changes it; `pump` only reads it.
    this.queue.push(offers);
    this.pump();
    this.afterChange();
  }

  onRescind(offerId: number): void {
    if (!this.up) return;
    this.rescinded.add(offerId);
    this.held.delete(offerId);
  }

  onStatus(status: TaskStatus): void {
    if (!this.up) return; // dropped: the agent re-sends until acknowledged
    const fid = this.id;
    if (status.agent !== '' && fid !== undefined) this.toMaster('acknowledge', () => this.deps.master.acknowledge(fid, status));
    this.onTaskStatus(status);
    this.afterChange();
  }

  /** The scheduler process dies for `downFor`; the master sees the connection close. */
  crash(downFor: SimDuration): void {
    if (!this.up) return;
    this.up = false;
    this.epoch++;
    this.queue.length = 0;
    this.busy = false;
    this.rescinded.clear();
    this.held.clear();
    if (this.reviveTimer !== undefined) this.ctx.cancel(this.reviveTimer);
    this.reviveTimer = undefined;
    const fid = this.id;
    // Not subscribed yet: the master knows us by name once our SUBSCRIBE (sent earlier) arrives.
    if (fid !== undefined) this.toMaster('disconnect', () => this.deps.master.disconnected(fid));
    else this.toMaster('disconnect', () => this.deps.master.disconnectedByName(this.name));
    this.ctx.after(downFor, () => {
      this.up = true;
      this.subscribe();
    });
  }

  /** New work appeared: REVIVE (clears our filters), at most every minReviveInterval. */
  protected needOffers(): void {
    if (!this.up || this.id === undefined) return;
    this.updateDemand();
    const now = this.ctx.now();
    const earliest = this.lastRevive === undefined ? now : this.lastRevive + this.deps.minReviveInterval;
    if (earliest <= now) {
      this.revive();
      return;
    }
    if (this.reviveTimer === undefined) {
      this.reviveTimer = this.ctx.after((earliest - now) as SimDuration, () => {
        this.reviveTimer = undefined;
        if (this.up && this.hasWork()) this.revive();
      });
    }
  }

  /** Asks the agent (through the master) to kill one of our tasks. */
  protected killTask(taskId: string): void {
    const fid = this.id;
    if (fid !== undefined) this.toMaster('kill', () => this.deps.master.kill(fid, taskId));
  }

  /** SUPPRESS now, whatever the kind's `suppressOffers` says (a user framework's explicit call). */
  protected suppressNow(): void {
    const fid = this.id;
    if (!this.up || fid === undefined || this.suppressed) return;
    this.suppressed = true;
    this.toMaster('suppress', () => this.deps.master.suppress(fid));
  }

  /**
   * A call to the master's operator API answered by the master (`call` runs there, one rpc after
   * now; `answer` runs here one rpc later, unless the scheduler is down by then).
   */
  protected askMaster<T>(label: string, call: () => T, answer: (value: T) => void): void {
    this.toMaster(label, () => {
      const value = call();
      this.ctx.net.send('rpc', MASTER, frameworkEndpoint(this.name), `${label}-answer`, () => {
        if (this.up) answer(value);
      });
    });
  }

  /** Think time of one job (or app) with `tasks` tasks considered. */
  protected thinkFor(tasks: number): SimDuration {
    return decisionTime(this.deps.think.tJob, this.deps.think.tTask, tasks);
  }

  /** Suppress when idle; keep the allocator's view of our demand current in fair-share mode. */
  protected afterChange(): void {
    if (!this.up || this.id === undefined) return;
    const fid = this.id;
    this.updateDemand();
    if (!this.suppressed && this.deps.kind.suppressOffers && !this.busy && this.queue.length === 0 && !this.hasWork()) {
      this.suppressed = true;
      this.toMaster('suppress', () => this.deps.master.suppress(fid));
    }
  }

  /** Fair-share mode: sends REQUEST when what we ask for changed. */
  private updateDemand(): void {
    const fid = this.id;
    if (this.deps.options.offerMode !== 'fair-share' || fid === undefined) return;
    const d = this.currentDemand();
    const key = d === undefined ? '' : `${d.cpu}/${d.memory}/${d.gpu}`;
    if (key === this.lastDemand) return;
    this.lastDemand = key;
    this.toMaster('request', () => this.deps.master.request(fid, d));
  }

  /** What we ask for: our demand minus the offers we already hold. */
  private currentDemand(): Resources | undefined {
    let d = this.demand();
    if (d !== undefined) for (const h of this.held.values()) d = clampNonNegative(subtractResources(d, h));
    return d;
  }

  private revive(): void {
    const fid = this.id;
    if (fid === undefined) return;
    this.lastRevive = this.ctx.now();
    this.suppressed = false;
    this.toMaster('revive', () => this.deps.master.revive(fid));
  }

  private pump(): void {
    if (this.busy || !this.up) return;
    let batch: readonly Offer[] | undefined;
    while ((batch = this.queue.shift()) !== undefined) {
      const live = this.rescinded.size === 0 ? batch : batch.filter((o) => !this.rescinded.delete(o.id));
      if (live.length > 0) {
        batch = live;
        break;
      }
    }
    if (batch === undefined) return;
    const offers = batch;
    const decision = this.decide(offers);
    const epoch = this.epoch;
    this.busy = true;
    decide(this.ctx, this.name, decision.think, () => {
      if (epoch !== this.epoch) return;
      this.busy = false;
      if (this.keepsHeld) for (const o of offers) this.held.delete(o.id);
      // The decision's launch lists are its own and no longer change: they go as they are.
      const replies: OfferReplies = {
        offers,
        launches: decision.launches,
        refuseAccepted: this.deps.options.refuseSeconds,
        refuseDeclined: this.deps.kind.declineFor,
        ...(decision.refuse !== undefined ? { refuse: decision.refuse } : {}),
      };
      const fid = this.id;
      if (fid !== undefined) this.toMaster('accept', () => this.deps.master.reply(fid, replies));
      this.afterChange();
      this.pump();
    });
  }

  private toMaster(label: string, fn: () => void): void {
    this.ctx.net.send('rpc', frameworkEndpoint(this.name), MASTER, label, fn);
  }
}
