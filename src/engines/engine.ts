import { type NodeLifecycleListener } from '../cluster/cluster-state.js';
import { type LatencySampler } from '../cluster/latency.js';
import { type NodeSpec } from '../cluster/node.js';
import { type Resources } from '../cluster/resources.js';
import { type MessageClass } from '../cluster/events.js';
import { type ConfigVersionRef } from '../cluster/app-behaviour.js';
import { type LaunchResult, type RestartOptions, type TaskLaunch, type TaskListener } from '../cluster/task.js';
import { type AppSample, type EngineEvent } from '../metrics/events.js';
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
  /**
   * The run stops at `end` (the horizon, or where a limit stopped it), after every event up to `end`
   * ran. An engine that accounts a periodic loop in closed form reports now, as `message-tally` and
   * `counter` events, what that loop sent and counted up to `end` inclusive, so that the traffic
   * counters are those of the explicit loop. Engines without closed-form loops leave it out.
   */
  finish?(end: SimTime): void;
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
  /** Application metrics of services with request traffic, as a periodic scrape reads them. */
  readonly apps: AppMetricsApi;
  /**
   * The scenario's user modules for this engine (`spec.extensions`), loaded and checked against
   * {@link EngineFactory.checkExtension} by the runner; absent or empty when the scenario names none.
   */
  readonly extensions?: readonly EngineExtension[];
}

/**
 * One user module a scenario names under `spec.extensions` for this engine (docs/extending.md):
 * a Kubernetes controller or a Mesos framework. The runner loaded it (a fresh instance per trial, in
 * a context without wall clock or `Math.random`) and checked its shape; the engine runs it.
 */
export interface EngineExtension {
  /** Where the scenario names it, for errors: `spec.extensions[0].controller`. */
  readonly path: string;
  /** The scenario file that names it, for errors. */
  readonly scenarioFile: string;
  /** The module's default export, of the shape the engine's `checkExtension` accepted. */
  readonly module: unknown;
  /** The entry's `config` (plain data, as written in the scenario), handed to the module as it is. */
  readonly config: unknown;
  /** Mesos: the role (tenant) the framework registers under. */
  readonly role?: string;
  /** Mesos: the workloads whose intents go to this framework instead of the built-in ones. */
  readonly workloads?: readonly string[];
}

/**
 * The read path of application metrics (the engine-facing half of request traffic): a service with
 * traffic exports its request rate and latency per 10 s window, and a scraper (metrics-server,
 * Prometheus) collects them every `period`; a controller that reads them (an SLA controller, a
 * framework's autoscaler) sees the last window that had ended when the last scrape ran, never the
 * present. The scrape itself is not a control-plane message of the engine under test (every engine
 * would pay the same), so it is not counted in traffic. Periods: {@link SCRAPE_PERIODS}.
 */
export interface AppMetricsApi {
  /** The service's metrics as of the last scrape at a multiple of `period`; undefined for a service without traffic or before its first window. */
  scrape(service: string, period: SimDuration): AppSample | undefined;
}

/**
 * Scrape periods of the real collectors, for controllers that read {@link AppMetricsApi}:
 * metrics-server's upstream manifest runs `--metric-resolution=15s` (kubernetes-sigs/metrics-server
 * components.yaml; the flag's own default is 60 s, and kubernetes/kubernetes#117121 aligned the
 * cluster add-on with the manifest's 15 s); Prometheus's global `scrape_interval` defaults to 1 m
 * (prometheus.io/docs/prometheus/latest/configuration/configuration/).
 */
export const SCRAPE_PERIODS = {
  metricsServer: 15_000_000 as SimDuration,
  prometheus: 60_000_000 as SimDuration,
} as const;

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
  /**
   * What a closed-form periodic loop needs (see {@link ClosedFormNetwork}); absent in contexts that
   * cannot provide it, where engines run their loops explicitly.
   */
  readonly closedForm?: ClosedFormNetwork;
}

/**
 * The network's support for periodic loops accounted in closed form (a kubelet's Lease renewals, a
 * master's pings): while nothing changes, such a loop's messages are counted (Engine.finish,
 * `message-tally` events) instead of sent, and the loop runs explicitly again from the moment its
 * node's reachability may have changed. Nothing here tells an engine more than its explicit loop
 * would have learned: a listener may only settle the accounting and resume the explicit loop.
 */
export interface ClosedFormNetwork {
  /** The delay of a class whose latency is constant; undefined when it is drawn (the loop then stays explicit). */
  fixed(channel: MessageClass): SimDuration | undefined;
  /** Runs `listener` at each crash, boot, cut or heal of `node`, at the fault's instant, before any engine event then. */
  onReachabilityChange(node: string, listener: () => void): void;
  /**
   * A message sent in closed form and still on its way arrives at `at` (not before now): counted, and
   * delivered unless a node at either end is down or cut off then, as if {@link NetworkApi.send} had sent it.
   */
  arrive(channel: MessageClass, from: string, to: string, label: string, at: SimTime, deliver: () => void): void;
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
  /**
   * For engines that run user modules (`spec.extensions`): which field of an entry names the module
   * (`controller`, `framework`) and why a module's default export is not of the expected shape
   * (undefined: it is). Engines without extensions leave it out; their entries are ignored.
   */
  readonly extensions?: {
    readonly field: string;
    check(exported: unknown): string | undefined;
  };
}

/** Any registered engine, whatever its options type (the registry's element type). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyEngineFactory = EngineFactory<any>;
