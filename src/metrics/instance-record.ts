import { type TaskLaunch } from '../cluster/task.js';
import { type SimTime, toSeconds } from '../sim/time.js';
import { type DemandCause, type ServiceState } from './service-tracker.js';
import { type TaskRecord } from './trial-metrics.js';
import { type TaskRef } from './batch-tracker.js';

/** What the observer knows of one live instance (times in µs; -1 = not yet). */
export interface InstanceRec extends TaskRef {
  /** A stand-in made from the placement until the launch brings the real one. */
  task: TaskLaunch;
  node: string;
  /** Whether the node's agent launched it (a placement alone does not). */
  launched: boolean;
  submitted: number;
  placedAt: number;
  runningAt: number;
  demandCause: DemandCause | undefined;
}

/** A new record of an instance first seen placed (`launched` false) or launched: nothing else known yet. */
export function newInstanceRec(task: TaskLaunch, node: string, launched: boolean): InstanceRec {
  return {
    task,
    node,
    launched,
    submitted: -1,
    placedAt: -1,
    runningAt: -1,
    demandCause: undefined,
    job: undefined,
    jobIndex: -1,
    jobKey: undefined,
    jobGen: -1,
  };
}

/** The `--detail` row of an instance that ended at `now` in `state` (now < 0: still live at the end). */
export function taskRecord(rec: InstanceRec, now: SimTime, state: string): TaskRecord {
  const s = (v: number): number => (v < 0 ? NaN : v / 1e6);
  return {
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
  };
}

/** Recounts a service's launched and running instances of its (new) current version, as a rollout starts. */
export function recountCurrent(s: ServiceState, instances: Iterable<InstanceRec>): void {
  s.runningCurrent = 0;
  s.launchedCurrent = 0;
  for (const rec of instances) {
    if (rec.task.workload !== s.name || rec.task.taskKey !== undefined || rec.task.version !== s.version) continue;
    if (rec.runningAt >= 0) s.runningCurrent++;
    if (rec.launched) s.launchedCurrent++;
  }
}
