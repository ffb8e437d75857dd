import { admits } from '../../cluster/constraints.js';
import { addResources, fitsWithin, NO_RESOURCES, type Resources, subtractResources } from '../../cluster/resources.js';
import { type NodeSpec } from '../../cluster/node.js';
import { mayPreempt } from './bands.js';
import { type BorgTask } from './borg-task.js';

/** One machine in the Borgmaster's cell state. */
export interface Machine {
  readonly index: number;
  readonly spec: NodeSpec;
  /** The master's belief: false once it missed too many polls, true again when its Borglet answers. */
  up: boolean;
  /** Tasks the master has on it (deciding, assigned, sent, running), and their summed demand. */
  readonly tasks: Set<BorgTask>;
  used: Resources;
  /**
   * Instances its Borglet still runs that the master already rescheduled elsewhere (it was cut off):
   * they hold room until a poll reply no longer lists them (the kill went out with a poll). By id.
   */
  readonly duplicates: Map<string, Resources>;
  /** How many of its tasks run at each priority (a quick "may anything here be preempted?"). */
  readonly priorities: Map<number, number>;
  /** Bumped on every change of its tasks or state: a cached score of an older version is stale. */
  version: number;
}

/** Why a machine cannot take a task, or the victims it must preempt first. */
export type Fit = { readonly feasible: false } | { readonly feasible: true; readonly victims: readonly BorgTask[]; readonly freeAfter: Resources };

/**
 * The Borgmaster's cell state: what it believes each machine holds. Room is allocatable minus the
 * demand of every task the master has placed there (and of duplicates being killed), so the master
 * never assigns more than the machine has even before its Borglet reported an end.
 */
export class CellState {
  readonly machines: Machine[];

  constructor(nodes: readonly NodeSpec[]) {
    this.machines = nodes.map((spec, index) => ({
      index,
      spec,
      up: true,
      tasks: new Set(),
      used: NO_RESOURCES,
      duplicates: new Map(),
      priorities: new Map(),
      version: 0,
    }));
  }

  /** Free room of a machine in the master's books. */
  free(m: Machine): Resources {
    let used = m.used;
    for (const r of m.duplicates.values()) used = addResources(used, r);
    return subtractResources(m.spec.allocatable, used);
  }

  /** Books a task on a machine. */
  add(m: Machine, task: BorgTask): void {
    m.tasks.add(task);
    m.used = addResources(m.used, task.resources);
    m.priorities.set(task.priority, (m.priorities.get(task.priority) ?? 0) + 1);
    task.machine = m.index;
    m.version++;
  }

  /** Takes a task off its machine's books (no-op when it is on none). */
  remove(task: BorgTask): void {
    const m = this.machines[task.machine];
    task.machine = -1;
    if (m === undefined || !m.tasks.delete(task)) return;
    m.used = subtractResources(m.used, task.resources);
    const left = (m.priorities.get(task.priority) ?? 1) - 1;
    if (left === 0) m.priorities.delete(task.priority);
    else m.priorities.set(task.priority, left);
    m.version++;
  }

  /**
   * Feasibility of `task` on `m` ([B] §3.2): the machine is up, satisfies the constraints, and has
   * room, counting the room of lower-priority tasks that could be evicted; the victims are taken
   * from the lowest priority up, until the task fits. `preemption: false` counts free room only.
   */
  fit(m: Machine, task: BorgTask, preemption: boolean): Fit {
    if (!m.up || !admits(m.spec, task.constraints)) return NO_FIT;
    const free = this.free(m);
    const slots = m.spec.maxTasks - m.tasks.size - m.duplicates.size;
    if (slots >= 1 && fitsWithin(task.resources, free)) return { feasible: true, victims: [], freeAfter: free };
    if (!preemption || ![...m.priorities.keys()].some((p) => mayPreempt(task.priority, p))) return NO_FIT;
    const evictable = [...m.tasks].filter((t) => t.state !== 'deciding' && mayPreempt(task.priority, t.priority));
    if (evictable.length === 0) return NO_FIT;
    evictable.sort((a, b) => a.priority - b.priority);
    let room = free;
    const victims: BorgTask[] = [];
    for (const v of evictable) {
      room = addResources(room, v.resources);
      victims.push(v);
      if (slots + victims.length >= 1 && fitsWithin(task.resources, room)) return { feasible: true, victims, freeAfter: room };
    }
    return NO_FIT;
  }
}

const NO_FIT: Fit = { feasible: false };
