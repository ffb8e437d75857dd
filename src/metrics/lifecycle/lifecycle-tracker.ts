import { type SimTime } from '../../sim/time.js';
import { type Intent } from '../../intents/index.js';
import { type MetricEvent } from '../events.js';
import { type LatencySamples } from '../latency-samples.js';
import { type NamedCounters } from '../named-counters.js';
import { AppReadiness } from './app-readiness.js';
import { ConfigBook } from './config-book.js';
import { OperationBook } from './operation-book.js';
import { type Replica, ReplicaBook } from './replica-book.js';

/**
 * The application-lifecycle metrics of a trial (readiness, restarts, config versions, operations),
 * folded from the cluster's truth, the intents and the engines' reports. The observer makes one only
 * for a trial whose scenario declares some lifecycle (a startup, readiness check, dependency, config or
 * lifecycle event): every other trial measures exactly what it did before.
 *
 * It also sharpens convergence ({@link settled}): every replica a service wants must be ready and run
 * its config's current version, and availability ({@link available}) counts ready replicas.
 */
export class LifecycleTracker {
  private readonly book = new ReplicaBook();
  private readonly readiness: AppReadiness;
  private readonly configs: ConfigBook;
  private readonly operations: OperationBook;
  private readonly down = new Set<string>();
  /** Names of the one-off operations (their tasks' workload). */
  private readonly operationNames = new Set<string>();

  constructor(
    /** The services of the app catalog: their readiness comes from `task-readiness` events. */
    apps: readonly string[],
    private readonly latency: LatencySamples,
    private readonly counters: NamedCounters,
  ) {
    for (const name of apps) this.book.service(name).readinessEvents = true;
    this.readiness = new AppReadiness(this.book, latency, counters);
    this.operations = new OperationBook(this.book, latency, counters);
    this.configs = new ConfigBook(this.book, (operation, now) => this.operations.done(operation, now));
  }

  /** An intent, as the engine gets it. */
  onIntent(intent: Intent): void {
    const now = intent.time;
    this.book.now = now;
    switch (intent.kind) {
      case 'service-declared': {
        const t = intent.service;
        const s = this.book.service(t.name);
        s.desired = t.replicas;
        s.declaredAt = now;
        s.declared = true;
        s.dependsOn = t.lifecycle?.dependsOn ?? [];
        s.config = t.lifecycle?.config?.name;
        if (t.lifecycle?.config) this.configs.declared(t.lifecycle.config.name, t.lifecycle.config.version);
        this.readiness.declared(s);
        break;
      }
      case 'service-scaled':
        this.book.service(intent.service).desired = intent.replicas;
        break;
      case 'config-changed':
        this.operations.asked(intent.operation, now);
        this.configs.changed(intent, now);
        break;
      case 'service-restart':
        this.operations.restart(intent);
        break;
      case 'run-once-per-node':
        this.operationNames.add(intent.operation);
        this.operations.runOnce(intent, (n) => !this.down.has(n));
        break;
      default:
        return;
    }
    this.settle(now);
  }

  /** Folds one event (the observer hands it every one). */
  fold(e: MetricEvent): void {
    this.book.now = e.time;
    switch (e.kind) {
      case 'task-launched':
        if (e.task.taskKey === undefined) this.book.launched(e.task, e.time);
        return;
      case 'task-running':
      case 'process-started':
        return this.withReplica(e.task.id, (r) => this.book.setRunning(r, true));
      case 'task-readiness':
        return this.withReplica(e.task.id, (r) => this.book.setReady(r, e.ready));
      case 'process-exited':
        return this.withReplica(e.task.id, (r) => {
          this.book.setRunning(r, false);
          if (e.how === 'failed' && e.reason !== 'run-out') this.readiness.crashed(r, e.reason, e.time);
          this.readiness.held(r, e.time);
        });
      case 'task-restarted':
        return this.withReplica(e.task.id, (r) => {
          this.book.setRunning(r, false);
          this.readiness.restarted(r, e.time);
        });
      case 'config-applied':
        return this.withReplica(e.task.id, (r) => {
          r.config = e.config;
        });
      case 'task-ended':
        if (e.task.taskKey !== undefined) {
          if (e.how === 'finished') this.operations.taskFinished(e.task.taskKey);
          return this.settle(e.time);
        }
        return this.withReplica(e.task.id, (r) => {
          if (e.reason !== undefined) this.readiness.crashed(r, e.reason, e.time);
          this.readiness.ended(r, e.time);
          this.configs.refresh(r, e.time, true);
          this.book.ended(r);
        });
      case 'node-crashed':
        this.down.add(e.node);
        this.operations.nodeCrashed(e.node);
        return this.settle(e.time);
      case 'node-recovered':
        this.down.delete(e.node);
        return;
      case 'readiness-observed':
        return this.withReplica(e.taskId, (r) => {
          if (e.ready && !r.believedReady) {
            if (r.ready) this.latency.record('ready-observed', r.task.workload, e.time - r.readySince);
            else this.counters.bump('readiness-believed-not-ready', 1);
          }
          this.book.setBelieved(r, e.ready);
        });
      case 'operation':
        return this.operations.reported(e);
      case 'unsupported':
        this.counters.bump(`unsupported:${e.feature}`, 1);
        return;
      default:
        return;
    }
  }

  /** True when every declared service has its desired replicas ready and none runs an old config. */
  settled(): boolean {
    if (this.configs.staleNow > 0) return false;
    for (const s of this.book.services.values()) if (s.declared && s.ready < s.desired) return false;
    return true;
  }

  /** Ready replicas up to desired, over every declared service (availability for convergence windows). */
  available(): number {
    let n = 0;
    for (const s of this.book.services.values()) if (s.declared) n += Math.min(s.ready, s.desired);
    return n;
  }

  /** True for the workload name of a run-once-per-node operation. */
  isOperation(workload: string): boolean {
    return this.operationNames.has(workload);
  }

  /** Replicas ready now, over every service. */
  readyReplicas(): number {
    let n = 0;
    for (const s of this.book.services.values()) n += s.ready;
    return n;
  }

  /** One time-series sample: ready and believed-ready replicas per service, stale replicas. */
  sample(push: (series: string, value: number) => void): void {
    for (const s of this.book.services.values()) {
      if (!s.declared) continue;
      push(`ready/${s.name}`, s.ready);
      push(`believed-ready/${s.name}`, s.believedReady);
    }
    push('config-stale', this.configs.staleNow);
  }

  /** Closes the trial at `end`: censored times, wasted CPU, stale replica-seconds. */
  finish(end: SimTime): void {
    this.readiness.finish(end);
    this.operations.finish(end);
    this.counters.bump('config-stale-replica-s', this.configs.staleReplicaSeconds(end));
  }

  private withReplica(id: string, change: (r: Replica) => void): void {
    const r = this.book.byId.get(id);
    if (!r) return;
    change(r);
    this.configs.refresh(r, this.book.now);
    this.settle(this.book.now);
  }

  private settle(now: SimTime): void {
    this.readiness.check(now);
    this.configs.check(now);
    this.operations.check(now);
  }
}
