import { type Rng } from '../../sim/rng.js';
import { type SimDuration } from '../../sim/time.js';
import { type EngineContext } from '../engine.js';
import { decide, decisionTime } from '../kit/index.js';
import { type BorgTask } from './borg-task.js';
import { type CellState, type Machine } from './cell-state.js';
import { type Candidate, ClassPlacement } from './class-placement.js';
import { placementRecord } from './explain-placement.js';
import { MachineOrder } from './machine-order.js';
import { type BorgOptions } from './options.js';
import { type PendingQueue, type Turn } from './pending-queue.js';
import { type ScoreCache } from './score-cache.js';

/** The scheduler's name in the metrics (busyness, decisions). */
export const SCHEDULER_NAME = 'borg-scheduler';

/** One task the scheduler chose a machine for in a turn. */
export interface Assignment {
  readonly task: BorgTask;
  readonly machine: Machine;
  readonly victims: readonly BorgTask[];
}

/** What the scheduler does through the Borgmaster. */
export interface SchedulerHost {
  readonly cell: CellState;
  readonly queue: PendingQueue;
  readonly cache: ScoreCache;
  /** Books `task` on `machine` as being decided, after evicting `victims` (they go back to the queue). */
  reserve(a: Assignment): void;
  /** The turn's assignments reach the master, which commits those still valid. */
  commit(assignments: readonly Assignment[]): void;
  /** Tasks of a turn that found no machine (the master notes why they wait). */
  unplaced(tasks: readonly BorgTask[]): void;
  /** How many more tasks of the turn's owner may be assigned now (a job's parallelism), or +∞. */
  room(turn: Turn): number;
}

/**
 * Borg's scheduler ([B] §3.2, §3.4): it scans the pending queue asynchronously, in passes. A pass
 * takes turns in the queue's order (priority, then round-robin over users); a turn is one owner's
 * waiting tasks, placed class by class (feasibility, then scoring, see {@link ClassPlacement}) on
 * the cell state with one random machine order per turn, then thought about for t_job + t_task ×
 * (tasks placed + equivalence classes examined), after which the assignments go to the master. What
 * it could not place waits for the next pass, which starts once the cell changed (a task ended, a
 * machine came back, a task arrived). A crashed scheduler process stops scanning until it is back.
 */
export class BorgScheduler {
  private busy = false;
  private pass = 0;
  /** Something changed since the current pass started. */
  private changed = false;
  private down = false;
  private readonly rng: Rng;

  constructor(
    private readonly ctx: EngineContext,
    private readonly options: BorgOptions,
    private readonly host: SchedulerHost,
  ) {
    this.rng = ctx.rng.split('scheduler');
  }

  /** The cell or the queue changed: a pass will look again. */
  wake(): void {
    this.changed = true;
    if (!this.busy && !this.down) {
      this.busy = true;
      this.ctx.after(0 as SimDuration, () => {
        this.busy = false;
        this.loop();
      });
    }
  }

  /** The scheduler process is down until `back()`. */
  crash(): void {
    this.down = true;
  }

  back(): void {
    this.down = false;
    this.wake();
  }

  private loop(): void {
    if (this.busy || this.down) return;
    let turn = this.host.queue.nextTurn(this.pass);
    if (turn === undefined && this.changed) {
      this.pass++;
      this.changed = false;
      turn = this.host.queue.nextTurn(this.pass);
    }
    if (turn === undefined) return;
    this.run(turn);
  }

  private run(turn: Turn): void {
    const owner = turn.owner;
    if (owner.kind === 'job' && !owner.considered) {
      owner.considered = true;
      this.ctx.emit({ kind: 'job-considered', time: this.ctx.now(), job: owner.spec.name });
    }
    const order = new MachineOrder(this.host.cell.machines.length, this.rng);
    const assignments: Assignment[] = [];
    const unplaced: BorgTask[] = [];
    let allowed = this.host.room(turn);
    let classes = 0;
    let examined = 0;
    const byClass = new Map<string, BorgTask[]>();
    for (const t of turn.tasks) {
      const list = byClass.get(t.classKey);
      if (list === undefined) byClass.set(t.classKey, [t]);
      else list.push(t);
    }
    for (const tasks of byClass.values()) {
      if (allowed <= 0) {
        unplaced.push(...tasks);
        continue;
      }
      classes++;
      const placement = new ClassPlacement({
        cell: this.host.cell,
        cache: this.host.cache,
        order,
        policy: this.options.score,
        sample: this.options.feasibleSample,
        preemption: this.options.preemption,
      });
      let k = 0;
      for (; k < tasks.length && allowed > 0; k++) {
        const task = tasks[k] as BorgTask;
        const best = placement.best(task);
        if (best === undefined || !best.score.fit.feasible) break;
        const ranked = this.ctx.explain ? placement.ranked() : [];
        const a: Assignment = { task, machine: best.machine, victims: best.score.fit.victims };
        this.host.reserve(a);
        if (this.ctx.explain) this.explain(task, best, ranked, placement.examined);
        assignments.push(a);
        allowed--;
      }
      examined += placement.examined;
      if (k === tasks.length) this.host.cache.drop(tasks[0]?.classKey ?? '');
      else unplaced.push(...tasks.slice(k));
    }
    this.host.queue.putBack(unplaced, this.pass);
    if (unplaced.length > 0) this.host.unplaced(unplaced);
    this.counters(examined);
    this.busy = true;
    const think = decisionTime(this.options.thinkTime.perJob, this.options.thinkTime.perTask, assignments.length + classes);
    decide(this.ctx, SCHEDULER_NAME, think, () => {
      this.busy = false;
      if (assignments.length > 0) this.host.commit(assignments);
      this.loop();
    });
  }

  private counters(examined: number): void {
    const now = this.ctx.now();
    const { hits, misses } = this.host.cache.take();
    if (examined > 0) this.ctx.emit({ kind: 'counter', time: now, name: 'machines-examined', by: examined });
    if (hits > 0) this.ctx.emit({ kind: 'counter', time: now, name: 'score-cache-hit', by: hits });
    if (misses > 0) this.ctx.emit({ kind: 'counter', time: now, name: 'score-cache-miss', by: misses });
  }

  private explain(task: BorgTask, chosen: Candidate, ranked: readonly Candidate[], examined: number): void {
    const record = placementRecord(task, chosen, ranked, examined, this.options);
    this.ctx.emit({ kind: 'explain', time: this.ctx.now(), record });
  }
}
