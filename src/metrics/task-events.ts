import { NO_RESOURCES } from '../cluster/resources.js';
import { type TaskLaunch } from '../cluster/task.js';
import { type SimTime } from '../sim/time.js';
import { type BatchSink, type BatchTracker } from './batch-tracker.js';
import { type ConvergenceTracker } from './convergence-tracker.js';
import { type InstanceRec, newInstanceRec, taskRecord } from './instance-record.js';
import { type CounterBox, type CounterFamily, type NamedCounters } from './named-counters.js';
import { type ResourceGauge } from './resource-gauges.js';
import { addDemands, type DemandCause, type ServiceState, takeDemand, unmetDemands } from './service-tracker.js';
import { type LatencyMetric, type TaskRecord } from './trial-metrics.js';

/**
 * The observer's state the task events change, shared (not copied) with the observer, which reads
 * it for samples and the trial's figures. `withService` must wrap every change to a service, so
 * that the convergence bookkeeping stays in step.
 */
export interface TaskEventState {
  /** Whether per-task records are kept (the trial's `detail`). */
  readonly detail: boolean;
  readonly instances: Map<string, InstanceRec>;
  readonly services: ReadonlyMap<string, ServiceState>;
  readonly batch: BatchTracker;
  readonly batchSink: BatchSink;
  readonly counters: NamedCounters;
  /** The `tasks-<how>` end counters. */
  readonly endCounters: CounterFamily;
  readonly runningByWorkload: Map<string, number>;
  readonly util: ResourceGauge;
  readonly tenantGauges: ReadonlyMap<string, ResourceGauge>;
  readonly convergence: ConvergenceTracker;
  readonly taskRecords: TaskRecord[];
  withService(s: ServiceState, change: () => void): void;
  /** True for the workload name of a one-off operation (run-once-per-node): its tasks are no batch job's. */
  isOperation(workload: string): boolean;
  record(metric: LatencyMetric, group: string, micros: number, cause?: DemandCause): void;
  bump(name: string, by: number): void;
}

/**
 * The observer's handlers of a task's life on the cluster (placed, launched, running, ended):
 * each folds one event into instances, batch jobs, services, gauges and latencies, in the order
 * the events arrive. What ran when comes from these cluster events, never from an engine's say-so.
 */
export class TaskEvents {
  /** The box of the `placements` counter (made at its first bump). */
  private placementsBox: CounterBox | undefined;

  constructor(private readonly state: TaskEventState) {}

  /** A task was placed on a node: its scheduling latency (from its job or its service demand). */
  placed(id: string, node: string, now: SimTime, workload: string, tenant: string, taskKey?: string, version?: string): void {
    (this.placementsBox ??= this.state.counters.box('placements')).v += 1;
    let rec = this.state.instances.get(id);
    if (!rec) {
      // A stand-in until the launch (absent key and version stay undefined: every reader treats them alike).
      const task: TaskLaunch = { id, workload, tenant, priority: 0, resources: NO_RESOURCES, taskKey, version };
      rec = newInstanceRec(task, node, false);
      this.state.instances.set(id, rec);
    }
    rec.placedAt = now;
    rec.node = node;
    if (taskKey !== undefined) {
      const job = this.state.batch.resolve(rec, taskKey);
      if (job === undefined) return this.state.isOperation(workload) ? undefined : this.state.bump('placements-unknown-task', 1);
      rec.submitted = this.state.batch.placedTask(job, rec.jobIndex, workload, now, this.state.batchSink);
      return;
    }
    const s = this.state.services.get(workload);
    const demand = s && (version === undefined || version === s.version) ? takeDemand(s) : undefined;
    if (!demand) return this.state.bump('placements-unsolicited', 1);
    rec.submitted = demand.time;
    rec.demandCause = demand.cause;
    this.state.record('scheduling', workload, now - demand.time, demand.cause);
  }

  /** A task was launched on its node: it now uses resources there (utilization, tenant shares). */
  launched(task: TaskLaunch, node: string, now: SimTime): void {
    let rec = this.state.instances.get(task.id);
    if (!rec) {
      this.state.bump('launches-without-placement', 1);
      rec = newInstanceRec(task, node, true);
      this.state.instances.set(task.id, rec);
    } else if (rec.task.resources === NO_RESOURCES) rec.task = task;
    rec.launched = true;
    this.state.util.add(now, task.resources, 1);
    this.state.tenantGauges.get(task.tenant)?.add(now, task.resources, 1);
    if (task.taskKey !== undefined) {
      const job = this.state.batch.resolve(rec, task.taskKey);
      if (job !== undefined) this.state.batch.launchedTask(job, rec.jobIndex);
      return;
    }
    const s = this.state.services.get(task.workload);
    if (s) {
      this.state.withService(s, () => {
        s.launched++;
        if (task.version === s.version) s.launchedCurrent++;
      });
    }
  }

  /** A task started running: its startup latency, running counts. */
  running(task: TaskLaunch, now: SimTime): void {
    const rec = this.state.instances.get(task.id);
    if (!rec) return;
    rec.runningAt = now;
    this.state.runningByWorkload.set(task.workload, (this.state.runningByWorkload.get(task.workload) ?? 0) + 1);
    if (task.taskKey !== undefined) {
      const job = this.state.batch.resolve(rec, task.taskKey);
      if (job !== undefined) this.state.batch.runningTask(job, rec.jobIndex, task.workload, now, this.state.batchSink);
      return;
    }
    if (rec.demandCause !== undefined) this.state.record('startup', task.workload, now - rec.submitted, rec.demandCause);
    const s = this.state.services.get(task.workload);
    if (s) {
      this.state.withService(s, () => {
        s.running++;
        if (task.version === s.version) s.runningCurrent++;
      });
    }
  }

  /** A task ended: resources back, end counters, a replacement wanted for a lost current-version instance. */
  ended(task: TaskLaunch, how: 'finished' | 'failed' | 'stopped' | 'lost', wasRunning: boolean, now: SimTime): void {
    const rec = this.state.instances.get(task.id);
    this.state.instances.delete(task.id);
    this.state.util.add(now, task.resources, -1);
    this.state.tenantGauges.get(task.tenant)?.add(now, task.resources, -1);
    this.state.endCounters.box(how).v += 1;
    if (wasRunning) this.state.runningByWorkload.set(task.workload, (this.state.runningByWorkload.get(task.workload) ?? 1) - 1);
    if (how === 'lost') this.state.convergence.taskLost();
    if (this.state.detail && rec) this.state.taskRecords.push(taskRecord(rec, now, how));
    if (task.taskKey !== undefined) {
      const job = rec === undefined ? undefined : this.state.batch.resolve(rec, task.taskKey);
      if (rec === undefined) this.state.batch.ended(task.taskKey, task.workload, how, now, this.state.batchSink);
      else if (job !== undefined) this.state.batch.endedTask(job, rec.jobIndex, task.workload, how, now, this.state.batchSink);
      return;
    }
    const s = this.state.services.get(task.workload);
    if (!s) return;
    this.state.withService(s, () => {
      s.launched--;
      if (task.version === s.version) s.launchedCurrent--;
      if (wasRunning) {
        s.running--;
        if (task.version === s.version) s.runningCurrent--;
      }
      // A lost instance of the current version is wanted again from now on, unless the current-version
      // instances left and the wants not yet met already cover desired. (Counting instances of every
      // version would miss the loss of a new-version instance during a rollout's surge.)
      if (how === 'lost' && task.version === s.version && s.launchedCurrent + unmetDemands(s) < s.desired) addDemands(s, 1, now, 'replacement');
    });
  }
}
