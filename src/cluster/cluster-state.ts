import { PRIORITY, type Simulator } from '../sim/simulator.js';
import { type TimerHandle } from '../sim/event-queue.js';
import { addTime, type SimDuration } from '../sim/time.js';
import { type AppCatalog, type ConfigVersionRef, NO_APPS } from './app-behaviour.js';
import { AppTruth } from './app-truth.js';
import { type ClusterEventSink, type ProcessExitReason } from './events.js';
import { type NodeSpec } from './node.js';
import { changeUsed, clearUsed, type NodeTruth, usedOf } from './node-truth.js';
import { fitsWithin, formatResources, NO_RESOURCES, type Resources, subtractResources } from './resources.js';
import { type LaunchResult, type RestartOptions, type TaskExit, type TaskLaunch, type TaskListener } from './task.js';

/** A broken invariant: an engine tried to put more on a node than it has. */
export class OverCommitError extends Error {
  constructor(node: string, task: TaskLaunch, free: Resources, tasks: number, max: number) {
    super(
      `over-commit on node ${node}: task ${task.id} needs ${formatResources(task.resources)} but only ${formatResources(free)} is free` +
        (tasks >= max ? ` (and the node already runs ${tasks}/${max} tasks)` : ''),
    );
    this.name = 'OverCommitError';
  }
}

interface Instance {
  readonly task: TaskLaunch;
  readonly listener: TaskListener;
  /** The node it runs on (its timers need nothing else). */
  readonly node: NodeTruth<Instance>;
  /** The node's name (what the app model needs of an instance, with `task`). */
  readonly nodeName: string;
  running: boolean;
  timer: TimerHandle | undefined;
  /** In-place restarts so far. */
  restarts: number;
  /** The config version the app runs (or will read at its next container start); absent: no config. */
  config: ConfigVersionRef | undefined;
}

/** Who is told when a node boots or dies: only that node's own agent may listen (it runs there). */
export type NodeLifecycleListener = (change: 'crashed' | 'booted') => void;

/**
 * The physical truth of the cluster: which instances run on which node, and which nodes are up or
 * cut off. Only node agents start and stop instances, through {@link launch} and {@link stop};
 * only the harness applies faults. A launch that would over-commit a node throws.
 */
export class Cluster {
  private readonly nodesByName = new Map<string, NodeTruth<Instance>>();
  private readonly lifecycle = new Map<string, NodeLifecycleListener[]>();
  private readonly reachability = new Map<string, (() => void)[]>();
  private readonly nodeList: readonly NodeSpec[];
  private readonly apps: AppTruth;
  /** The node {@link truth} found last, and its name. */
  private lastName: string | undefined;
  private lastTruth: NodeTruth<Instance> | undefined;

  constructor(
    private readonly sim: Simulator,
    nodes: readonly NodeSpec[],
    /** Time from a launch request until the process runs (the latency model's task start). */
    private readonly startDelay: (task: TaskLaunch) => SimDuration,
    private readonly sink: ClusterEventSink,
    /** The behaviour of the services' apps (startup, dependencies, config); none: ready while running. */
    private readonly catalog: AppCatalog = NO_APPS,
  ) {
    this.nodeList = nodes;
    this.apps = new AppTruth(
      sim,
      catalog,
      sink,
      (process, reason) => this.processExit(process as Instance, 'failed', reason),
      (process, ready) => (process as Instance).listener.onReadiness?.(ready),
    );
    for (const spec of nodes) {
      if (this.nodesByName.has(spec.name)) throw new Error(`duplicate node name ${spec.name}`);
      this.nodesByName.set(spec.name, {
        spec,
        up: true,
        partitioned: false,
        usedCpu: 0,
        usedMemory: 0,
        usedGpu: 0,
        usedExt: undefined,
        usedCache: NO_RESOURCES,
        instances: new Map(),
      });
    }
  }

  /** Every node of the cluster, in scenario order (the inventory; says nothing about health). */
  get nodes(): readonly NodeSpec[] {
    return this.nodeList;
  }

  /** The spec of one node; throws for an unknown name. */
  node(name: string): NodeSpec {
    return this.truth(name).spec;
  }

  isUp(name: string): boolean {
    return this.truth(name).up;
  }

  isPartitioned(name: string): boolean {
    return this.truth(name).partitioned;
  }

  /** True when messages to and from the node get through: it is up and not partitioned. */
  isReachable(name: string): boolean {
    const n = this.truth(name);
    return n.up && !n.partitioned;
  }

  /** Resources held by instances on the node (starting or running). */
  used(name: string): Resources {
    return usedOf(this.truth(name));
  }

  /** Allocatable minus used. */
  free(name: string): Resources {
    const n = this.truth(name);
    const cap = n.spec.allocatable;
    // cap − used, as subtractResources computes it, without making the used vector first.
    if (cap.ext === undefined && n.usedExt === undefined) return { cpu: cap.cpu - n.usedCpu, memory: cap.memory - n.usedMemory, gpu: cap.gpu - n.usedGpu };
    return subtractResources(cap, usedOf(n));
  }

  /** Instances on the node (starting or running). */
  instancesOn(name: string): readonly TaskLaunch[] {
    return [...this.truth(name).instances.values()].map((i) => i.task);
  }

  /** Number of instances on the node. */
  countOn(name: string): number {
    return this.truth(name).instances.size;
  }

  /** Whether the instance is running (not merely starting) on the node. */
  isRunning(name: string, id: string): boolean {
    return this.truth(name).instances.get(id)?.running ?? false;
  }

  /** True when `task` fits on the node now (resources and task count). */
  fits(name: string, task: TaskLaunch): boolean {
    const n = this.truth(name);
    if (n.instances.size >= n.spec.maxTasks) return false;
    const d = task.resources;
    const cap = n.spec.allocatable;
    // Without extended resources, the same comparisons as fitsWithin(d, cap − used), without
    // building the difference (this runs for every candidate node of every placement).
    if (d.ext === undefined && cap.ext === undefined && n.usedExt === undefined)
      return !(d.cpu > cap.cpu - n.usedCpu || d.memory > cap.memory - n.usedMemory || d.gpu > cap.gpu - n.usedGpu);
    return fitsWithin(d, subtractResources(cap, usedOf(n)));
  }

  /**
   * Called by the node's agent: reserves the resources now and starts the process after the start
   * delay. Over-commit or a duplicate instance id throws; a down node returns `node-down`.
   */
  launch(name: string, task: TaskLaunch, listener: TaskListener = {}): LaunchResult {
    const n = this.truth(name);
    if (!n.up) return { kind: 'node-down' };
    if (n.instances.has(task.id)) throw new Error(`instance ${task.id} is already on node ${name}`);
    if (!this.fits(name, task)) throw new OverCommitError(name, task, subtractResources(n.spec.allocatable, usedOf(n)), n.instances.size, n.spec.maxTasks);
    const instance: Instance = { task, listener, node: n, nodeName: name, running: false, timer: undefined, restarts: 0, config: this.initialConfig(task) };
    n.instances.set(task.id, instance);
    changeUsed(n, task.resources, 1);
    this.sink({ kind: 'task-launched', time: this.sim.now(), node: name, task });
    // As sim.after(delay) would schedule it, with one shared handler instead of a closure per launch.
    instance.timer = this.sim.at(addTime(this.sim.now(), this.startDelay(task)), this.runningHandler, instance, PRIORITY.engine);
    return { kind: 'launched' };
  }

  /** Called by the node's agent: kills an instance (no-op if it is not there). */
  stop(name: string, id: string): boolean {
    const n = this.truth(name);
    const instance = n.instances.get(id);
    if (!instance || !n.up) return false;
    this.end(n, instance, 'stopped');
    return true;
  }

  /**
   * Called by the node's agent: restarts an instance in place (NodeAgentApi.restart): same id and
   * resources, restarts + 1; a running or starting process is killed now, and a new container starts
   * after the start delay. False when the instance is not there or the node is down. A config in
   * `options` replaces the instance's only when it is newer (versions only increase).
   */
  restart(name: string, id: string, options: RestartOptions = {}): boolean {
    const n = this.truth(name);
    const instance = n.instances.get(id);
    if (!instance || !n.up) return false;
    const killedRunning = instance.running;
    if (instance.timer !== undefined) this.sim.cancel(instance.timer);
    this.apps.stopped(instance);
    instance.running = false;
    instance.restarts++;
    // Versions only increase: a restart naming an older version of the config keeps the one it ran.
    const config = options.config;
    if (config !== undefined && (instance.config?.name !== config.name || config.version > instance.config.version)) instance.config = config;
    this.sink({ kind: 'task-restarted', time: this.sim.now(), node: name, task: instance.task, restarts: instance.restarts, killedRunning });
    instance.timer = this.sim.at(addTime(this.sim.now(), this.startDelay(instance.task)), this.runningHandler, instance, PRIORITY.engine);
    return true;
  }

  /**
   * Called by the node's agent: writes a newer version of the instance's config into its mounted file;
   * the app runs it from now (NodeAgentApi.deliverConfig). False when the instance is not there, the
   * node is down, or the instance runs another config; an older or equal version changes nothing.
   */
  deliverConfig(name: string, id: string, config: ConfigVersionRef): boolean {
    const n = this.truth(name);
    const instance = n.instances.get(id);
    if (!instance || !n.up || instance.config?.name !== config.name) return false;
    if (config.version <= instance.config.version) return true;
    instance.config = config;
    if (instance.running) this.sink({ kind: 'config-applied', time: this.sim.now(), node: name, task: instance.task, config, how: 'delivered' });
    return true;
  }

  /** What a readiness probe on the node sees now: the instance runs and its app is ready. */
  isReady(name: string, id: string): boolean {
    const instance = this.truth(name).instances.get(id);
    return instance !== undefined && instance.running && this.apps.isReady(instance);
  }

  /** In-place restarts of an instance so far (0 when it is not there). */
  restartsOf(name: string, id: string): number {
    return this.truth(name).instances.get(id)?.restarts ?? 0;
  }

  /** Ready replicas of a service now, by the app model (0 for a service without app behaviour). */
  readyReplicas(service: string): number {
    return this.apps.readyCount(service);
  }

  /** Lets a node's own agent learn that its machine booted or died (nobody else may listen). */
  onLifecycle(name: string, listener: NodeLifecycleListener): void {
    this.truth(name);
    const list = this.lifecycle.get(name) ?? [];
    list.push(listener);
    this.lifecycle.set(name, list);
  }

  /**
   * Runs `listener` after each fault that may change whether messages reach the node (it crashed,
   * booted, was cut off or healed), at the fault's instant. The network's closed-form accounting
   * uses it (Network.onReachabilityChange); node agents learn of faults only through
   * {@link onLifecycle} and lost messages.
   */
  onReachability(name: string, listener: () => void): void {
    this.truth(name);
    const list = this.reachability.get(name) ?? [];
    list.push(listener);
    this.reachability.set(name, list);
  }

  private reachabilityChanged(name: string): void {
    const list = this.reachability.get(name);
    if (list) for (const l of list) l();
  }

  /** Fault: the node dies; every instance on it is lost at this instant. */
  crash(name: string): void {
    const n = this.truth(name);
    if (!n.up) return;
    const now = this.sim.now();
    for (const instance of [...n.instances.values()]) {
      if (instance.timer !== undefined) this.sim.cancel(instance.timer);
      this.apps.stopped(instance);
      n.instances.delete(instance.task.id);
      this.sink({ kind: 'task-ended', time: now, node: name, task: instance.task, how: 'lost', wasRunning: instance.running });
    }
    clearUsed(n);
    n.up = false;
    this.sink({ kind: 'node-crashed', time: now, node: name });
    this.reachabilityChanged(name);
    for (const l of this.lifecycle.get(name) ?? []) l('crashed');
  }

  /** Fault repair: the node comes back empty. */
  recover(name: string): void {
    const n = this.truth(name);
    if (n.up) return;
    n.up = true;
    this.sink({ kind: 'node-recovered', time: this.sim.now(), node: name });
    this.reachabilityChanged(name);
    for (const l of this.lifecycle.get(name) ?? []) l('booted');
  }

  /** Fault: the node and its instances keep running, but no message reaches or leaves it. */
  partition(name: string): void {
    const n = this.truth(name);
    if (n.partitioned) return;
    n.partitioned = true;
    this.sink({ kind: 'node-partitioned', time: this.sim.now(), node: name });
    this.reachabilityChanged(name);
  }

  /** Fault repair: messages flow again. */
  heal(name: string): void {
    const n = this.truth(name);
    if (!n.partitioned) return;
    n.partitioned = false;
    this.sink({ kind: 'node-healed', time: this.sim.now(), node: name });
    this.reachabilityChanged(name);
  }

  /** The start delay is over: the instance runs. */
  private readonly runningHandler = (instance: Instance): void => {
    instance.running = true;
    const task = instance.task;
    const now = this.sim.now();
    if (instance.restarts === 0) this.sink({ kind: 'task-running', time: now, node: instance.nodeName, task });
    else this.sink({ kind: 'process-started', time: now, node: instance.nodeName, task, restarts: instance.restarts });
    if (instance.config !== undefined)
      this.sink({ kind: 'config-applied', time: now, node: instance.nodeName, task, config: instance.config, how: 'container-start' });
    instance.timer = task.runFor === undefined ? undefined : this.sim.at(addTime(now, task.runFor), this.runOutHandler, instance, PRIORITY.engine);
    this.apps.started(instance);
    instance.listener.onRunning?.();
  };

  /** A task with a run time reached it. */
  private readonly runOutHandler = (instance: Instance): void => {
    this.processExit(instance, instance.task.exitAs ?? 'finished', 'run-out');
  };

  /**
   * The instance's process exits on its own: the instance ends with it, unless it is `holdOnExit`
   * (then it stays, holding its resources, until its agent restarts or stops it).
   */
  private processExit(instance: Instance, how: 'finished' | 'failed', reason: ProcessExitReason): void {
    if (!instance.task.holdOnExit) return this.end(instance.node, instance, how, reason);
    if (instance.timer !== undefined) this.sim.cancel(instance.timer);
    instance.timer = undefined;
    this.apps.stopped(instance);
    instance.running = false;
    this.sink({ kind: 'process-exited', time: this.sim.now(), node: instance.nodeName, task: instance.task, how, reason });
    instance.listener.onProcessExit?.(how);
  }

  private end(n: NodeTruth<Instance>, instance: Instance, how: TaskExit, reason?: ProcessExitReason): void {
    if (instance.timer !== undefined) this.sim.cancel(instance.timer);
    this.apps.stopped(instance);
    n.instances.delete(instance.task.id);
    changeUsed(n, instance.task.resources, -1);
    const why = reason === undefined || reason === 'run-out' ? {} : { reason };
    this.sink({ kind: 'task-ended', time: this.sim.now(), node: n.spec.name, task: instance.task, how, wasRunning: instance.running, ...why });
    instance.listener.onExit?.(how);
  }

  /** The config an instance starts with: the one its launch names, else its service's initial version. */
  private initialConfig(task: TaskLaunch): ConfigVersionRef | undefined {
    if (task.config !== undefined) return task.config;
    const config = task.taskKey === undefined ? this.catalog.get(task.workload)?.config : undefined;
    return config && { name: config.name, version: config.initialVersion };
  }

  private truth(name: string): NodeTruth<Instance> {
    // Calls come in runs for one node (fits, launch, free of the same agent): the last one is kept.
    if (name === this.lastName) return this.lastTruth as NodeTruth<Instance>;
    const n = this.nodesByName.get(name);
    if (!n) throw new Error(`unknown node ${name}`);
    this.lastName = name;
    this.lastTruth = n;
    return n;
  }
}
