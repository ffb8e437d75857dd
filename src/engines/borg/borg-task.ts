import { type PlacementConstraints } from '../../cluster/constraints.js';
import { type Resources } from '../../cluster/resources.js';
import { type TaskLaunch } from '../../cluster/task.js';
import { type BatchTask, type JobSubmitted, type ServiceTemplate } from '../../intents/index.js';
import { type SimTime } from '../../sim/time.js';

/** A batch job the Borgmaster tracks until its last task finished. */
export interface BorgJob {
  readonly kind: 'job';
  readonly spec: JobSubmitted['job'];
  readonly submitted: SimTime;
  /** Tasks not yet finished. */
  remaining: number;
  /** Tasks assigned to a machine (for the job's parallelism). */
  assigned: number;
  /** Whether the scheduler has dequeued it yet (`job-considered` goes out once). */
  considered: boolean;
}

/** A service (a Borg service job): its desired template and its replicas. */
export interface BorgService {
  readonly kind: 'service';
  template: ServiceTemplate;
  /** Every replica the master knows, pending or assigned, in creation order. */
  readonly replicas: Set<BorgTask>;
}

/** Where a task is in the Borgmaster's state machine ([B] Fig. 2, cut to what the engine models). */
export type TaskState =
  /** In the pending queue. */
  | 'pending'
  /** Chosen by the scheduler, its assignment not yet committed by the master. */
  | 'deciding'
  /** Committed; the launch waits for the machine's next poll. */
  | 'assigned'
  /** The launch went out with poll number `sentSeq`. */
  | 'sent'
  /** Its Borglet reported it running. */
  | 'running'
  /** Gone from the master's books (ended, stopped, lost). */
  | 'dead';

/**
 * One task (a batch task's attempt or a service replica) as the Borgmaster sees it. The same object
 * is pending, then assigned to a machine, until it ends; a batch task that must run again (it failed,
 * its machine died, it was preempted) comes back as a new object for its next attempt.
 */
export class BorgTask {
  state: TaskState = 'pending';
  /** The machine (scenario index) it is assigned to, or -1. */
  machine = -1;
  /** The poll number that carried its launch. */
  sentSeq = 0;
  /** The launch, built when it is assigned (the instance id is chosen then). */
  launch: TaskLaunch | undefined = undefined;
  /** Its "why it waits" note went out. */
  noted = false;

  constructor(
    readonly owner: BorgJob | BorgService,
    readonly tenant: string,
    readonly priority: number,
    readonly resources: Resources,
    readonly constraints: PlacementConstraints,
    /** The equivalence class: tasks with the same priority, demand and constraints ([B] §3.4). */
    readonly classKey: string,
    /** A batch task and how this attempt ends; undefined for a replica. */
    readonly batch: { readonly task: BatchTask; readonly exitAs: 'finished' | 'failed' } | undefined,
    /** A replica's template version. */
    readonly version: string | undefined,
  ) {}

  /** The workload name the observer files it under. */
  get workload(): string {
    return this.owner.kind === 'job' ? this.owner.spec.workload : this.owner.template.name;
  }
}

/**
 * Equivalence classes of one trial: tasks with the same priority, demand and constraints are checked
 * and scored once per machine ([B] §3.4). Constraints are told apart by identity (one job's or one
 * service's tasks share their constraints object), which never merges two different ones.
 */
export class EquivalenceClasses {
  private readonly constraintIds = new WeakMap<PlacementConstraints, number>();
  private nextId = 0;

  /** The class key of a demand under constraints at a priority. */
  keyOf(priority: number, r: Resources, constraints: PlacementConstraints): string {
    let id = this.constraintIds.get(constraints);
    if (id === undefined) this.constraintIds.set(constraints, (id = this.nextId++));
    const ext = r.ext ? JSON.stringify(r.ext) : '';
    return `${priority}|${r.cpu}|${r.memory}|${r.gpu}|${ext}|${id}`;
  }
}
