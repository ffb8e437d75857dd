import { type TaskExit, type TaskLaunch } from '../../../cluster/task.js';
import { type EngineContext, type NodeAgentApi } from '../../engine.js';
import { UnackedChanges } from '../../kit/index.js';

/** How an instance ended, as its agent reports it: an exit, or `rejected` when its launch did not fit the machine. */
export type InstanceEnd = TaskExit | 'rejected';

/** One end the agent reports until the cell state acknowledges it. */
export interface AgentExit {
  readonly seq: number;
  readonly id: string;
  readonly how: InstanceEnd;
}

/**
 * A machine's state as its agent reports it when polled: its incarnation (a reboot starts a new one), the
 * launches received and the ends since the last acknowledged poll, and, when the poll asks for it or the
 * incarnation changed, the instances present (starting or running) and which of them run. Borg's
 * Borglet always sends its full state and its link shard passes only the differences on to the master
 * ([B] §3.3): a report without `full` is that difference.
 */
export interface AgentReport {
  readonly incarnation: number;
  readonly received: readonly AgentNote[];
  readonly exits: readonly AgentExit[];
  readonly full?: { readonly present: readonly TaskLaunch[]; readonly running: readonly string[] };
}

/** A launch the agent received, reported until acknowledged. */
export interface AgentNote {
  readonly seq: number;
  readonly id: string;
}

/** Where the agent's messages go: the cell state's machine monitor. */
export interface AgentListener {
  running(machine: number, id: string): void;
  ended(machine: number, incarnation: number, exit: AgentExit): void;
  report(machine: number, report: AgentReport): void;
}

const NO_EXITS: readonly AgentExit[] = [];
const NO_NOTES: readonly AgentNote[] = [];

/** The cell state's name on the network. */
export const CELL_STATE = '@cell-state';

/**
 * The agent on one machine (Omega runs on Borg's machines, so a Borglet-like agent, [B] §3.3): it
 * launches and kills instances through the machine's handle, tells the cell state at once when an
 * instance runs or ends, and answers every poll with its full state, re-sending the ends the state has
 * not acknowledged (so a lost message costs one poll period, never a leaked claim). A crash loses
 * everything; a boot starts a new incarnation with nothing on the machine.
 */
export class MachineAgent {
  private readonly api: NodeAgentApi;
  private incarnation = 1;
  private alive = true;
  private exitSeq = 0;
  /** Ends and received launches not yet acknowledged by a poll (one sequence for both). */
  private readonly unacked = new UnackedChanges<AgentExit>();
  private readonly receipts = new UnackedChanges<AgentNote>();

  constructor(
    private readonly ctx: EngineContext,
    readonly name: string,
    private readonly index: number,
    private readonly listener: AgentListener,
  ) {
    this.api = ctx.cluster.agent(name);
  }

  start(): void {
    this.api.onLifecycle((change) => {
      this.alive = change === 'booted';
      this.unacked.clear();
      this.receipts.clear();
      this.exitSeq = 0;
      if (this.alive) this.incarnation++;
    });
  }

  /** A launch from the cell state arrived. */
  launch(task: TaskLaunch): void {
    if (!this.alive) return;
    if (!this.api.fits(task)) {
      this.end(task.id, 'rejected');
      return;
    }
    const inc = this.incarnation;
    const seq = ++this.exitSeq;
    this.receipts.add({ seq, id: task.id }, seq);
    this.api.launch(task, {
      onRunning: () => {
        if (inc !== this.incarnation) return;
        this.ctx.net.send('rpc', this.name, CELL_STATE, 'task-running', () => this.listener.running(this.index, task.id));
      },
      onExit: (how) => {
        if (inc === this.incarnation) this.end(task.id, how);
      },
    });
  }

  /** A kill from the cell state arrived. */
  kill(id: string): void {
    if (this.alive) this.api.stop(id);
  }

  /**
   * A poll arrived: drop the notes the state has acknowledged and answer with what changed since, and
   * with the full instance set when the state asks for it or does not know this incarnation.
   */
  poll(ackedThrough: number, ackedIncarnation: number, wantFull: boolean): void {
    if (!this.alive) return;
    const same = ackedIncarnation === this.incarnation;
    if (same) {
      this.unacked.dropAckedThrough(ackedThrough);
      this.receipts.dropAckedThrough(ackedThrough);
    }
    let full: AgentReport['full'];
    if (wantFull || !same) {
      const present = this.api.instances();
      full = { present, running: present.filter((t) => this.api.isRunning(t.id)).map((t) => t.id) };
    }
    const report: AgentReport = {
      incarnation: this.incarnation,
      received: this.receipts.size > 0 ? this.receipts.values() : NO_NOTES,
      exits: this.unacked.size > 0 ? this.unacked.values() : NO_EXITS,
      ...(full ? { full } : {}),
    };
    this.ctx.net.send('heartbeat', this.name, CELL_STATE, 'poll-reply', () => this.listener.report(this.index, report));
  }

  private end(id: string, how: InstanceEnd): void {
    const exit: AgentExit = { seq: ++this.exitSeq, id, how };
    this.unacked.add(exit, exit.seq);
    const inc = this.incarnation;
    this.ctx.net.send('rpc', this.name, CELL_STATE, 'task-ended', () => this.listener.ended(this.index, inc, exit));
  }
}
