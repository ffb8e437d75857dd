import { type ConfigVersionRef } from '../../cluster/app-behaviour.js';
import { type TaskLaunch } from '../../cluster/task.js';
import { type SimTime } from '../../sim/time.js';

/** What the lifecycle metrics know of one live service replica (times in µs). */
export interface Replica {
  readonly task: TaskLaunch;
  /** When its current container was asked for: the launch, or the last in-place restart. */
  containerSince: SimTime;
  /** Its process is up (a held instance whose process exited is not). */
  running: boolean;
  /** Its app is ready (truth: `task-readiness`; for a service outside the app catalog, while running). */
  ready: boolean;
  /** When it last became ready (µs); -1 while not ready. */
  readySince: number;
  /** The control plane counts it as ready (`readiness-observed`). */
  believedReady: boolean;
  /** When its process exited while the instance stayed (held, restart pending); -1 otherwise. */
  exitedAt: number;
  /** The config version it runs; undefined before its first container start or without a config. */
  config: ConfigVersionRef | undefined;
}

/** Per service: replicas by id and the counts the lifecycle metrics read. */
export interface ServiceReplicas {
  readonly name: string;
  readonly replicas: Map<string, Replica>;
  desired: number;
  declaredAt: SimTime;
  declared: boolean;
  running: number;
  ready: number;
  believedReady: number;
  /** Readiness comes from the cluster's `task-readiness` events (the service is in the app catalog); set up front. */
  readinessEvents: boolean;
  /** Services it depends on (from its template). */
  dependsOn: readonly string[];
  /** The config it runs, if any. */
  config: string | undefined;
}

/**
 * The lifecycle metrics' view of every service replica, kept from the cluster's truth and the
 * engines' readiness reports. Replicas of a service in the app catalog are ready as its
 * `task-readiness` events say; those of any other service exactly while they run.
 */
export class ReplicaBook {
  readonly services = new Map<string, ServiceReplicas>();
  /** Every live replica by instance id. */
  readonly byId = new Map<string, Replica>();
  /** Time of the event being folded (the lifecycle tracker sets it first). */
  now: SimTime = 0 as SimTime;

  /** The service's record, made on first sight (a replica may be seen before its declaration is folded). */
  service(name: string): ServiceReplicas {
    let s = this.services.get(name);
    if (!s)
      this.services.set(
        name,
        (s = {
          name,
          replicas: new Map(),
          desired: 0,
          declaredAt: 0 as SimTime,
          declared: false,
          running: 0,
          ready: 0,
          believedReady: 0,
          readinessEvents: false,
          dependsOn: [],
          config: undefined,
        }),
      );
    return s;
  }

  /** A replica was launched: tracked from now, not running yet. */
  launched(task: TaskLaunch, now: SimTime): Replica {
    const r: Replica = { task, containerSince: now, running: false, ready: false, readySince: -1, believedReady: false, exitedAt: -1, config: undefined };
    this.byId.set(task.id, r);
    this.service(task.workload).replicas.set(task.id, r);
    return r;
  }

  /** Sets a replica's running flag, keeping the service's count (and readiness, for services without events). */
  setRunning(r: Replica, running: boolean): void {
    if (r.running === running) return;
    const s = this.service(r.task.workload);
    r.running = running;
    s.running += running ? 1 : -1;
    if (!s.readinessEvents) this.setReady(r, running);
    else if (!running) this.setReady(r, false);
  }

  /** Sets a replica's truth readiness (now), keeping the service's count. */
  setReady(r: Replica, ready: boolean): void {
    if (r.ready === ready) return;
    r.ready = ready;
    r.readySince = ready ? this.now : -1;
    this.service(r.task.workload).ready += ready ? 1 : -1;
  }

  /** Sets what the control plane believes of a replica's readiness. */
  setBelieved(r: Replica, ready: boolean): void {
    if (r.believedReady === ready) return;
    r.believedReady = ready;
    this.service(r.task.workload).believedReady += ready ? 1 : -1;
  }

  /** The replica is gone (ended or lost with its node). */
  ended(r: Replica): void {
    this.setRunning(r, false);
    this.setReady(r, false);
    this.setBelieved(r, false);
    this.byId.delete(r.task.id);
    this.service(r.task.workload).replicas.delete(r.task.id);
  }
}
