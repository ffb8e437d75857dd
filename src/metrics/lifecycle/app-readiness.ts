import { type SimTime } from '../../sim/time.js';
import { type ProcessExitReason } from '../../cluster/events.js';
import { type LatencySamples } from '../latency-samples.js';
import { type NamedCounters } from '../named-counters.js';
import { type Replica, type ReplicaBook, type ServiceReplicas } from './replica-book.js';

/**
 * Whole-application readiness and the cost of crashes, from the cluster's truth:
 * - `app-ready` (latency metric, group = service): from a service's declaration until the first
 *   instant at which it and everything it depends on, transitively, have all their desired replicas
 *   ready; censored at the end when that never happened.
 * - `app-crashes` (and `app-crashes:<reason>`): service replicas whose app exited on its own.
 * - `container-restarts` (and `container-restarts:<service>`): in-place restarts by node agents.
 * - `crash-wasted-cpu-s`: CPU-seconds (the replica's cpu request × time) held for nothing: by each
 *   container run that ended in a crash, from its launch or restart to the crash, plus the time a
 *   crashed instance kept its resources waiting for its restart (a back-off).
 */
export class AppReadiness {
  /** Services whose app-ready time is not yet known, with their declaration time. */
  private readonly pending = new Set<ServiceReplicas>();
  private wastedMilliCpuMicros = 0;

  constructor(
    private readonly book: ReplicaBook,
    private readonly latency: LatencySamples,
    private readonly counters: NamedCounters,
  ) {}

  /** A service was declared (its app-ready clock starts now). */
  declared(s: ServiceReplicas): void {
    this.pending.add(s);
  }

  /** Re-checks the services still waiting for their whole application to be ready. */
  check(now: SimTime): void {
    for (const s of this.pending) {
      if (s.desired === 0 || !this.closureReady(s, new Set())) continue;
      this.pending.delete(s);
      this.latency.record('app-ready', s.name, now - s.declaredAt);
    }
  }

  /** A replica's app exited on its own (held or not): a crash, and the run it wasted. */
  crashed(r: Replica, reason: ProcessExitReason, now: SimTime): void {
    this.counters.bump('app-crashes', 1);
    this.counters.bump(`app-crashes:${reason}`, 1);
    this.waste(r, now - r.containerSince);
  }

  /** A held replica's process exited (crash or not) and it waits, holding its resources, from now. */
  held(r: Replica, now: SimTime): void {
    r.exitedAt = now;
  }

  /** A replica was restarted in place now: the wait since its crash (if any) was wasted. */
  restarted(r: Replica, now: SimTime): void {
    this.counters.bump('container-restarts', 1);
    this.counters.bump(`container-restarts:${r.task.workload}`, 1);
    this.releaseHeld(r, now);
    r.containerSince = now;
  }

  /** A replica ended now: a held wait (if any) ends with it. */
  ended(r: Replica, now: SimTime): void {
    this.releaseHeld(r, now);
  }

  /** Closes the trial at `end`: held waits so far count, and what never got ready is censored. */
  finish(end: SimTime): void {
    for (const r of this.book.byId.values()) this.releaseHeld(r, end);
    for (const s of this.pending) if (s.desired > 0) this.latency.recordCensored('app-ready', s.name, end - s.declaredAt, 1);
    this.pending.clear();
    this.counters.bump('crash-wasted-cpu-s', this.wastedMilliCpuMicros / 1e9);
  }

  private releaseHeld(r: Replica, now: SimTime): void {
    if (r.exitedAt < 0) return;
    this.waste(r, now - r.exitedAt);
    r.exitedAt = -1;
  }

  private waste(r: Replica, micros: number): void {
    this.wastedMilliCpuMicros += r.task.resources.cpu * Math.max(0, micros);
  }

  /** The service and, transitively, everything it depends on have all their desired replicas ready. */
  private closureReady(s: ServiceReplicas, seen: Set<string>): boolean {
    if (seen.has(s.name)) return true;
    seen.add(s.name);
    if (!s.declared || s.ready < s.desired) return false;
    return s.dependsOn.every((d) => {
      const dep = this.book.services.get(d);
      return dep !== undefined && this.closureReady(dep, seen);
    });
  }
}
