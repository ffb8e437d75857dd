import { NO_CONSTRAINTS } from '../../src/cluster/constraints.js';
import { type NodeSpec } from '../../src/cluster/node.js';
import { resources, type Resources } from '../../src/cluster/resources.js';
import { type TaskLaunch } from '../../src/cluster/task.js';
import { type MetricEvent } from '../../src/metrics/events.js';
import { Observer, type ObserverSetup } from '../../src/metrics/observer.js';
import { type LatencyRow, type TrialMetrics } from '../../src/metrics/trial-metrics.js';
import { seconds, type SimTime } from '../../src/sim/time.js';
import { type BatchTask, type Perturbation } from '../../src/intents/index.js';

export const GI = 2 ** 30;

/** A node of 4 cores and 16 GiB (what most observer tests assume). */
export function node(name: string, cpu = 4000, memory = 16 * GI, gpu = 0): NodeSpec {
  return { name, allocatable: resources({ cpu, memory, gpu }), labels: {}, taints: [], maxTasks: 110 };
}

/** The resources of one replica or batch task unless a test says otherwise: 1 core, 1 GiB. */
export const UNIT: Resources = resources({ cpu: 1000, memory: GI });

interface Live {
  readonly task: TaskLaunch;
  readonly node: string;
  running: boolean;
}

/**
 * Feeds an {@link Observer} a hand-written trial, in the order the harness would (perturbation window
 * first, then the intent; engine reports and cluster truth as they happen). All times are seconds of
 * virtual time; the script must be written in time order.
 */
export class ObserverScript {
  readonly observer: Observer;
  private readonly live = new Map<string, Live>();
  private readonly versions = new Map<string, string>();
  private readonly tenants = new Map<string, string>();
  private readonly resourcesOf = new Map<string, Resources>();
  private readonly batch = new Map<string, { job: string; workload: string; tenant: string; runFor: number }>();
  private perturbations = 0;

  constructor(setup: Partial<ObserverSetup> = {}) {
    this.observer = new Observer({
      nodes: [node('n1'), node('n2'), node('n3'), node('n4')],
      tenants: [{ name: 'default', weight: 1 }],
      horizon: seconds(100),
      detail: false,
      explain: false,
      ...setup,
    });
  }

  /** Opens a perturbation window, as the harness does before applying what it stands for. */
  perturb(at: number, kind: Perturbation['kind'], label = kind): this {
    this.observer.onPerturbation({ index: this.perturbations++, time: seconds(at), kind, label }, seconds(at));
    return this;
  }

  declare(at: number, service: string, replicas: number, opts: { version?: string; tenant?: string; resources?: Resources } = {}): this {
    const version = opts.version ?? 'v1';
    const tenant = opts.tenant ?? 'default';
    this.versions.set(service, version);
    this.tenants.set(service, tenant);
    this.resourcesOf.set(service, opts.resources ?? UNIT);
    this.observer.onIntent({
      kind: 'service-declared',
      time: seconds(at),
      service: { name: service, tenant, replicas, resources: opts.resources ?? UNIT, priority: 0, constraints: NO_CONSTRAINTS, version },
    });
    return this;
  }

  scale(at: number, service: string, replicas: number): this {
    this.observer.onIntent({ kind: 'service-scaled', time: seconds(at), service, replicas });
    return this;
  }

  rollout(at: number, service: string, version: string): this {
    this.versions.set(service, version);
    this.observer.onIntent({ kind: 'service-rollout', time: seconds(at), service, version });
    return this;
  }

  /**
   * Submits a job of `tasks` tasks `<job>#<i>`, each running `runFor` seconds (`sync`: a client waits to
   * be told it finished; `uniform`: the tasks go as a count and one shape instead of a list).
   */
  submit(
    at: number,
    job: string,
    tasks: number,
    opts: { workload?: string; tenant?: string; runFor?: number; resources?: Resources; sync?: boolean; uniform?: boolean } = {},
  ): this {
    const workload = opts.workload ?? job;
    const tenant = opts.tenant ?? 'default';
    const runFor = opts.runFor ?? 10;
    const list: BatchTask[] = Array.from({ length: tasks }, (_, index) => {
      const key = `${job}#${index}`;
      this.batch.set(key, { job, workload, tenant, runFor });
      this.resourcesOf.set(key, opts.resources ?? UNIT);
      return { index, key, resources: opts.resources ?? UNIT, runFor: seconds(runFor), firstAttempt: 'finished' };
    });
    this.observer.onIntent({
      kind: 'job-submitted',
      time: seconds(at),
      job: {
        name: job,
        workload,
        tenant,
        priority: 0,
        constraints: NO_CONSTRAINTS,
        tasks: opts.uniform ? { count: tasks, shape: { resources: opts.resources ?? UNIT, runFor: seconds(runFor), firstAttempt: 'finished' } } : list,
        sync: opts.sync ?? false,
      },
    });
    return this;
  }

  /** An engine reports a placement of instance `id` of a service replica (`of` = service) or batch task (`of` = task key). */
  placed(at: number, id: string, of: string, node: string, version?: string): this {
    const bt = this.batch.get(of);
    const workload = bt ? bt.workload : of;
    const tenant = bt ? bt.tenant : (this.tenants.get(of) ?? 'default');
    this.emit({
      kind: 'task-placed',
      time: seconds(at),
      taskId: id,
      workload,
      tenant,
      node,
      ...(bt ? { taskKey: of } : { version: version ?? (this.versions.get(of) as string) }),
    });
    return this;
  }

  /** The node's agent launches the instance (the cluster's truth). */
  launched(at: number, id: string, of: string, node: string, version?: string): this {
    const bt = this.batch.get(of);
    const task: TaskLaunch = {
      id,
      workload: bt ? bt.workload : of,
      tenant: bt ? bt.tenant : (this.tenants.get(of) ?? 'default'),
      priority: 0,
      resources: this.resourcesOf.get(of) ?? UNIT,
      ...(bt ? { taskKey: of, runFor: seconds(bt.runFor) } : { version: version ?? (this.versions.get(of) as string) }),
    };
    this.live.set(id, { task, node, running: false });
    this.emit({ kind: 'task-launched', time: seconds(at), node, task });
    return this;
  }

  running(at: number, id: string): this {
    const l = this.mustLive(id);
    l.running = true;
    this.emit({ kind: 'task-running', time: seconds(at), node: l.node, task: l.task });
    return this;
  }

  /** The engine starts deciding about job `job` (`job-considered`). */
  considered(at: number, job: string): this {
    return this.emit({ kind: 'job-considered', time: seconds(at), job });
  }

  ended(at: number, id: string, how: 'finished' | 'failed' | 'stopped' | 'lost'): this {
    const l = this.mustLive(id);
    this.live.delete(id);
    this.emit({ kind: 'task-ended', time: seconds(at), node: l.node, task: l.task, how, wasRunning: l.running });
    return this;
  }

  /** Placement, launch and running in one go: placed at `placedAt` (launched at once), running at `runningAt`. */
  start(id: string, of: string, node: string, placedAt: number, runningAt: number, version?: string): this {
    return this.placed(placedAt, id, of, node, version).launched(placedAt, id, of, node, version).running(runningAt, id);
  }

  /** A node crash: every instance on it is lost at that instant, then the node is reported down. */
  crash(at: number, node: string): this {
    for (const [id, l] of [...this.live]) if (l.node === node) this.ended(at, id, 'lost');
    this.emit({ kind: 'node-crashed', time: seconds(at), node });
    return this;
  }

  emit(e: MetricEvent): this {
    this.observer.sink(e);
    return this;
  }

  finish(at = 100): TrialMetrics {
    return this.observer.finish(seconds(at) as SimTime);
  }

  private mustLive(id: string): Live {
    const l = this.live.get(id);
    if (!l) throw new Error(`script error: instance ${id} is not live`);
    return l;
  }
}

/**
 * Count, min, max and mean (seconds, mean rounded to 1e-9) of one latency distribution, or undefined
 * when nothing was recorded: exact for the few values a hand-written script produces.
 */
export function stats(m: TrialMetrics, metric: LatencyRow['metric'], group = 'all'): { count: number; min: number; max: number; mean: number } | undefined {
  const q = m.latency.find((r) => r.metric === metric && r.group === group)?.quantiles;
  return q ? { count: q.count, min: q.min, max: q.max, mean: Math.round(q.mean * 1e9) / 1e9 } : undefined;
}

/** How many values of one latency distribution are censored (still waiting at the end), or undefined when there is none. */
export function censored(m: TrialMetrics, metric: LatencyRow['metric'], group = 'all'): number | undefined {
  return m.latency.find((r) => r.metric === metric && r.group === group)?.quantiles.censored;
}
