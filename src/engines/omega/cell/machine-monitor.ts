import { type TaskLaunch } from '../../../cluster/task.js';
import { type SimDuration, type SimTime } from '../../../sim/time.js';
import { type EngineContext } from '../../engine.js';
import { repeatEvery } from '../../kit/index.js';
import { type AgentExit, type AgentListener, type AgentReport, CELL_STATE, type InstanceEnd, type MachineAgent } from '../agents/machine-agent.js';
import { type CellState, type Claim } from './cell-state.js';

/** What the monitor tells the engine about claims, as the agents' reports reveal it. */
export interface ClaimEvents<B, S> {
  /** The instance of a claim ran on its machine. */
  running(claim: Claim<B, S>): void;
  /** The instance of a claim ended (the claim is already freed). */
  ended(claim: Claim<B, S>, how: InstanceEnd): void;
  /** Claims whose instances are gone without an end: their machine was marked down or rebooted, or the launch never arrived (freed already). */
  lost(claims: readonly Claim<B, S>[], why: string): void;
}

/** Per-machine bookkeeping of the monitor. */
interface Heard {
  lastHeard: SimTime;
  incarnation: number;
  ackedThrough: number;
  /** The next poll asks for the full instance set (the machine was marked down: it may come back with orphans). */
  wantFull: boolean;
}

/**
 * Machine health as the shared cell state learns it: like Borg's master ([B] §3.3) it polls every
 * machine's agent each `pollPeriod` and marks a machine down once no answer came for
 * `missedPollsBeforeDown` periods; every claim on a down machine is freed and its instances count as
 * lost (the engine reschedules them). A machine that answers again is up again: if it kept running
 * instances the state has since given away (a partition), they are orphans, held as claims until the
 * kill the state sends has ended them, so that the state never believes a machine emptier than it is.
 * Reports also confirm launches: a claim whose instance no report ever showed one poll period after its
 * commit was lost on the way (a dropped launch) and is freed.
 */
export class MachineMonitor<B, S> implements AgentListener {
  private readonly heard: Heard[];
  private agents: readonly MachineAgent[] = [];
  /** Machines with claims no report has confirmed yet (their launches may have been lost). */
  private readonly unconfirmed = new Set<number>();

  constructor(
    private readonly ctx: EngineContext,
    private readonly cell: CellState<B, S>,
    private readonly pollPeriod: SimDuration,
    private readonly missedPolls: number,
    private readonly events: ClaimEvents<B, S>,
  ) {
    this.heard = cell.machines.map(() => ({ lastHeard: 0 as SimTime, incarnation: 1, ackedThrough: 0, wantFull: false }));
  }

  /** Starts the poll rounds (the first one a period after time 0). */
  start(agents: readonly MachineAgent[]): void {
    this.agents = agents;
    repeatEvery(this.ctx, this.pollPeriod, () => this.round());
  }

  /** A claim was committed on `machine`: its launch is on the way, and a report must confirm it. */
  launched(machine: number): void {
    this.unconfirmed.add(machine);
  }

  /** Sends a kill for an instance to its machine's agent. */
  kill(machine: number, id: string): void {
    const agent = this.agents[machine] as MachineAgent;
    this.ctx.net.send('rpc', CELL_STATE, agent.name, 'kill', () => agent.kill(id));
  }

  private round(): void {
    const now = this.ctx.now();
    const limit = this.pollPeriod * this.missedPolls;
    this.agents.forEach((agent, m) => {
      const h = this.heard[m] as Heard;
      if (this.cell.isUp(m) && now - h.lastHeard >= limit) {
        this.ctx.emit({ kind: 'counter', time: now, name: 'machine-marked-down', by: 1 });
        this.events.lost(this.cell.setUp(m, false), 'its machine was marked down after missed polls');
        h.wantFull = true;
      }
      const acked = h.ackedThrough;
      const inc = h.incarnation;
      const full = h.wantFull;
      this.ctx.net.send('rpc', CELL_STATE, agent.name, 'poll', () => agent.poll(acked, inc, full));
    });
  }

  running(machine: number, id: string): void {
    const claim = this.cell.get(id);
    if (claim === undefined || claim.machine !== machine || claim.running) return;
    claim.confirmed = true;
    claim.running = true;
    this.events.running(claim);
  }

  ended(machine: number, _incarnation: number, exit: AgentExit): void {
    const claim = this.cell.get(exit.id);
    if (claim === undefined || claim.machine !== machine) return;
    this.cell.release(exit.id);
    this.events.ended(claim, exit.how);
  }

  report(machine: number, r: AgentReport): void {
    const h = this.heard[machine] as Heard;
    const now = this.ctx.now();
    h.lastHeard = now;
    if (r.incarnation !== h.incarnation) {
      h.incarnation = r.incarnation;
      h.ackedThrough = 0;
    }
    if (!this.cell.isUp(machine)) this.cell.setUp(machine, true);
    for (const n of r.received) {
      const claim = this.cell.get(n.id);
      if (claim !== undefined && claim.machine === machine) claim.confirmed = true;
      h.ackedThrough = Math.max(h.ackedThrough, n.seq);
    }
    for (const e of r.exits) {
      this.ended(machine, r.incarnation, e);
      h.ackedThrough = Math.max(h.ackedThrough, e.seq);
    }
    if (r.full) {
      h.wantFull = false;
      this.reconcile(machine, r.full.present, r.full.running, now);
    } else if (this.unconfirmed.has(machine)) this.dropLostLaunches(machine, undefined, now);
  }

  /** Compares the machine's full instance set with the state's claims on it. */
  private reconcile(machine: number, present: readonly TaskLaunch[], running: readonly string[], now: SimTime): void {
    const ids = new Set<string>();
    for (const task of present) {
      ids.add(task.id);
      const claim = this.cell.get(task.id);
      if (claim === undefined) {
        // Still running here although the state gave it up: hold its room and kill it.
        this.cell.add({ id: task.id, machine, demand: task.resources, owner: { kind: 'orphan' }, committedAt: now, confirmed: true, running: false });
        this.kill(machine, task.id);
      } else if (claim.owner.kind === 'orphan') this.kill(machine, task.id);
      else claim.confirmed = true;
    }
    for (const id of running) this.running(machine, id);
    this.dropLostLaunches(machine, ids, now);
  }

  /**
   * Frees the claims on `machine` whose instances are gone without an end: not in the instance set
   * (`present`, when the report had it) although confirmed before, or never confirmed one poll period
   * after their commit (a lost launch).
   */
  private dropLostLaunches(machine: number, present: ReadonlySet<string> | undefined, now: SimTime): void {
    const lost: Claim<B, S>[] = [];
    let waiting = false;
    for (const claim of this.cell.claimsOn(machine)) {
      if (present?.has(claim.id) === true) continue;
      if ((present !== undefined && claim.confirmed) || (!claim.confirmed && now - claim.committedAt >= this.pollPeriod)) lost.push(claim);
      else if (!claim.confirmed) waiting = true;
    }
    if (!waiting) this.unconfirmed.delete(machine);
    for (const c of lost) this.cell.release(c.id);
    if (lost.length > 0) this.events.lost(lost, 'its machine no longer ran it');
  }
}
