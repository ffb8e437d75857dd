import { type NodeLifecycleListener } from '../cluster/cluster-state.js';
import { type LatencySampler } from '../cluster/latency.js';
import { type NodeSpec } from '../cluster/node.js';
import { type Resources } from '../cluster/resources.js';
import { type MessageClass } from '../cluster/events.js';
import { type ConfigVersionRef } from '../cluster/app-behaviour.js';
import { type LaunchResult, type RestartOptions, type TaskLaunch, type TaskListener } from '../cluster/task.js';
import { type EngineEvent } from '../metrics/events.js';
import { type TimerHandle } from '../sim/event-queue.js';
import { type Rng } from '../sim/rng.js';
import { type SimDuration, type SimTime } from '../sim/time.js';
import { type Fault, type Intent } from '../intents/index.js';

/**
 * The plug point of the harness (DESIGN.md §4). An engine is a control plane under test: it gets
 * the workload as intents, acts on the cluster only through its node agents, and learns about
 * faults only through its own mechanisms (missed heartbeats, expired leases).
 */
export interface Engine {
  /** Called once at time 0, before any intent: register agents, start periodic loops. */
  start(): void;
  /** The harness hands over an intent at its virtual time. */
  submit(intent: Intent): void;
  /**
   * A fault aimed at one of the engine's own control-plane components (e.g. a framework
   * scheduler crashes). Engines without such a component ignore it and say so in a counter.
   */
  controlPlaneFault(fault: Extract<Fault, { kind: 'scheduler-crash' }>): void;
  /** What the engine promises, given its configuration; property tests hold it to these. */
  bounds(): EngineBounds;
}

/** Promises an engine makes about itself, derived from its own timeouts and periods. */
export interface EngineBounds {
  /**
   * With enough free capacity and no fault, every submitted task runs within this time of its
   * submission (includes the latency model's task start).
   */
  readonly placementWithin: SimDuration;
  /** After a node crash, the lost service replicas are running again elsewhere within this time (capacity allowing). */
  readonly recoveryWithin: SimDuration;
}

/** What an engine may do and see. Everything else of the harness is out of reach. */
export interface EngineContext {
  /** Current virtual time. */
  now(): SimTime;
  /** Runs `fn` after `delay` of virtual time. */
  after(delay: SimDuration, fn: () => void): TimerHandle;
  /** Cancels a timer; false if it already ran. */
  cancel(handle: TimerHandle): boolean;
  /** The engine's own random stream (`engine:<name>` of the trial seed). */
  readonly rng: Rng;
  /** The machines, and one agent handle per machine for the engine's node agents. */
  readonly cluster: ClusterApi;
  /** The one network of the scenario: latency per message class; drops at down or cut-off nodes. */
  readonly net: NetworkApi;
  /** The scenario's latency model, for nominal values. */
  readonly latency: LatencySampler;
  /** Tenants of the scenario with their weights (Mesos roles, Kubernetes namespaces). */
  readonly tenants: readonly { readonly name: string; readonly weight: number }[];
  /** Reports a decision or a count to the metrics observer. */
  emit(event: EngineEvent): void;
  /** True when the run records explanations (`--explain`); engines skip building them otherwise. */
  readonly explain: boolean;
  /** How much an explanation lists when {@link explain} is on (docs/explain.md). */
  readonly explainLevel: ExplainLevel;
}

/**
 * How much an explanation lists: `top`, the chosen node and the next best few (`--explain`, small
 * enough to keep for every decision of a long run); `full`, every node the decision evaluated
 * (`--explain=full`, for reading one decision in depth; the files grow with the cluster).
 */
export type ExplainLevel = 'top' | 'full';

/** The inventory and the per-node agent handles. */
export interface ClusterApi {
  /** Every machine, in scenario order. Says nothing about health: engines learn that themselves. */
  readonly nodes: readonly NodeSpec[];
  /** The handle through which the engine's agent on `node` runs tasks. Only that agent may use it. */
  agent(node: string): NodeAgentApi;
}

/** What a node agent (kubelet, Mesos agent) can do on its own machine. */
export interface NodeAgentApi {
  readonly node: NodeSpec;
  /** Starts an instance (after the task start time). Over-commit throws; a dead machine says `node-down`. */
  launch(task: TaskLaunch, listener?: TaskListener): LaunchResult;
  /** Kills an instance; false if it is not there. */
  stop(id: string): boolean;
  /** Whether the instance fits now (resources and task count): kubelet admission. */
  fits(task: TaskLaunch): boolean;
  used(): Resources;
  free(): Resources;
  /** Instances on the machine (starting or running). */
  instances(): readonly TaskLaunch[];
  isRunning(id: string): boolean;
  /**
   * Restarts an instance in place, as the kubelet restarts a pod's container (restartPolicy Always):
   * the same instance id and resources, its restart count + 1; a running process is killed now and a
   * new container starts after the task start time, then goes through its app's startup again. Works
   * on a running instance and on a `holdOnExit` instance whose process exited. False when the instance
   * is not on the machine or the machine is down. A Mesos/Marathon relaunch is not this: it is a new
   * instance (`launch` with a new id).
   */
  restart(id: string, options?: RestartOptions): boolean;
  /**
   * The agent writes a config version into a running instance's mounted file (a `volume` config: the
   * kubelet's periodic sync); the app reloads it in place, with no restart. False when the instance is
   * not there. Delivering a version not newer than the one the instance runs changes nothing.
   */
  deliverConfig(id: string, config: ConfigVersionRef): boolean;
  /**
   * What a readiness probe (or a Marathon readiness / health check) run now on this machine sees: true
   * when the instance's app is ready at this instant. The engine decides when it probes and what it
   * believes in between (the cluster's truth changes between probes); it reports its belief with a
   * `readiness-observed` event. An instance of a service without lifecycle is ready while it runs.
   */
  probeReady(id: string): boolean;
  /** The agent learns that its machine booted or died (to stop its loops and to re-register). */
  onLifecycle(listener: NodeLifecycleListener): void;
}

/** Messages between control-plane components (`@name`) and node agents (node names). */
export interface NetworkApi {
  /**
   * Sends a message of a class; `deliver` runs after the class's latency unless a node at either
   * end is down or partitioned. `label` names the kind for traffic counts. False: dropped at once.
   */
  send(channel: MessageClass, from: string, to: string, label: string, deliver: () => void): boolean;
}

/** The outcome of validating an engine's options from `spec.engines.<name>`. */
export type OptionsParse<O> =
  | { readonly ok: true; readonly options: O }
  | { readonly ok: false; readonly issues: readonly { readonly path: readonly (string | number)[]; readonly message: string }[] };

/** A registered engine: its name, what it models, its options, and how to build one per trial. */
export interface EngineFactory<O = unknown> {
  readonly name: string;
  /** One line for `schedbench list`. */
  readonly description: string;
  /** Validates `spec.engines.<name>` (unknown fields are errors) and fills every default. */
  parseOptions(raw: unknown): OptionsParse<O>;
  /**
   * The resource names the parsed options refer to (e.g. kube-scheduler's scoring resources), with
   * their paths under `spec.engines.<name>`. The runner reports each name that no node and no task of
   * the scenario can have, with a "did you mean"; engines whose options name no resource leave it out.
   */
  referencedResources?(options: O): readonly { readonly path: readonly (string | number)[]; readonly name: string }[];
  /** Builds fresh live state for one trial. */
  create(ctx: EngineContext, options: O): Engine;
}

/** Any registered engine, whatever its options type (the registry's element type). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyEngineFactory = EngineFactory<any>;
