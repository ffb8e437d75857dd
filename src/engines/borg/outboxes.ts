import { type Resources } from '../../cluster/resources.js';
import { type TaskLaunch } from '../../cluster/task.js';
import { type BorgTask } from './borg-task.js';
import { type PollRequest } from './messages.js';

/** What the master keeps for one machine between polls. */
interface Outbox {
  launches: BorgTask[];
  kills: string[];
  full: boolean;
  /** Instances it ran when the master marked it down (and rescheduled them), by id: reported later, they are duplicates. */
  readonly former: Map<string, Resources>;
}

/**
 * The Borgmaster's outstanding requests per machine, handed to the Borglet with its next poll ([B]
 * §3.3: the master polls "to retrieve the machine's current state and send it any outstanding
 * requests"), and what it remembers of a machine it marked down.
 */
export class Outboxes {
  private readonly boxes: Outbox[];

  constructor(machines: number) {
    this.boxes = Array.from({ length: machines }, () => ({ launches: [], kills: [], full: false, former: new Map() }));
  }

  /** A committed assignment: launch it with the next poll. */
  launch(i: number, task: BorgTask): void {
    this.box(i).launches.push(task);
  }

  /** An assignment not sent yet is no longer wanted. */
  cancel(i: number, task: BorgTask): void {
    const box = this.box(i);
    const at = box.launches.indexOf(task);
    if (at >= 0) box.launches.splice(at, 1);
  }

  /** Kill an instance with the next poll. */
  kill(i: number, id: string): void {
    this.box(i).kills.push(id);
  }

  /** Ask for the machine's full list of instances with the next poll. */
  askFull(i: number): void {
    this.box(i).full = true;
  }

  /** Drops every outstanding request (the machine is down: its tasks were rescheduled). */
  clear(i: number): void {
    const box = this.box(i);
    box.launches = [];
    box.kills = [];
  }

  /** Remembers an instance the master rescheduled away from machine i while it may still run there. */
  remember(i: number, task: BorgTask): void {
    if (task.launch !== undefined) this.box(i).former.set(task.launch.id, task.resources);
  }

  /** A remembered instance of machine i, or undefined. */
  former(i: number, id: string): { resources: Resources } | undefined {
    const r = this.box(i).former.get(id);
    return r === undefined ? undefined : { resources: r };
  }

  /** Forgets the remembered instances of machine i (its full list was read, or it rebooted). */
  forget(i: number): void {
    this.box(i).former.clear();
  }

  /** The requests for poll `seq` of machine i, taken out of its box; the launches are now sent. */
  take(i: number, seq: number): Pick<PollRequest, 'kills' | 'launches' | 'full'> {
    const box = this.box(i);
    const launches: TaskLaunch[] = [];
    for (const t of box.launches) {
      t.state = 'sent';
      t.sentSeq = seq;
      launches.push(t.launch as TaskLaunch);
    }
    const out = { kills: box.kills, launches, full: box.full };
    box.launches = [];
    box.kills = [];
    box.full = false;
    return out;
  }

  private box(i: number): Outbox {
    return this.boxes[i] as Outbox;
  }
}
