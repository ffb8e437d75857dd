import { type NodeSpec } from '../../cluster/node.js';
import { type TaskLaunch } from '../../cluster/task.js';
import { type Prices, rateAt, type ServiceLevel, type TrafficSpec } from '../../intents/traffic.js';
import { type SimDuration, type SimTime, toSeconds } from '../../sim/time.js';
import { type AppSample, type MetricEvent } from '../events.js';
import { Sample } from '../quantiles.js';
import { costPerHour } from './cost-rate.js';
import { ServiceTraffic } from './service-traffic.js';
import { summarizeService, type TrafficServiceRow } from './traffic-summary.js';
import { type TrafficWindowRow } from './traffic-window.js';

/** What the traffic tracker is told up front: the services with traffic, the prices, the goals. */
export interface TrafficSetup {
  /** Services that declare traffic, by name (CSV rates already read). */
  readonly traffic: ReadonlyMap<string, TrafficSpec>;
  readonly prices?: Prices;
  readonly serviceLevels: readonly ServiceLevel[];
  readonly nodes: readonly NodeSpec[];
}

/** The traffic part of a trial's metrics. */
export interface TrafficMetrics {
  readonly windows: readonly TrafficWindowRow[];
  readonly services: readonly TrafficServiceRow[];
}

/** One replica of a service with traffic, as the tracker follows it. */
interface Replica {
  readonly service: ServiceTraffic;
  launched: boolean;
  running: boolean;
  /** Service discovery has published its endpoint (`endpoint` added, not yet removed). */
  endpoint: boolean;
  serving: boolean;
  runningAt: number;
  costRate: number;
}

/**
 * Request traffic, latency and cost of the services that declare traffic (DESIGN.md §6, issue
 * "Request traffic and cost"). A replica receives traffic while it runs on its node (the cluster's
 * truth) and the engine's service discovery has published its endpoint (an `endpoint` event); it
 * costs from its launch to its end. Latency per {@link TRAFFIC_WINDOW} comes from the analytic queue
 * over the serving replicas (queueing.ts), never from simulating requests one by one.
 */
export class TrafficTracker {
  private readonly services = new Map<string, ServiceTraffic>();
  private readonly replicas = new Map<string, Replica>();
  private readonly nodes: ReadonlyMap<string, NodeSpec>;
  /** Running → endpoint published, per replica (seconds): what service discovery adds. */
  private readonly discoveryDelay = new Map<string, Sample>();
  private readonly endpointCounts = new Map<string, { added: number; removed: number }>();

  constructor(private readonly setup: TrafficSetup) {
    this.nodes = new Map(setup.nodes.map((n) => [n.name, n]));
    for (const [name, t] of setup.traffic) {
      const goal = setup.serviceLevels.find((s) => s.service === name);
      this.services.set(name, new ServiceTraffic(name, t, goal, setup.prices));
      this.discoveryDelay.set(name, new Sample());
      this.endpointCounts.set(name, { added: 0, removed: 0 });
    }
  }

  /** Whether any service has traffic (the observer skips the tracker otherwise). */
  get active(): boolean {
    return this.services.size > 0;
  }

  /** The service names with traffic, in scenario order. */
  serviceNames(): string[] {
    return [...this.services.keys()];
  }

  /** Folds the events that concern traffic (task life, endpoints); the observer hands it every event. */
  fold(e: MetricEvent): void {
    switch (e.kind) {
      case 'task-launched':
        return this.launched(e.task, e.node, e.time);
      case 'task-running':
        return this.running(e.task, e.time);
      case 'task-ended':
        return this.ended(e.task, e.time);
      case 'endpoint':
        return this.endpoint(e.action, e.service, e.taskId, e.time);
    }
  }

  launched(task: TaskLaunch, node: string, now: SimTime): void {
    const r = this.replica(task.id, task.workload);
    if (!r || r.launched) return;
    r.service.advance(now);
    r.launched = true;
    r.costRate = this.setup.prices ? costPerHour(task.resources, this.nodes.get(node), this.setup.prices) : 0;
    r.service.allocated += 1;
    r.service.costRate += r.costRate;
  }

  running(task: TaskLaunch, now: SimTime): void {
    const r = this.replica(task.id, task.workload);
    if (!r) return;
    r.running = true;
    r.runningAt = now;
    this.reevaluate(r, now);
  }

  ended(task: TaskLaunch, now: SimTime): void {
    const r = this.replicas.get(task.id);
    if (!r) return;
    r.service.advance(now);
    r.running = false;
    this.reevaluate(r, now);
    if (r.launched) {
      r.service.allocated -= 1;
      r.service.costRate -= r.costRate;
      r.launched = false;
    }
    if (!r.endpoint) this.replicas.delete(task.id);
  }

  /** Service discovery published (`added`) or withdrew (`removed`) a replica's endpoint. */
  endpoint(action: 'added' | 'removed', service: string, taskId: string, now: SimTime): void {
    const counts = this.endpointCounts.get(service);
    if (!counts) return;
    const r = this.replica(taskId, service);
    if (!r) return;
    if (action === 'added') {
      counts.added += 1;
      r.endpoint = true;
      if (r.running) this.discoveryDelay.get(service)?.add(toSeconds((now - r.runningAt) as SimDuration));
    } else {
      counts.removed += 1;
      r.endpoint = false;
    }
    this.reevaluate(r, now);
    if (!r.endpoint && !r.launched && !r.running) this.replicas.delete(taskId);
  }

  /**
   * The application metrics of `service` as a scrape every `period` would have read them at `now`:
   * the last full window that had ended when the last scrape ran (a scrape sees what the application
   * exported then; nothing of the time since). Undefined before the first window closed.
   */
  scrape(service: string, now: SimTime, period: SimDuration): AppSample | undefined {
    if (!(period > 0)) throw new RangeError(`a scrape period must be longer than 0, got ${period} µs`);
    const s = this.services.get(service);
    if (!s) return undefined;
    const scrapedAt = (Math.floor(now / period) * period) as SimTime;
    s.advance(scrapedAt);
    const w = s.lastWindowBy(scrapedAt);
    if (!w) return undefined;
    return { scrapedAt: toSeconds(scrapedAt), windowStart: w.start, windowEnd: w.end, rate: w.rate, p50: w.p50, p99: w.p99, serving: w.serving };
  }

  /** Current gauges for the time series: rate, serving and allocated replicas, cost rate, per service. */
  gauges(now: SimTime): { service: string; rate: number; serving: number; allocated: number; costRate: number }[] {
    return [...this.services.values()].map((s) => {
      s.advance(now);
      return { service: s.name, rate: rateAt(s.traffic.rate, now), serving: s.serving, allocated: s.allocated, costRate: s.costRate };
    });
  }

  /** Closes every service's windows at `end` and summarizes them. */
  finish(end: SimTime): TrafficMetrics {
    const windows: TrafficWindowRow[] = [];
    const services: TrafficServiceRow[] = [];
    for (const s of this.services.values()) {
      s.finish(end);
      windows.push(...s.rows);
      const counts = this.endpointCounts.get(s.name) ?? { added: 0, removed: 0 };
      services.push(summarizeService(s, end, this.discoveryDelay.get(s.name) ?? new Sample(), counts));
    }
    return { windows, services };
  }

  private replica(id: string, service: string): Replica | undefined {
    let r = this.replicas.get(id);
    if (r) return r;
    const s = this.services.get(service);
    if (!s) return undefined;
    r = { service: s, launched: false, running: false, endpoint: false, serving: false, runningAt: 0, costRate: 0 };
    this.replicas.set(id, r);
    return r;
  }

  /**
   * Whether a replica receives traffic: it runs and service discovery knows its endpoint.
   * Hook for application readiness (issue #16): "runs" becomes "is ready" once readiness is modelled.
   */
  private reevaluate(r: Replica, now: SimTime): void {
    const serving = r.running && r.endpoint;
    if (serving === r.serving) return;
    r.service.advance(now);
    r.serving = serving;
    r.service.serving += serving ? 1 : -1;
  }
}
