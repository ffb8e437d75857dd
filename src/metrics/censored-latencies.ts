import { type SimTime } from '../sim/time.js';
import { type JobRec } from './batch-tracker.js';
import { type InstanceRec } from './instance-record.js';
import { type DemandCause, type ServiceState } from './service-tracker.js';
import { type LatencyMetric } from './trial-metrics.js';

/** Where censored latencies go: `count` values of at least `micros` µs each (LatencySamples.recordCensored). */
export interface CensoredSink {
  recordCensored(metric: LatencyMetric, group: string, micros: number, count: number, cause?: DemandCause): void;
}

/**
 * Censored latencies of the batch jobs still waiting at the end (DESIGN.md §6: a task still waiting
 * is a censored value, never left out). Each waited at least `end − submission`: per job, its tasks
 * never placed (scheduling) and never run (startup); the job itself when no task has started
 * (job-wait), not every task has started (job-wait-all), it has not completed (job-completion), its
 * synchronous client has not been told (sync-informed), or its engine never started deciding about it
 * (job-queue-wait). A job given up by its engine counts too: its
 * tasks were never placed by the end, whatever the reason. The tasks of one job wait alike, so each
 * job costs one bulk add per metric and no per-task state beyond the flags the tracker keeps anyway.
 */
export function censorBatch(jobs: Iterable<JobRec>, end: SimTime, sink: CensoredSink): void {
  for (const job of jobs) {
    if (job.tasks === 0) continue;
    const waited = end - job.submitted;
    sink.recordCensored('scheduling', job.workload, waited, job.tasks - job.placed);
    sink.recordCensored('startup', job.workload, waited, job.tasks - job.started);
    if (job.firstStart < 0) sink.recordCensored('job-wait', job.workload, waited, 1);
    if (job.started < job.tasks) sink.recordCensored('job-wait-all', job.workload, waited, 1);
    if (job.finished < job.tasks) sink.recordCensored('job-completion', job.workload, waited, 1);
    if (job.sync && !job.informed) sink.recordCensored('sync-informed', job.workload, waited, 1);
    if (!job.considered) sink.recordCensored('job-queue-wait', job.workload, waited, 1);
  }
}

/**
 * Censored latencies of service instances still wanted at the end: every demand not yet met (a
 * replica desired and never placed, counted from when the demand arose) is censored for scheduling
 * and startup, and every instance placed for a demand but not yet running is censored for startup.
 * Runs of demands with the same time and cause (a deployment's replicas) are added in one go.
 */
export function censorServices(services: Iterable<ServiceState>, instances: Iterable<InstanceRec>, end: SimTime, sink: CensoredSink): void {
  for (const s of services) {
    let i = s.demandHead;
    while (i < s.demands.length) {
      const d = s.demands[i] as (typeof s.demands)[number];
      let j = i + 1;
      while (j < s.demands.length && (s.demands[j] as typeof d).time === d.time && (s.demands[j] as typeof d).cause === d.cause) j++;
      sink.recordCensored('scheduling', s.name, end - d.time, j - i, d.cause);
      sink.recordCensored('startup', s.name, end - d.time, j - i, d.cause);
      i = j;
    }
  }
  for (const rec of instances) {
    if (rec.task.taskKey !== undefined || rec.demandCause === undefined || rec.runningAt >= 0) continue;
    sink.recordCensored('startup', rec.task.workload, end - rec.submitted, 1, rec.demandCause);
  }
}

/**
 * Adds every censored latency of a trial that ended at `end` (DESIGN.md §6: what still waits at the
 * end is a censored value, never left out): the observer calls it once, as it closes the trial.
 */
export function censorAtEnd(
  jobs: Iterable<JobRec>,
  services: Iterable<ServiceState>,
  instances: Iterable<InstanceRec>,
  end: SimTime,
  sink: CensoredSink,
): void {
  censorBatch(jobs, end, sink);
  censorServices(services, instances, end, sink);
}
