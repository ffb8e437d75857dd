import { type Resources } from '../cluster/resources.js';
import { type SimTime } from '../sim/time.js';
import { accountBatch, type BatchTracker } from './batch-tracker.js';
import { censorAtEnd } from './censored-latencies.js';
import { type ConvergenceTracker } from './convergence-tracker.js';
import { type InstanceRec, taskRecord } from './instance-record.js';
import { type LatencySamples } from './latency-samples.js';
import { type NamedCounters } from './named-counters.js';
import { type ObserverSetup } from './observer.js';
import { addAverages, buildSummary, latencyTables } from './observer-summary.js';
import { type PendingReasons } from './pending-reasons.js';
import { type Sample } from './quantiles.js';
import { type ResourceGauge } from './resource-gauges.js';
import { type ServiceState } from './service-tracker.js';
import { type TransactionTally } from './transaction-tally.js';
import { type Accounting, type ConvergenceRow, type SeriesPoint, type TaskRecord, type TrialMetrics } from './trial-metrics.js';

/** What the observer folded over a trial, handed over at its end (see `Observer.finish`). */
export interface FoldedTrial {
  readonly setup: ObserverSetup;
  /** Whether every service is converged at the end (read before the convergence windows close). */
  readonly convergedNow: boolean;
  readonly convergence: ConvergenceTracker;
  readonly batch: BatchTracker;
  readonly pendingReasons: PendingReasons;
  readonly services: ReadonlyMap<string, ServiceState>;
  readonly instances: ReadonlyMap<string, InstanceRec>;
  readonly latency: LatencySamples;
  readonly counters: NamedCounters;
  /** Think time per scheduler: `v` is clipped at the horizon, `until` is where its last decision ends. */
  readonly busy: ReadonlyMap<string, { v: number; until: number }>;
  readonly transactions: TransactionTally;
  readonly tenantGauges: Map<string, ResourceGauge>;
  readonly lockedBy: Map<string, ResourceGauge>;
  readonly util: ResourceGauge;
  readonly locked: ResourceGauge;
  readonly total: Resources;
  readonly hops: Sample;
  readonly series: SeriesPoint[];
  /** Records of tasks that ended (detail mode): the ones still alive are appended here. */
  readonly taskRecords: TaskRecord[];
  readonly explainRecords: Readonly<Record<string, unknown>>[];
  /** Service replicas ready at the end, by the lifecycle's truth (NaN without a lifecycle). */
  readonly replicasReady: number;
}

/**
 * The summary half of the observer: closes every window at `end` (convergence windows, latencies of
 * work still waiting, censored at the end), accounts for every task and replica, and returns the
 * trial's metrics as plain data. Called once; it appends the live tasks to `taskRecords`.
 */
export function finishTrial(end: SimTime, t: FoldedTrial): TrialMetrics {
  const convergence: ConvergenceRow[] = t.convergence.close(end, t.convergedNow);
  censorAtEnd(t.batch.jobs.values(), t.services.values(), t.instances.values(), end, t.latency);
  const { latency, cdf } = latencyTables(t.latency.table);
  const accounting = account(t);
  if (t.setup.detail) for (const rec of t.instances.values()) t.taskRecords.push(taskRecord(rec, -1 as SimTime, rec.runningAt >= 0 ? 'running' : 'starting'));
  const counters = t.counters.sorted();
  const horizon = Math.max(1, end);
  // A trial stopped before its horizon (wall-clock limit, event budget) may end inside a decision:
  // only the part up to the end counts, so that busyness stays a fraction of the time simulated.
  // A scheduler decides one batch at a time, so only its last decision can reach past the end.
  const busy = new Map([...t.busy].map(([name, b]): [string, number] => [name, b.v - Math.max(0, Math.min(b.until, t.setup.horizon) - end)]));
  const shares = addAverages(counters, end, horizon, busy, t.setup.tenants, t.tenantGauges, t.lockedBy);
  t.transactions.addCounters(counters, horizon);
  const summary = buildSummary({
    end,
    horizon,
    latency,
    convergence,
    counters,
    accounting,
    tenants: t.setup.tenants,
    shares,
    util: t.util,
    locked: t.locked,
    total: t.total,
    busy,
    hops: t.hops,
    conflictFraction: t.transactions.conflictFraction(),
    wastedBusyMax: t.transactions.wastedBusyMax(horizon),
    counter: (name) => t.counters.get(name),
    lifecycle: t.setup.lifecycle !== undefined,
    replicasReady: t.replicasReady,
  });
  return {
    summary,
    latency,
    cdf,
    convergence,
    timeseries: t.series,
    counters,
    accounting,
    ...(t.setup.detail ? { tasks: t.taskRecords } : {}),
    ...(t.setup.explain ? { explain: t.explainRecords } : {}),
  };
}

/** Every task and replica at the end, by state (written out as JSON: the key order is part of it). */
function account(t: FoldedTrial): Accounting {
  const batch = accountBatch(t.batch, t.pendingReasons);
  let desired = 0;
  let runningReplicas = 0;
  for (const s of t.services.values()) {
    desired += s.desired;
    runningReplicas += s.running;
  }
  return {
    tasksSubmitted: batch.tasksSubmitted,
    tasksFinished: batch.tasksFinished,
    tasksRunning: batch.tasksRunning,
    tasksPending: batch.tasksPending,
    tasksAbandoned: batch.tasksAbandoned,
    tasksLostAndReplaced: batch.tasksLostAndReplaced,
    replicasDesired: desired,
    replicasRunning: runningReplicas,
    pendingReasons: batch.pendingReasons,
  };
}
