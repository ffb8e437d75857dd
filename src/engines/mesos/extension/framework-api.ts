import { type PlacementConstraints } from '../../../cluster/constraints.js';
import { type Intent } from '../../../intents/index.js';
import { type TaskLaunch } from '../../../cluster/task.js';
import { type Offer, type TaskState, type TaskStatus } from '../types.js';

/*
 * The API a user's Mesos framework scheduler is written against (docs/extending.md): the callbacks
 * of the scheduler HTTP API's events (SUBSCRIBED, OFFERS, RESCIND, UPDATE) and its calls (ACCEPT with
 * LAUNCH, DECLINE with filters, SUPPRESS, REVIVE, KILL), as the built-in Marathon-like and batch
 * frameworks get them. A module default-exports a {@link MesosFramework}; the engine subscribes it
 * at time 0 under the scenario entry's `role` and hands it the intents of the entry's `workloads`.
 * Import these types with `import type`: they vanish from the bundle.
 */

export type { Intent, Offer, PlacementConstraints, TaskLaunch, TaskState, TaskStatus };
export type { JobSubmitted, ServiceDeclared, ServiceRollout, ServiceScaled, ServiceTemplate } from '../../../intents/index.js';
export type { Resources } from '../../../cluster/resources.js';

/** What a framework module's default export is. Every callback runs in virtual time and must not be async. */
export interface MesosFramework {
  /** Lower-case letters, digits and dashes: the framework's name (`@framework:<name>`, counters `framework:<name>:…`). */
  readonly name: string;
  /** SUBSCRIBED: the master registered the framework (again, after a failover), with the tasks it still knows of it. */
  registered?(driver: SchedulerDriver, liveTasks: readonly TaskStatus[]): void;
  /** The harness hands over an intent of one of the framework's workloads (declared, scaled, rolled out, submitted). */
  workload?(driver: SchedulerDriver, intent: Intent): void;
  /**
   * OFFERS: a batch of resource offers. Answer each inside this call with `driver.launch` or
   * `driver.decline`; an offer left unanswered is declined with the default filter. The answers go to
   * the master after the framework's think time (the engine's `thinkTime`, per task launched).
   */
  resourceOffers(driver: SchedulerDriver, offers: readonly Offer[]): void;
  /** RESCIND: an offer not answered yet is gone (its agent was lost); a launch on it will come back TASK_LOST/DROPPED. */
  offerRescinded?(driver: SchedulerDriver, offerId: number): void;
  /** UPDATE: a status update of one of the framework's tasks (already acknowledged by the driver). */
  statusUpdate(driver: SchedulerDriver, status: TaskStatus): void;
}

/** Filters of an ACCEPT or DECLINE: how long the allocator keeps the rest of that agent's resources from the framework. */
export interface OfferFilters {
  /** Seconds (Mesos `Filters.refuse_seconds`, 5 by default). */
  readonly refuseSeconds: number;
}

/** The calls a framework makes, and the few harness services it gets. Times and delays are virtual microseconds. */
export interface SchedulerDriver {
  /** The scenario entry's `config`, as written (plain data). */
  readonly config: Readonly<Record<string, unknown>>;
  /** The role the framework subscribed under (a tenant of the scenario). */
  readonly role: string;
  /** Virtual time now, in microseconds since the start of the trial. The only clock there is. */
  now(): number;
  /** The framework's own seeded stream (`extension:<name>` of the engine's stream): the only randomness there is. */
  readonly rng: { float(): number; int(min: number, max: number): number };
  /** Runs `fn` after `delay` microseconds of virtual time; dropped while the framework is down. */
  after(delay: number, fn: () => void): object;
  /** Cancels a timer; false if it already ran. */
  cancel(timer: object): boolean;
  /**
   * ACCEPT with LAUNCH: start `tasks` on the offer's agent. Only inside `resourceOffers`; the tasks
   * must fit the offer (resources and slots) together with earlier launches on it; `filters`
   * applies to what is left of the offer. Task ids must be unique in the trial; a task's `workload`
   * and `tenant` say whose it is (use the declared workload's name and tenant, so results count it).
   */
  launch(offer: Offer, tasks: readonly TaskLaunch[], filters?: OfferFilters): void;
  /** DECLINE: the whole offer, refused for `filters.refuseSeconds` (default: the engine's decline filter). Only inside `resourceOffers`. */
  decline(offer: Offer, filters?: OfferFilters): void;
  /** SUPPRESS: no more offers until `revive`. */
  suppress(): void;
  /** REVIVE: offers again, and every refuse filter of the framework cleared. */
  revive(): void;
  /** KILL: asks the task's agent (through the master) to kill it; a TASK_KILLED update follows. */
  kill(taskId: string): void;
  /** Adds `by` (default 1) to the counter `framework:<name>:<counter>` of the trial's results. */
  count(counter: string, by?: number): void;
  /**
   * Whether the offer's agent meets placement constraints (node selector and required terms against
   * its attributes, taints against tolerations), as the built-in frameworks match a template's.
   */
  admits(offer: Offer, constraints: PlacementConstraints): boolean;
}

/** Why `exported` is not a {@link MesosFramework} (undefined: it is). The runner checks every module with this before the trial starts. */
export function checkMesosFramework(exported: unknown): string | undefined {
  if (typeof exported !== 'object' || exported === null)
    return `expected an object { name, resourceOffers(driver, offers), statusUpdate(driver, status) }, got ${exported === null ? 'null' : typeof exported}`;
  const f = exported as Partial<Record<keyof MesosFramework, unknown>>;
  if (typeof f.name !== 'string' || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(f.name)) return 'name must be a string of lower-case letters, digits and dashes';
  for (const required of ['resourceOffers', 'statusUpdate'] as const) if (typeof f[required] !== 'function') return `${required} must be a function`;
  for (const optional of ['registered', 'workload', 'offerRescinded'] as const)
    if (f[optional] !== undefined && typeof f[optional] !== 'function') return `${optional}, when given, must be a function`;
  return undefined;
}
