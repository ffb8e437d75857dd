import { type NodeSpec } from '../cluster/node.js';
import { addResources, NO_RESOURCES, type Resources } from '../cluster/resources.js';
import { type TaskLaunch } from '../cluster/task.js';
import { type SimTime, toSeconds } from '../sim/time.js';
import { type Intent, type Perturbation } from '../workload/intents.js';
import { type MetricEvent } from './events.js';
import { jainIndex, Sample } from './quantiles.js';
import { GAUGE_DIMENSIONS, ResourceGauge } from './resource-gauges.js';
import { addDemands, clearDemands, type DemandCause, dropDemands, isConverged, newServiceState, type ServiceState, takeDemand, unmetDemands } from './service-tracker.js';
import { type Accounting, type CdfPoint, type ConvergenceRow, type LatencyMetric, type LatencyRow, type SeriesPoint, type TaskRecord, type TrialMetrics } from './trial-metrics.js';
import { ConvergenceTracker } from './convergence-tracker.js';
import { accountBatch, BatchTracker, FINISHED, LOST, LOST_AND_REPLACED, newJobRec, PLACED, RAN } from './batch-tracker.js';

interface InstanceRec {
  readonly task: TaskLaunch;
  node: string;
  /** Whether the node's agent launched it (a placement alone does not). */
  launched: boolean;
  submitted: number;
  placedAt: number;
  runningAt: number;
  demandCause: DemandCause | undefined;
}


/** What the observer needs to know about the trial up front. */
export interface ObserverSetup {
  readonly nodes: readonly NodeSpec[];
  readonly tenants: readonly { readonly name: string; readonly weight: number }[];
  readonly horizon: SimTime;
  readonly detail: boolean;
  readonly explain: boolean;
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
  private readonly latency = new Map<string, Sample>();
  /** Named totals, boxed so that a bump is one lookup (the hottest path of the observer). */
  private readonly counters = new Map<string, { v: number }>();
  /** `msg:<channel>:<label>[:dropped]` names, built once per channel and label instead of per message. */
  private readonly messageKeys = new Map<string, Map<string, readonly [string, string]>>();
  private readonly pendingReasons = new Map<string, string>();
  private readonly runningByWorkload = new Map<string, number>();
  private readonly util: ResourceGauge;
  private readonly tenantGauges = new Map<string, ResourceGauge>();
  private readonly locked: ResourceGauge;
  private readonly lockedBy = new Map<string, ResourceGauge>();
  private readonly busy = new Map<string, number>();
  private readonly convergence: ConvergenceTracker;
  private readonly series: SeriesPoint[] = [];
  private readonly taskRecords: TaskRecord[] = [];
  private readonly explainRecords: Readonly<Record<string, unknown>>[] = [];
  private readonly total: Resources;
  private lostBatchPending = 0;
  private unconvergedServices = 0;
  private readonly hops = new Sample();
  /** Time of the event being folded (every change is stamped with it). */
  private now: SimTime = 0 as SimTime;

  constructor(private readonly setup: ObserverSetup) {
    this.total = setup.nodes.reduce((acc, n) => addResources(acc, n.allocatable), NO_RESOURCES);
    const start = 0 as SimTime;
    this.util = new ResourceGauge(start, this.total);
    this.locked = new ResourceGauge(start, this.total);
    for (const t of setup.tenants) this.tenantGauges.set(t.name, new ResourceGauge(start, this.total));
    this.convergence = new ConvergenceTracker();
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
          s.runningCurrent = 0;
          s.launchedCurrent = 0;
          for (const rec of this.instances.values()) {
            if (rec.task.workload !== s.name || rec.task.taskKey !== undefined || rec.task.version !== s.version) continue;
            if (rec.runningAt >= 0) s.runningCurrent++;
            if (rec.launched) s.launchedCurrent++;
          }
        });
        break;
      }
      case 'job-submitted': {
        this.batch.add(intent.job.name, newJobRec(intent.job.workload, intent.job.tasks.length, now));
        this.bump('jobs-submitted', 1);
        break;
      }
    }
  }

  /** The harness opens a perturbation window at its time (same-time perturbations are merged by the caller). */
  onPerturbation(p: Perturbation, now: SimTime): void {
    this.now = now;
    this.convergence.open(p, now, this.isConverged(), this.gauges());
  }

  /** Folds one event. */
  readonly sink = (e: MetricEvent): void => {
    this.now = e.time;
    switch (e.kind) {
      case 'task-placed':
        return this.onPlaced(e.taskId, e.node, e.time, e.workload, e.tenant, e.taskKey, e.version);
      case 'task-launched':
        return this.onLaunched(e.task, e.node, e.time);
      case 'task-running':
        return this.onRunning(e.task, e.time);
      case 'task-ended':
        return this.onEnded(e.task, e.how, e.wasRunning, e.time);
      case 'node-crashed':
      case 'node-recovered':
      case 'node-partitioned':
      case 'node-healed':
        return this.bump(e.kind, 1);
      case 'message':
        this.bump(e.delivered ? 'messages' : 'messages-dropped', 1);
        return this.bump(this.messageKey(e.channel, e.label, e.delivered), 1);
      case 'offer':
        return this.bump(`offers-${e.action}`, 1);
      case 'locked': {
        const sign = 1;
        this.locked.add(e.time, e.delta, sign);
        let g = this.lockedBy.get(e.holder);
        if (!g) this.lockedBy.set(e.holder, (g = new ResourceGauge(0 as SimTime, this.total)));
        g.add(e.time, e.delta, sign);
        return;
      }
      case 'decision':
        this.busy.set(e.scheduler, (this.busy.get(e.scheduler) ?? 0) + Math.min(e.duration, Math.max(0, this.setup.horizon - e.time)));
        return this.bump('decisions', 1);
      case 'job-abandoned': {
        const job = this.batch.jobs.get(e.job);
        if (job && !job.abandoned) {
          job.abandoned = true;
          this.bump('jobs-abandoned', 1);
        }
        return;
      }
      case 'client-informed': {
        const job = this.batch.jobs.get(e.job);
        if (job) this.record('sync-informed', job.workload, e.time - job.submitted);
        this.hops.add(e.hops);
        return;
      }
      case 'counter':
        return this.bump(`counter:${e.name}`, e.by);
      case 'task-pending':
        this.pendingReasons.set(e.taskKey ?? e.workload, e.reason);
        return;
      case 'explain':
        if (this.setup.explain) this.explainRecords.push({ time: toSeconds(e.time), ...e.record });
        return;
    }
  };

  private onPlaced(id: string, node: string, now: SimTime, workload: string, tenant: string, taskKey?: string, version?: string): void {
    this.bump('placements', 1);
    let rec = this.instances.get(id);
    if (!rec) {
      const task: TaskLaunch = { id, workload, tenant, priority: 0, resources: NO_RESOURCES, ...(taskKey !== undefined ? { taskKey } : {}), ...(version !== undefined ? { version } : {}) };
      rec = { task, node, launched: false, submitted: -1, placedAt: -1, runningAt: -1, demandCause: undefined };
      this.instances.set(id, rec);
    }
    rec.placedAt = now;
    rec.node = node;
    if (taskKey !== undefined) {
      const job = this.batch.jobOf(taskKey);
      if (!job) return this.bump('placements-unknown-task', 1);
      const i = this.batch.indexOf(taskKey);
      rec.submitted = job.submitted;
      if (((job.flags[i] as number) & PLACED) === 0) {
        job.flags[i] = (job.flags[i] as number) | PLACED;
        this.record('scheduling', workload, now - job.submitted);
      }
      return;
    }
    const s = this.services.get(workload);
    const demand = s && (version === undefined || version === s.version) ? takeDemand(s) : undefined;
    if (!demand) return this.bump('placements-unsolicited', 1);
    rec.submitted = demand.time;
    rec.demandCause = demand.cause;
    this.record('scheduling', workload, now - demand.time, demand.cause);
  }

  private onLaunched(task: TaskLaunch, node: string, now: SimTime): void {
    let rec = this.instances.get(task.id);
    if (!rec) {
      this.bump('launches-without-placement', 1);
      rec = { task, node, launched: true, submitted: -1, placedAt: -1, runningAt: -1, demandCause: undefined };
      this.instances.set(task.id, rec);
    } else if (rec.task.resources === NO_RESOURCES) {
      rec = { ...rec, task };
      this.instances.set(task.id, rec);
    }
    rec.launched = true;
    this.util.add(now, task.resources, 1);
    this.tenantGauges.get(task.tenant)?.add(now, task.resources, 1);
    if (task.taskKey !== undefined) {
      const job = this.batch.jobOf(task.taskKey);
      if (job) (job.live[this.batch.indexOf(task.taskKey)] as number)++;
      return;
    }
    const s = this.services.get(task.workload);
    if (s) {
      this.withService(s, () => {
        s.launched++;
        if (task.version === s.version) s.launchedCurrent++;
      });
    }
  }

  private onRunning(task: TaskLaunch, now: SimTime): void {
    const rec = this.instances.get(task.id);
    if (!rec) return;
    rec.runningAt = now;
    this.runningByWorkload.set(task.workload, (this.runningByWorkload.get(task.workload) ?? 0) + 1);
    if (task.taskKey !== undefined) {
      const job = this.batch.jobOf(task.taskKey);
      if (!job) return;
      const i = this.batch.indexOf(task.taskKey);
      const flags = job.flags[i] as number;
      if ((flags & RAN) === 0) {
        job.flags[i] = flags | RAN;
        this.record('startup', task.workload, now - job.submitted);
        job.started++;
        if (job.firstStart < 0) {
          job.firstStart = now;
          this.record('job-wait', task.workload, now - job.submitted);
        }
        if (job.started === job.tasks) this.record('job-wait-all', task.workload, now - job.submitted);
      }
      if (((job.flags[i] as number) & LOST) !== 0) {
        job.flags[i] = ((job.flags[i] as number) & ~LOST) | LOST_AND_REPLACED;
        this.setLostBatch(-1, now);
      }
      return;
    }
    if (rec.demandCause !== undefined) this.record('startup', task.workload, now - rec.submitted, rec.demandCause);
    const s = this.services.get(task.workload);
    if (s) {
      this.withService(s, () => {
        s.running++;
        if (task.version === s.version) s.runningCurrent++;
      });
    }
  }

  private onEnded(task: TaskLaunch, how: 'finished' | 'failed' | 'stopped' | 'lost', wasRunning: boolean, now: SimTime): void {
    const rec = this.instances.get(task.id);
    this.instances.delete(task.id);
    this.util.add(now, task.resources, -1);
    this.tenantGauges.get(task.tenant)?.add(now, task.resources, -1);
    this.bump(`tasks-${how}`, 1);
    if (wasRunning) this.runningByWorkload.set(task.workload, (this.runningByWorkload.get(task.workload) ?? 1) - 1);
    if (how === 'lost') this.convergence.taskLost();
    if (this.setup.detail && rec) this.keepRecord(rec, now, how);
    if (task.taskKey !== undefined) {
      const job = this.batch.jobOf(task.taskKey);
      if (!job) return;
      const i = this.batch.indexOf(task.taskKey);
      const live = --(job.live[i] as number);
      const flags = job.flags[i] as number;
      if (how === 'finished' && (flags & FINISHED) === 0) {
        job.flags[i] = (flags | FINISHED) & ~LOST;
        if ((flags & LOST) !== 0) this.setLostBatch(-1, now);
        if (++job.finished === job.tasks) {
          this.record('job-completion', task.workload, now - job.submitted);
          this.bump('jobs-completed', 1);
        }
      } else if (how === 'lost' && (flags & (FINISHED | LOST)) === 0 && live === 0) {
        job.flags[i] = flags | LOST;
        this.setLostBatch(1, now);
      }
      return;
    }
    const s = this.services.get(task.workload);
    if (!s) return;
    this.withService(s, () => {
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

  /** Applies a change to a service and keeps the convergence bookkeeping in step. */
  private withService(s: ServiceState, change: () => void): void {
    const before = this.services.has(s.name) ? isConverged(s) : true;
    change();
    const after = isConverged(s);
    if (before !== after) this.unconvergedServices += after ? -1 : 1;
    this.convergence.observe(this.clockOf(), this.isConverged(), this.gauges());
  }

  private setLostBatch(delta: number, now: SimTime): void {
    this.lostBatchPending += delta;
    this.convergence.observe(now, this.isConverged(), this.gauges());
  }

  private clockOf(): SimTime {
    return this.now;
  }

  private isConverged(): boolean {
    return this.unconvergedServices === 0 && this.lostBatchPending === 0;
  }

  private gauges(): { excess: number; surge: number; available: number; desired: number } {
    let excess = 0;
    let surge = 0;
    let available = 0;
    let desired = 0;
    for (const s of this.services.values()) {
      excess += Math.max(0, s.running - s.desired);
      surge += Math.max(0, s.launched - s.desired);
      available += Math.min(s.running, s.desired);
      desired += s.desired;
    }
    return { excess, surge, available, desired };
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
    push('converged', this.isConverged() ? 1 : 0);
  }

  private record(metric: LatencyMetric, group: string, micros: number, cause?: DemandCause): void {
    const secs = micros / 1e6;
    this.sampleOf(metric, 'all').add(secs);
    this.sampleOf(metric, group).add(secs);
    if (cause !== undefined) this.sampleOf(metric, `cause:${cause}`).add(secs);
  }

  private sampleOf(metric: LatencyMetric, group: string): Sample {
    const key = `${metric}\u0000${group}`;
    let s = this.latency.get(key);
    if (!s) this.latency.set(key, (s = new Sample()));
    return s;
  }

  /** Adds to a named counter of the results (the harness counts e.g. skipped trace rows with it). */
  count(name: string, by: number): void {
    this.bump(name, by);
  }

  private bump(name: string, by: number): void {
    const box = this.counters.get(name);
    if (box) box.v += by;
    else this.counters.set(name, { v: by });
  }

  private counter(name: string): number {
    return this.counters.get(name)?.v ?? 0;
  }

  private messageKey(channel: string, label: string, delivered: boolean): string {
    let byLabel = this.messageKeys.get(channel);
    if (!byLabel) this.messageKeys.set(channel, (byLabel = new Map()));
    let keys = byLabel.get(label);
    if (!keys) byLabel.set(label, (keys = [`msg:${channel}:${label}`, `msg:${channel}:${label}:dropped`]));
    return delivered ? keys[0] : keys[1];
  }

  private keepRecord(rec: InstanceRec, now: SimTime, state: string): void {
    const s = (v: number): number => (v < 0 ? NaN : v / 1e6);
    this.taskRecords.push({
      id: rec.task.id,
      workload: rec.task.workload,
      tenant: rec.task.tenant,
      taskKey: rec.task.taskKey ?? '',
      version: rec.task.version ?? '',
      submitted: s(rec.submitted),
      placed: s(rec.placedAt),
      running: s(rec.runningAt),
      ended: now < 0 ? NaN : toSeconds(now),
      node: rec.node,
      state,
    });
  }

  /** Closes every window at the horizon and returns the trial's metrics as plain data. */
  finish(end: SimTime): TrialMetrics {
    const convergence: ConvergenceRow[] = this.convergence.close(end, this.isConverged());
    const latency: LatencyRow[] = [];
    const cdf: CdfPoint[] = [];
    for (const [key, sample] of [...this.latency].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const [metric, group] = key.split('\u0000') as [LatencyMetric, string];
      latency.push({ metric, group, quantiles: sample.summary() });
      for (const p of sample.cdf()) cdf.push({ metric, group, q: p.q, value: p.value });
    }
    const accounting = this.account();
    if (this.setup.detail) for (const rec of this.instances.values()) this.keepRecord(rec, -1 as SimTime, rec.runningAt >= 0 ? 'running' : 'starting');
    const counters: Record<string, number> = Object.fromEntries([...this.counters].map(([k, b]): [string, number] => [k, b.v]).sort(([a], [b]) => (a < b ? -1 : 1)));
    const horizon = Math.max(1, end);
    for (const [name, busy] of [...this.busy].sort(([a], [b]) => (a < b ? -1 : 1))) counters[`busy:${name}`] = busy / horizon;
    const shares: number[] = [];
    for (const t of this.setup.tenants) {
      const g = this.tenantGauges.get(t.name) as ResourceGauge;
      const avg = g.averageDominant(end);
      counters[`share-avg:${t.name}`] = avg;
      shares.push(avg / t.weight);
    }
    for (const [holder, g] of [...this.lockedBy].sort(([a], [b]) => (a < b ? -1 : 1))) {
      counters[`locked-avg:${holder}:cpu`] = g.average('cpu', end);
      counters[`locked-avg:${holder}:memory`] = g.average('memory', end);
    }
    const q = (metric: LatencyMetric, stat: 'p50' | 'p90' | 'p99' | 'max' | 'mean' | 'count'): number => {
      const row = latency.find((r) => r.metric === metric && r.group === 'all');
      return row ? row.quantiles[stat] : NaN;
    };
    const settled = convergence.filter((c) => !c.censored).map((c) => c.convergence);
    const rollouts = convergence.filter((c) => c.kind === 'rollout');
    const placements = this.counter('placements');
    const activeTenants = this.setup.tenants.filter((t) => (counters[`share-avg:${t.name}`] ?? 0) > 0);
    const summary: Record<string, number> = {
      tasks_submitted: accounting.tasksSubmitted,
      tasks_finished: accounting.tasksFinished,
      tasks_running_end: accounting.tasksRunning,
      tasks_pending_end: accounting.tasksPending,
      tasks_abandoned: accounting.tasksAbandoned,
      tasks_lost: this.counter('tasks-lost'),
      replicas_desired_end: accounting.replicasDesired,
      replicas_running_end: accounting.replicasRunning,
      placements,
      sched_p50_s: q('scheduling', 'p50'),
      sched_p90_s: q('scheduling', 'p90'),
      sched_p99_s: q('scheduling', 'p99'),
      sched_max_s: q('scheduling', 'max'),
      startup_p50_s: q('startup', 'p50'),
      startup_p90_s: q('startup', 'p90'),
      startup_p99_s: q('startup', 'p99'),
      startup_max_s: q('startup', 'max'),
      jobs_submitted: this.counter('jobs-submitted'),
      jobs_completed: this.counter('jobs-completed'),
      jobs_abandoned: this.counter('jobs-abandoned'),
      job_wait_p50_s: q('job-wait', 'p50'),
      job_wait_p90_s: q('job-wait', 'p90'),
      job_wait_mean_s: q('job-wait', 'mean'),
      job_wait_all_p90_s: q('job-wait-all', 'p90'),
      job_completion_p50_s: q('job-completion', 'p50'),
      job_completion_p90_s: q('job-completion', 'p90'),
      convergence_count: convergence.length,
      convergence_censored: convergence.length - settled.length,
      convergence_mean_s: settled.length ? settled.reduce((a, b) => a + b, 0) / settled.length : NaN,
      convergence_max_s: settled.length ? Math.max(...settled) : NaN,
      peak_excess: convergence.reduce((m, c) => Math.max(m, c.peakExcess), 0),
      // Rollout safety (rolling-update): the most instances launched beyond desired and the lowest
      // fraction of desired available in any rollout window; NaN when the trial has no rollout.
      rollout_peak_surge: rollouts.length ? Math.max(...rollouts.map((c) => c.peakSurge)) : NaN,
      rollout_min_available: rollouts.length ? Math.min(...rollouts.map((c) => c.minAvailable)) : NaN,
      util_cpu: this.util.average('cpu', end),
      util_memory: this.util.average('memory', end),
      util_gpu: this.total.gpu > 0 ? this.util.average('gpu', end) : NaN,
      jain: activeTenants.length > 1 ? jainIndex(shares.filter((_, i) => activeTenants.includes(this.setup.tenants[i] as (typeof activeTenants)[number]))) : NaN,
      locked_cpu_avg: this.locked.average('cpu', end),
      locked_memory_avg: this.locked.average('memory', end),
      busy_max: Math.max(0, ...[...this.busy.values()].map((b) => b / horizon)),
      messages: this.counter('messages'),
      messages_dropped: this.counter('messages-dropped'),
      messages_per_placement: placements > 0 ? (this.counter('messages')) / placements : NaN,
      offers_made: this.counter('offers-made'),
      offers_declined: this.counter('offers-declined'),
      offers_rescinded: this.counter('offers-rescinded'),
      sync_informed_p50_s: q('sync-informed', 'p50'),
      sync_hops_mean: this.hops.count > 0 ? this.hops.summary().mean : NaN,
    };
    return {
      summary,
      latency,
      cdf,
      convergence,
      timeseries: this.series,
      counters,
      accounting,
      ...(this.setup.detail ? { tasks: this.taskRecords } : {}),
      ...(this.setup.explain ? { explain: this.explainRecords } : {}),
    };
  }

  private account(): Accounting {
    const batch = accountBatch(this.batch, this.pendingReasons);
    let desired = 0;
    let runningReplicas = 0;
    for (const s of this.services.values()) {
      desired += s.desired;
      runningReplicas += s.running;
    }
    // Same key order as ever: the accounting is written out as JSON.
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
}
