import { type BorgTask } from './borg-task.js';

/** The pending tasks of one owner (a job or a service) at one priority: one turn of the scheduler. */
export interface Turn {
  readonly owner: BorgTask['owner'];
  readonly tasks: BorgTask[];
}

/** An owner's waiting tasks at one level, and the pass that tried all of them (-1: some are untried). */
interface Waiting {
  readonly tasks: BorgTask[];
  triedInPass: number;
}

/** One priority level: its users in round-robin order, each with its owners' waiting tasks in arrival order. */
interface Level {
  readonly priority: number;
  readonly users: string[];
  readonly byUser: Map<string, Map<BorgTask['owner'], Waiting>>;
  /** The user whose turn is next. */
  next: number;
}

/**
 * Borg's pending queue ([B] §3.2): scanned by priority, high to low, and within one priority
 * round-robin across users (here: tenants), "to ensure fairness across users and avoid head-of-line
 * blocking behind a large job". A user's turn is its earliest owner's waiting tasks. A scheduler pass
 * skips an owner whose every waiting task it already tried (see {@link PendingQueue.putBack}).
 */
export class PendingQueue {
  private readonly levels: Level[] = [];
  private count = 0;

  /** Tasks waiting. */
  get size(): number {
    return this.count;
  }

  add(task: BorgTask): void {
    let level = this.levels.find((l) => l.priority === task.priority);
    if (level === undefined) {
      level = { priority: task.priority, users: [], byUser: new Map(), next: 0 };
      let at = 0;
      while (at < this.levels.length && (this.levels[at] as Level).priority > task.priority) at++;
      this.levels.splice(at, 0, level);
    }
    let owners = level.byUser.get(task.tenant);
    if (owners === undefined) {
      owners = new Map();
      level.byUser.set(task.tenant, owners);
      level.users.push(task.tenant);
    }
    const waiting = owners.get(task.owner);
    if (waiting === undefined) owners.set(task.owner, { tasks: [task], triedInPass: -1 });
    else {
      waiting.tasks.push(task);
      waiting.triedInPass = -1;
    }
    task.state = 'pending';
    this.count++;
  }

  /** Puts back the tasks of a turn that pass `pass` tried and could not place (in their order, after any that came meanwhile). */
  putBack(tasks: readonly BorgTask[], pass: number): void {
    for (const t of tasks) this.add(t);
    const first = tasks[0];
    if (first === undefined) return;
    const waiting = this.levels
      .find((l) => l.priority === first.priority)
      ?.byUser.get(first.tenant)
      ?.get(first.owner);
    if (waiting !== undefined && waiting.tasks.length === tasks.length) waiting.triedInPass = pass;
  }

  /** Takes a task out (it was placed, or it is no longer wanted); false when it was not queued. */
  remove(task: BorgTask): boolean {
    const level = this.levels.find((l) => l.priority === task.priority);
    const list = level?.byUser.get(task.tenant)?.get(task.owner)?.tasks;
    const at = list?.indexOf(task) ?? -1;
    if (at < 0 || list === undefined || level === undefined) return false;
    list.splice(at, 1);
    if (list.length === 0) level.byUser.get(task.tenant)?.delete(task.owner);
    this.count--;
    return true;
  }

  /**
   * The next turn of pass `pass`: at the highest priority with an owner not fully tried in this pass,
   * the next user in round-robin order that has one; its earliest such owner's waiting tasks, taken
   * out of the queue (the scheduler puts back what it does not place). Undefined when the pass is done.
   */
  nextTurn(pass: number): Turn | undefined {
    for (const level of this.levels) {
      const n = level.users.length;
      for (let k = 0; k < n; k++) {
        const u = (level.next + k) % n;
        const owners = level.byUser.get(level.users[u] as string);
        if (owners === undefined) continue;
        for (const [owner, waiting] of owners) {
          if (waiting.triedInPass === pass) continue;
          level.next = (u + 1) % n;
          owners.delete(owner);
          this.count -= waiting.tasks.length;
          return { owner, tasks: waiting.tasks };
        }
      }
    }
    return undefined;
  }
}
