import { type NodeSpec } from '../../cluster/node.js';
import { type Resources } from '../../cluster/resources.js';
import { type TaskLaunch } from '../../cluster/task.js';
import { type SimDuration, type SimTime } from '../../sim/time.js';
import { type HealthCheckOptions } from './options.js';

/** Mesos task states the model uses (include/mesos/mesos.proto). */
export type TaskState =
  'TASK_STAGING' | 'TASK_RUNNING' | 'TASK_FINISHED' | 'TASK_FAILED' | 'TASK_KILLED' | 'TASK_LOST' | 'TASK_UNREACHABLE' | 'TASK_DROPPED' | 'TASK_GONE';

/**
 * States after which the master forgets the task and recovers its resources. TASK_LOST is "not
 * always terminal" in Mesos (the task may come back when its agent re-registers); the master still
 * drops it from its books and re-adds it if the agent reports it again.
 */
export function isTerminal(state: TaskState): boolean {
  return state !== 'TASK_STAGING' && state !== 'TASK_RUNNING' && state !== 'TASK_UNREACHABLE';
}

/** A status update as it travels agent → master → framework. */
export interface TaskStatus {
  readonly taskId: string;
  readonly framework: string;
  readonly agent: string;
  readonly state: TaskState;
  readonly reason?: string;
  readonly task: TaskLaunch;
  /**
   * The result of the task's health check, when it has one (TaskStatus.healthy): set on the
   * TASK_RUNNING updates the executor sends when a check fails or the result changes, and on the
   * TASK_KILLED of a task it killed for failing too many checks (false).
   */
  readonly healthy?: boolean;
}

/**
 * A task as a framework launches it (TaskInfo): the harness's launch, plus the health check the
 * executor runs on the agent (TaskInfo.health_check, a MESOS_HTTP check from Marathon).
 */
export interface MesosTask extends TaskLaunch {
  readonly healthCheck?: HealthCheckOptions;
}

/** A resource offer as the framework sees it: one agent's resources, with the agent's attributes. */
export interface Offer {
  /** Unique within a run, increasing (shown as `o<id>` in explanations). */
  readonly id: number;
  readonly framework: string;
  readonly agent: string;
  readonly resources: Resources;
  /** How many more tasks the agent takes (the harness's per-node task cap; Mesos has none). */
  readonly slots: number;
  /** The agent's description: attributes (labels) and taints, for constraint matching. */
  readonly node: NodeSpec;
}

/**
 * What a framework tells the master to do with a batch of offers: one ACCEPT or DECLINE per offer,
 * in the order of `offers`. One object for the batch, not one per offer (a batch may hold thousands).
 */
export interface OfferReplies {
  /** The offers answered (the objects the master sent). */
  readonly offers: readonly Offer[];
  /** Launches per offer, in the order of `offers`; empty (or missing): a decline. */
  readonly launches: readonly (readonly TaskLaunch[] | undefined)[];
  /** refuse_seconds for the unused part of an offer with launches. */
  readonly refuseAccepted: SimDuration;
  /** refuse_seconds for a declined offer. */
  readonly refuseDeclined: SimDuration;
  /** refuse_seconds per offer, in the order of `offers`, where the framework gave its own filter (else the two above). */
  readonly refuse?: readonly (SimDuration | undefined)[];
}

/** The endpoint name of a framework's scheduler on the network. */
export function frameworkEndpoint(name: string): string {
  return `@framework:${name}`;
}

/** The master's endpoint. */
export const MASTER = '@master';

/** What the master calls on a framework scheduler (after a message is delivered to it). */
export interface FrameworkClient {
  readonly name: string;
  onSubscribed(id: string, liveTasks: readonly TaskStatus[]): void;
  onOffers(offers: readonly Offer[]): void;
  onRescind(offerId: number): void;
  onStatus(status: TaskStatus): void;
}

/** What the master calls on an agent (after a message is delivered to it). */
export interface AgentClient {
  readonly name: string;
  onRegistered(incarnation: number, kill: readonly string[]): void;
  onPing(): void;
  onRunTask(task: TaskLaunch, framework: string): void;
  onKillTask(taskId: string): void;
  onAck(taskId: string, state: TaskState): void;
  onShutdownFramework(framework: string): void;
  /**
   * The master's pings to this agent are about to be counted in closed form (they keep arriving, so
   * the agent's ping-timeout watchdog could not fire): it stops its watchdog and says true, or says
   * false when it cannot (it is down or not registered) and the pings stay explicit.
   */
  restWatchdog(): boolean;
  /** The counted pings end: the last one arrived at `lastHeard` (undefined: none did); the watchdog watches again from it. */
  wakeWatchdog(lastHeard: SimTime | undefined): void;
}

/** Framework info sent with SUBSCRIBE. */
export interface FrameworkInfo {
  readonly name: string;
  readonly role: string;
  readonly partitionAware: boolean;
  readonly failoverTimeout: SimDuration;
  /** Set when the scheduler fails over and re-subscribes with its old id. */
  readonly id?: string;
  /** Fair-share offer mode: what the framework wants at subscription time. */
  readonly demand?: Resources;
}
