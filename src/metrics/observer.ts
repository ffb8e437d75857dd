import { type NodeSpec } from '../cluster/node.js';
import { addResources, NO_RESOURCES, type Resources } from '../cluster/resources.js';
import { type SimTime, toSeconds } from '../sim/time.js';
import { type Intent, type Perturbation, taskCount } from '../intents/index.js';
import { type AppSample, type MetricEvent } from './events.js';
import { Sample } from './quantiles.js';
import { GAUGE_DIMENSIONS, ResourceGauge } from './resource-gauges.js';
import {
  addDemands,
  clearDemands,
  type DemandCause,
  dropDemands,
  isConverged,
  newServiceState,
  type ServiceGauges,
  serviceGauges,
  type ServiceState,
} from './service-tracker.js';
import { type LatencyMetric, type SeriesPoint, type TaskRecord, type TrialMetrics } from './trial-metrics.js';
import { ConvergenceTracker } from './convergence-tracker.js';
import { type InstanceRec, recountCurrent } from './instance-record.js';
import { finishTrial } from './trial-finish.js';
import { type CounterBox, NamedCounters } from './named-counters.js';
import { LatencySamples } from './latency-samples.js';
import { type BatchSink, BatchTracker, newJobRec } from './batch-tracker.js';
import { PendingReasons } from './pending-reasons.js';
import { TaskEvents } from './task-events.js';
import { TransactionTally } from './transaction-tally.js';
import { TrafficTracker, type TrafficSetup } from './traffic/traffic-tracker.js';
import { type SimDuration } from '../sim/time.js';
import { LifecycleTracker } from './lifecycle/lifecycle-tracker.js';

/** What the observer needs to know about the trial up front. */
export interface ObserverSetup {
  readonly nodes: readonly NodeSpec[];
  readonly tenants: readonly { readonly name: string; readonly weight: number }[];
  readonly horizon: SimTime;
  readonly detail: boolean;
  readonly explain: boolean;
  /** Services with request traffic, prices and service levels; absent or empty: no traffic is measured. */
  readonly traffic?: Omit<TrafficSetup, 'nodes'>;
  /**
   * Present when the scenario declares some application lifecycle (startup, readiness, dependencies,
   * configs or a lifecycle event): measure it (metrics/lifecycle/). `apps` are the services of the app
   * catalog, whose readiness the cluster reports (the others are ready while they run). Absent: every
   * figure is measured exactly as before.
   */
  readonly lifecycle?: { readonly apps: readonly string[] };
}

/**
 * The metrics observer (DESIGN.md §6): folds the cluster's truth, the workload's intents and the
 * engines' reports into latency, convergence, job, utilization, fairness and traffic figures. It
 * decides what ran when from the cluster, never from an engine's say-so.
 */
export class Observer {
  private readonly instances = new Map<string, InstanceRec>();
  private readonly services = new Map<string, ServiceState>();
  private readonly batch = new BatchTracker();
  private readonly latency = new LatencySamples();
  private readonly counters = new NamedCounters();
  /** The boxes of the counters bumped on every message or decision (made at their first bump). */
  private messagesBox: CounterBox | undefined;
  private droppedBox: CounterBox | undefined;
  private decisionsBox: CounterBox | undefined;
  private readonly offerCounters = this.counters.family('offers-');
  private readonly engineCounters = this.counters.family('counter:');
  private readonly endCounters = this.counters.family('tasks-');
  private readonly pendingReasons = new PendingReasons(this.batch);
  private readonly runningByWorkload = new Map<string, number>();
  private readonly util: ResourceGauge;
  private readonly tenantGauges = new Map<string, ResourceGauge>();
  private readonly locked: ResourceGauge;
  private readonly lockedBy = new Map<string, ResourceGauge>();
  /** The holder of the last lock change and its gauge (one framework's locks come in runs). */
  private lastHolder: string | undefined;
  private lastHolderGauge: ResourceGauge | undefined;
  /** Busy time per scheduler (µs), boxed so that a decision is one lookup. */
  /** Think time per scheduler: `v` is clipped at the horizon, `until` is where its last decision ends. */
  private readonly busy = new Map<string, { v: number; until: number }>();
  /** Optimistic schedulers' transactions and useful / wasted think time. */
  private readonly transactions = new TransactionTally();
  private readonly convergence: ConvergenceTracker;
  private readonly series: SeriesPoint[] = [];
  private readonly taskRecords: TaskRecord[] = [];
  private readonly explainRecords: Readonly<Record<string, unknown>>[] = [];
  private readonly total: Resources;
  private lostBatchPending = 0;
  private unconvergedServices = 0;
  private readonly hops = new Sample();
  /** How the batch tracker reports latencies and lost tasks back. */
  private readonly batchSink: BatchSink = {
    record: (metric, group, micros) => this.record(metric, group, micros),
    lost: (delta, now) => this.setLostBatch(delta, now),
    jobCompleted: () => this.bump('jobs-completed', 1),
  };
  /** The handlers of task placements, launches, starts and ends. */
  private readonly tasks: TaskEvents;
  /** Time of the event being folded (every change is stamped with it). */
  private now: SimTime = 0 as SimTime;
  /** Request traffic and cost of the services that declare traffic; undefined when none does. */
  private readonly traffic: TrafficTracker | undefined;
  /** The lifecycle metrics, for a trial that declares a lifecycle. */
  private readonly lifecycle: LifecycleTracker | undefined;

  constructor(private readonly setup: ObserverSetup) {
    this.total = setup.nodes.reduce((acc, n) => addResources(acc, n.allocatable), NO_RESOURCES);
    const start = 0 as SimTime;
    this.util = new ResourceGauge(start, this.total);
    this.locked = new ResourceGauge(start, this.total);
    for (const t of setup.tenants) this.tenantGauges.set(t.name, new ResourceGauge(start, this.total));
    this.convergence = new ConvergenceTracker();
    this.lifecycle = setup.lifecycle ? new LifecycleTracker(setup.lifecycle.apps, this.latency, this.counters) : undefined;
    this.tasks = new TaskEvents({
      detail: setup.detail,
      instances: this.instances,
      services: this.services,
      batch: this.batch,
      batchSink: this.batchSink,
      counters: this.counters,
      endCounters: this.endCounters,
      runningByWorkload: this.runningByWorkload,
      util: this.util,
      tenantGauges: this.tenantGauges,
      convergence: this.convergence,
      taskRecords: this.taskRecords,
      withService: (s, change) => this.withService(s, change),
      isOperation: (workload) => this.lifecycle?.isOperation(workload) ?? false,
      record: (metric, group, micros, cause) => this.record(metric, group, micros, cause),
      bump: (name, by) => this.bump(name, by),
    });
    const traffic = setup.traffic && setup.traffic.traffic.size > 0 ? new TrafficTracker({ ...setup.traffic, nodes: setup.nodes }) : undefined;
    this.traffic = traffic;
  }

  /**
   * The application metrics of a service with traffic as a scrape every `period` would have read
   * them now (TrafficTracker.scrape); undefined for other services and before the first window.
   */
  scrapeApp(service: string, now: SimTime, period: SimDuration): AppSample | undefined {
    return this.traffic?.scrape(service, now, period);
  }

  /** The harness hands every intent to the observer just before the engine gets it. */
  onIntent(intent: Intent): void {
    const now = intent.time;
    this.now = now;
    switch (intent.kind) {
      case 'service-declared': {
        const s = newServiceState(intent.service.name, intent.service.replicas, intent.service.version);
        addDemands(s, intent.service.replicas, now, 'submit');
        this.withService(s, () => this.services.set(s.name, s));
        break;
      }
      case 'service-scaled': {
        const s = this.services.get(intent.service);
        if (!s) break;
        this.withService(s, () => {
          const delta = intent.replicas - s.desired;
          if (delta > 0) addDemands(s, delta, now, 'scale');
          else dropDemands(s, -delta);
          s.desired = intent.replicas;
        });
        break;
      }
      case 'service-rollout': {
        const s = this.services.get(intent.service);
        if (!s) break;
        this.withService(s, () => {
          s.version = intent.version;
          clearDemands(s);
          addDemands(s, s.desired, now, 'rollout');
          recountCurrent(s, this.instances.values());
        });
        break;
      }
      case 'config-changed':
      case 'service-restart':
      case 'run-once-per-node':
        break;
      case 'job-submitted': {
        const name = intent.job.name;
        const previous = this.batch.jobs.get(name);
        const rec = newJobRec(intent.job.workload, taskCount(intent.job.tasks), now, intent.job.sync);
        this.batch.add(name, rec);
        this.pendingReasons.adopt(name, rec, previous);
        this.bump('jobs-submitted', 1);
        break;
      }
    }
    this.lifecycleIntent(intent);
  }

  /** Folds an intent into the lifecycle metrics (after the service state saw it) and re-reads convergence. */
  private lifecycleIntent(intent: Intent): void {
    if (!this.lifecycle) return;
    this.lifecycle.onIntent(intent);
    this.convergence.observe(this.now, this.isConverged(), this.gauges());
  }

  /** The harness opens a perturbation window at its time (same-time perturbations are merged by the caller). */
  onPerturbation(p: Perturbation, now: SimTime): void {
    this.now = now;
    this.convergence.open(p, now, this.isConverged(), this.gauges());
  }

  /** Folds one event. */
  readonly sink = (e: MetricEvent): void => {
    this.now = e.time;
    if (this.traffic) this.traffic.fold(e);
    if (this.lifecycle) {
      this.fold(e);
      this.lifecycle.fold(e);
      this.convergence.observe(this.now, this.isConverged(), this.gauges());
      return;
    }
    this.fold(e);
  };

  /** Folds one event into everything but the lifecycle metrics. */
  private fold(e: MetricEvent): void {
    switch (e.kind) {
      case 'task-placed':
        return this.tasks.placed(e.taskId, e.node, e.time, e.workload, e.tenant, e.taskKey, e.version);
      case 'task-launched':
        return this.tasks.launched(e.task, e.node, e.time);
      case 'task-running':
        return this.tasks.running(e.task, e.time);
      case 'task-ended':
        return this.tasks.ended(e.task, e.how, e.wasRunning, e.time);
      case 'endpoint':
        return this.bump(`endpoints-${e.action}`, 1);
      case 'node-crashed':
      case 'node-recovered':
      case 'node-partitioned':
      case 'node-healed':
        return this.bump(e.kind, 1);
      case 'message':
        if (e.delivered) (this.messagesBox ??= this.counters.box('messages')).v += 1;
        else (this.droppedBox ??= this.counters.box('messages-dropped')).v += 1;
        this.counters.messageBox(e.channel, e.label, e.delivered).v += 1;
        return;
      case 'message-tally':
        return this.tallyMessages(e);
      case 'offer':
        this.offerCounters.box(e.action).v += 1;
        return;
      case 'locked': {
        this.locked.add(e.time, e.delta, 1);
        let g = e.holder === this.lastHolder ? this.lastHolderGauge : this.lockedBy.get(e.holder);
        if (!g) this.lockedBy.set(e.holder, (g = new ResourceGauge(0 as SimTime, this.total)));
        this.lastHolder = e.holder;
        this.lastHolderGauge = g;
        g.add(e.time, e.delta, 1);
        return;
      }
      case 'decision':
        let b = this.busy.get(e.scheduler);
        if (!b) this.busy.set(e.scheduler, (b = { v: 0, until: 0 }));
        b.v += Math.min(e.duration, Math.max(0, this.setup.horizon - e.time));
        b.until = Math.max(b.until, e.time + e.duration);
        (this.decisionsBox ??= this.counters.box('decisions')).v += 1;
        return;
      case 'transaction':
        this.transactions.fold(e);
        return;
      case 'job-abandoned': {
        const job = this.batch.jobs.get(e.job);
        if (job && !job.abandoned) {
          job.abandoned = true;
          this.bump('jobs-abandoned', 1);
        }
        return;
      }
      case 'job-considered': {
        // The first per job is its queue wait; later ones (every attempt) change nothing.
        const job = this.batch.jobs.get(e.job);
        if (job && !job.considered) {
          job.considered = true;
          this.record('job-queue-wait', job.workload, e.time - job.submitted);
        }
        return;
      }
      case 'client-informed': {
        const job = this.batch.markInformed(e.job);
        if (job) this.record('sync-informed', job.workload, e.time - job.submitted);
        this.hops.add(e.hops);
        return;
      }
      case 'counter':
        this.engineCounters.box(e.name).v += e.by;
        return;
      case 'task-pending':
        this.pendingReasons.set(e.taskKey ?? e.workload, e.reason);
        return;
      case 'explain':
        if (this.setup.explain) this.explainRecords.push({ time: toSeconds(e.time), ...e.record });
        return;
      default:
        // The lifecycle's own events (readiness, restarts, config, operations) go to LifecycleTracker.
        return;
    }
  }

  /** Messages a closed-form loop counted: as many `message` events. Boxes are made only for counts above 0 (the explicit loop made none otherwise). */
  private tallyMessages(e: Extract<MetricEvent, { kind: 'message-tally' }>): void {
    if (e.delivered > 0) {
      (this.messagesBox ??= this.counters.box('messages')).v += e.delivered;
      this.counters.messageBox(e.channel, e.label, true).v += e.delivered;
    }
    if (e.dropped > 0) {
      (this.droppedBox ??= this.counters.box('messages-dropped')).v += e.dropped;
      this.counters.messageBox(e.channel, e.label, false).v += e.dropped;
    }
  }

  /** Applies a change to a service and keeps the convergence bookkeeping in step. */
  private withService(s: ServiceState, change: () => void): void {
    const before = this.services.has(s.name) ? isConverged(s) : true;
    change();
    const after = isConverged(s);
    if (before !== after) this.unconvergedServices += after ? -1 : 1;
    this.convergence.observe(this.now, this.isConverged(), this.gauges());
  }

  private setLostBatch(delta: number, now: SimTime): void {
    this.lostBatchPending += delta;
    this.convergence.observe(now, this.isConverged(), this.gauges());
  }

  private isConverged(): boolean {
    return this.unconvergedServices === 0 && this.lostBatchPending === 0 && (this.lifecycle?.settled() ?? true);
  }

  /** The service totals; with a lifecycle, available replicas are the ready ones. */
  private gauges(): ServiceGauges {
    const g = serviceGauges(this.services.values());
    return this.lifecycle ? { ...g, available: this.lifecycle.available() } : g;
  }

  /** Takes one time-series sample (the harness calls it periodically, after all same-time events). */
  sample(now: SimTime): void {
    const t = toSeconds(now);
    const push = (series: string, value: number): void => {
      this.series.push({ time: t, series, value });
    };
    for (const s of this.services.values()) {
      push(`desired/${s.name}`, s.desired);
      push(`running/${s.name}`, s.running);
      push(`running-current/${s.name}`, s.runningCurrent);
    }
    for (const [w, n] of this.runningByWorkload) if (!this.services.has(w)) push(`running/${w}`, n);
    for (const d of GAUGE_DIMENSIONS) if (this.total[d] > 0) push(`util/${d}`, this.util.current(d));
    for (const [name, g] of this.tenantGauges) push(`share/${name}`, g.dominant());
    if (this.lockedBy.size > 0) {
      push('locked/cpu', this.locked.current('cpu'));
      push('locked/memory', this.locked.current('memory'));
    }
    this.lifecycle?.sample(push);
    push('converged', this.isConverged() ? 1 : 0);
    if (this.traffic) {
      for (const g of this.traffic.gauges(now)) {
        push(`rate/${g.service}`, g.rate);
        push(`serving/${g.service}`, g.serving);
        push(`allocated/${g.service}`, g.allocated);
        if (this.setup.traffic?.prices) push(`cost/${g.service}`, g.costRate);
      }
    }
  }

  private record(metric: LatencyMetric, group: string, micros: number, cause?: DemandCause): void {
    this.latency.record(metric, group, micros, cause);
  }

  /** Adds to a named counter of the results (the harness counts e.g. skipped trace rows with it). */
  count(name: string, by: number): void {
    this.bump(name, by);
  }

  private bump(name: string, by: number): void {
    this.counters.bump(name, by);
  }

  /** Closes every window at the horizon and returns the trial's metrics as plain data. */
  finish(end: SimTime): TrialMetrics {
    this.lifecycle?.finish(end);
    const traffic = this.traffic?.finish(end);
    const metrics = finishTrial(end, {
      setup: this.setup,
      convergedNow: this.isConverged(),
      convergence: this.convergence,
      batch: this.batch,
      pendingReasons: this.pendingReasons,
      services: this.services,
      instances: this.instances,
      latency: this.latency,
      counters: this.counters,
      busy: this.busy,
      transactions: this.transactions,
      tenantGauges: this.tenantGauges,
      lockedBy: this.lockedBy,
      util: this.util,
      locked: this.locked,
      total: this.total,
      hops: this.hops,
      series: this.series,
      taskRecords: this.taskRecords,
      explainRecords: this.explainRecords,
      replicasReady: this.lifecycle?.readyReplicas() ?? NaN,
    });
    return traffic ? { ...metrics, traffic } : metrics;
  }
}
