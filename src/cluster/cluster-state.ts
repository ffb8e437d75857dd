import { PRIORITY, type Simulator } from '../sim/simulator.js';
import { type TimerHandle } from '../sim/event-queue.js';
import { addTime, type SimDuration } from '../sim/time.js';
import { type ClusterEventSink } from './events.js';
import { type NodeSpec } from './node.js';
import { addResources, fitsWithin, formatResources, NO_RESOURCES, type Resources, subtractResources } from './resources.js';
import { type LaunchResult, type TaskExit, type TaskLaunch, type TaskListener } from './task.js';

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
  readonly node: NodeTruth;
  running: boolean;
  timer: TimerHandle | undefined;
}

/**
 * One node's truth. What its instances hold is kept as three numbers changed in place (the same
 * sums and differences addResources / subtractResources compute, without a new vector per launch
 * and end); the vector `used` is made from them when asked, and kept until the next change. Once
 * an extended resource shows up the node keeps the vector instead (`usedExt`), through the vector
 * operations, so that the ext entries come out exactly as before.
 */
interface NodeTruth {
  readonly spec: NodeSpec;
  up: boolean;
  partitioned: boolean;
  usedCpu: number;
  usedMemory: number;
  usedGpu: number;
  /** The used vector while it has (or had) extended resources: then it is the truth. */
  usedExt: Resources | undefined;
  /** The used vector made from the numbers, until they change. */
  usedCache: Resources | undefined;
  readonly instances: Map<string, Instance>;
}

/** The resources held by the node's instances. */
function usedOf(n: NodeTruth): Resources {
  if (n.usedExt !== undefined) return n.usedExt;
  return (n.usedCache ??= { cpu: n.usedCpu, memory: n.usedMemory, gpu: n.usedGpu });
}

/** Adds (sign 1) or removes (sign −1) an instance's resources. */
function changeUsed(n: NodeTruth, r: Resources, sign: 1 | -1): void {
  if (n.usedExt === undefined && r.ext === undefined) {
    if (sign === 1) {
      n.usedCpu += r.cpu;
      n.usedMemory += r.memory;
      n.usedGpu += r.gpu;
    } else {
      n.usedCpu -= r.cpu;
      n.usedMemory -= r.memory;
      n.usedGpu -= r.gpu;
    }
    n.usedCache = undefined;
    return;
  }
  const next = sign === 1 ? addResources(usedOf(n), r) : subtractResources(usedOf(n), r);
  n.usedExt = next;
  n.usedCpu = next.cpu;
  n.usedMemory = next.memory;
  n.usedGpu = next.gpu;
}

/** Back to nothing used (a crash), as the vector NO_RESOURCES. */
function clearUsed(n: NodeTruth): void {
  n.usedCpu = 0;
  n.usedMemory = 0;
  n.usedGpu = 0;
  n.usedExt = undefined;
  n.usedCache = NO_RESOURCES;
}

/** Who is told when a node boots or dies: only that node's own agent may listen (it runs there). */
export type NodeLifecycleListener = (change: 'crashed' | 'booted') => void;

/**
 * The physical truth of the cluster: which instances run on which node, and which nodes are up or
 * cut off. Only node agents start and stop instances, through {@link launch} and {@link stop};
 * only the harness applies faults. A launch that would over-commit a node throws.
 */
export class Cluster {
  private readonly nodesByName = new Map<string, NodeTruth>();
  private readonly lifecycle = new Map<string, NodeLifecycleListener[]>();
  private readonly reachability = new Map<string, (() => void)[]>();
  private readonly nodeList: readonly NodeSpec[];
  /** The node {@link truth} found last, and its name. */
  private lastName: string | undefined;
  private lastTruth: NodeTruth | undefined;

  constructor(
    private readonly sim: Simulator,
    nodes: readonly NodeSpec[],
    /** Time from a launch request until the process runs (the latency model's task start). */
    private readonly startDelay: (task: TaskLaunch) => SimDuration,
    private readonly sink: ClusterEventSink,
  ) {
    this.nodeList = nodes;
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
    const instance: Instance = { task, listener, node: n, running: false, timer: undefined };
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
    this.sink({ kind: 'task-running', time: this.sim.now(), node: instance.node.spec.name, task });
    instance.timer = task.runFor === undefined ? undefined : this.sim.at(addTime(this.sim.now(), task.runFor), this.runOutHandler, instance, PRIORITY.engine);
    instance.listener.onRunning?.();
  };

  /** A task with a run time reached it. */
  private readonly runOutHandler = (instance: Instance): void => {
    this.end(instance.node, instance, instance.task.exitAs ?? 'finished');
  };

  private end(n: NodeTruth, instance: Instance, how: TaskExit): void {
    if (instance.timer !== undefined) this.sim.cancel(instance.timer);
    n.instances.delete(instance.task.id);
    changeUsed(n, instance.task.resources, -1);
    this.sink({ kind: 'task-ended', time: this.sim.now(), node: n.spec.name, task: instance.task, how, wasRunning: instance.running });
    instance.listener.onExit?.(how);
  }

  private truth(name: string): NodeTruth {
    // Calls come in runs for one node (fits, launch, free of the same agent): the last one is kept.
    if (name === this.lastName) return this.lastTruth as NodeTruth;
    const n = this.nodesByName.get(name);
    if (!n) throw new Error(`unknown node ${name}`);
    this.lastName = name;
    this.lastTruth = n;
    return n;
  }
}
