import { type SimDuration, type SimTime } from '../../../sim/time.js';
import { type EngineContext } from '../../engine.js';
import { decide, decisionTime } from '../../kit/index.js';
import { type CommitVerdict, type PlannedClaim } from '../cell/transaction.js';
import { type OmegaOptions, type ThinkTime } from '../options.js';
import { type PrivateCopy } from './private-copy.js';
import { type WorkItem } from './work-item.js';

/** How a scheduler's transaction reaches the cell state: the engine sends it and calls back with the verdict. */
export type CommitPath = <T>(
  scheduler: string,
  planned: readonly PlannedClaim<T>[],
  item: WorkItem<T>,
  copiedAt: SimTime,
  done: (verdict: CommitVerdict<T>) => void,
) => void;

/**
 * One Omega scheduler ([O] §3.4): it takes its work items one at a time from its own queue; each attempt
 * takes a copy of the cell state (the {@link PrivateCopy}), places the item's tasks on it, thinks
 * t_job + t_task × tasks still unplaced ([O] §4; the kit's `decide` reports the busy time), and commits
 * the claims as one transaction. An item with tasks left goes back to the queue `retryDelay` later, as
 * the simulator does ([SIM] §4.1), and a job is abandoned after more than `abandonAfterAttempts`
 * attempts, or more than `abandonAfterAttemptsWithoutProgress` with nothing placed ([O] §4; [SIM] §4.1).
 */
export class OmegaScheduler {
  private readonly queue: WorkItem<unknown>[] = [];
  private head = 0;
  private busy = false;

  constructor(
    readonly name: string,
    private readonly ctx: EngineContext,
    private readonly think: ThinkTime,
    private readonly copy: PrivateCopy,
    private readonly options: Pick<OmegaOptions, 'retryDelay' | 'abandonAfterAttempts' | 'abandonAfterAttemptsWithoutProgress'>,
    private readonly commit: CommitPath,
  ) {}

  /** Puts an item in the queue unless it is already there or being attempted. */
  enqueue<T>(item: WorkItem<T>): void {
    if (item.state.queued || item.state.inFlight) return;
    item.state.queued = true;
    this.queue.push(item as WorkItem<unknown>);
    this.next();
  }

  private next(): void {
    while (!this.busy && this.head < this.queue.length) {
      const item = this.queue[this.head++] as WorkItem<unknown>;
      if (this.head > 1024 && this.head * 2 > this.queue.length) {
        this.queue.splice(0, this.head);
        this.head = 0;
      }
      item.state.queued = false;
      this.attempt(item);
    }
  }

  private attempt<T>(item: WorkItem<T>): void {
    const tasks = item.wanted();
    if (tasks.length === 0) return;
    this.busy = true;
    item.state.inFlight = true;
    const now = this.ctx.now();
    if (item.isJob && item.state.attempts === 0) this.ctx.emit({ kind: 'job-considered', time: now, job: item.name });
    const planned = this.copy.place(tasks);
    const thinkTime = decisionTime(this.think.tJob, this.think.tTask, tasks.length);
    decide(this.ctx, this.name, thinkTime, () => {
      if (planned.length === 0) {
        this.ctx.emit({ kind: 'transaction', time: this.ctx.now(), scheduler: this.name, outcome: 'no-fit', claims: 0, conflicts: 0, thinkTime });
        item.unplaced(
          tasks.map((t) => t.item),
          'no machine had room on the scheduler’s copy of the cell state',
        );
        this.finish(item, 0);
        return;
      }
      this.commit(this.name, planned, item, now, (verdict) => {
        const conflicts = verdict.conflicted.length;
        const outcome = conflicts > 0 ? 'conflicted' : 'committed';
        this.ctx.emit({ kind: 'transaction', time: this.ctx.now(), scheduler: this.name, outcome, claims: planned.length, conflicts, thinkTime });
        const accepted = new Set(verdict.accepted.map((c) => c.item));
        const left = tasks.filter((t) => !accepted.has(t.item)).map((t) => t.item);
        if (left.length > 0)
          item.unplaced(
            left,
            verdict.conflicted.length > 0 ? 'its claim conflicted at the commit' : 'no machine had room on the scheduler’s copy of the cell state',
          );
        this.finish(item, verdict.accepted.length);
      });
    });
  }

  /** An attempt ended: retry later what is left (or abandon a job past the limits), then take the next item. */
  private finish<T>(item: WorkItem<T>, placed: number): void {
    const s = item.state;
    s.attempts++;
    s.placedSoFar += placed;
    s.inFlight = false;
    this.busy = false;
    if (item.wanted().length > 0) {
      const o = this.options;
      if (item.isJob && (s.attempts > o.abandonAfterAttempts || (s.placedSoFar === 0 && s.attempts > o.abandonAfterAttemptsWithoutProgress)))
        item.abandon(`abandoned after ${s.attempts} attempts (${s.placedSoFar} tasks placed)`);
      else this.ctx.after(o.retryDelay as SimDuration, () => this.enqueue(item));
    }
    this.next();
  }
}
