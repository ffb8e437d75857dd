import { type Rng } from '../../../sim/rng.js';
import { type SimDuration } from '../../../sim/time.js';
import { type PaperCell } from './cell.js';
import { commitClaims } from './commit.js';
import { candidatePool, placeFirstFit } from './first-fit.js';
import { PAPER_COUNTERS, type PaperHost } from './host.js';
import { type PaperJob, shouldAbandon, thinkTime } from './job.js';
import { JobQueue } from './job-queue.js';

/**
 * One Omega scheduler (omega-simulator.md §4.5; `OmegaScheduler`): its own queue, one job at a time.
 * An attempt takes a full private copy of the shared cell, thinks think(job), places on the copy with
 * randomized first fit and commits the claims to the shared cell (commit.ts: conflict and transaction
 * modes). Think time counts as wasted when the commit had any conflicting claim, as useful otherwise,
 * and not at all when no task fitted (§4.2). Tasks left retry 1 s later (§4.1).
 */
export class OmegaModel {
  private readonly queue = new JobQueue();
  private scheduling = false;
  private readonly pool: Int32Array;
  /** The private copy, reused between attempts (one attempt at a time). */
  private privateCell: PaperCell | undefined;

  constructor(
    private readonly host: PaperHost,
    private readonly rng: Rng,
    /** The scheduler's index in the host's list. */
    private readonly s: number,
  ) {
    this.pool = candidatePool(host.cell.machines);
  }

  /** `addJob`: enqueue, and start if idle. */
  add(job: PaperJob): void {
    this.queue.push(job);
    if (!this.scheduling) this.handleNext();
  }

  private handleNext(): void {
    if (this.queue.size === 0) {
      this.scheduling = false;
      return;
    }
    this.scheduling = true;
    const job = this.queue.shift();
    this.handle(job);
  }

  /** `handleJob`: sync, think, place on the copy, commit. */
  private handle(job: PaperJob): void {
    const host = this.host;
    host.considered(job);
    const copy = (this.privateCell = host.cell.copy(this.privateCell));
    const start = host.now();
    const think = thinkTime(job) as SimDuration;
    host.ctx.after(think, () => {
      job.attempts++;
      const claims = placeFirstFit(copy, this.s, job.unscheduledTasks, job.cpu, job.memory, this.pool, this.rng);
      if (claims.machines.length > 0) {
        const outcome = commitClaims(host.cell, this.s, claims, job.cpu, job.memory, host.options);
        host.run(job, this.s, outcome.committed);
        job.unscheduledTasks -= outcome.committed.length;
        if (outcome.conflicted === 0) {
          host.count(PAPER_COUNTERS.committed, this.s);
          host.busy(this.s, start, think, 'useful');
        } else {
          host.count(PAPER_COUNTERS.failed, this.s);
          host.busy(this.s, start, think, 'wasted');
        }
      } else host.count(PAPER_COUNTERS.noFit, this.s);
      if (job.unscheduledTasks > 0) {
        if (shouldAbandon(job, host.options)) host.abandon(job);
        else host.ctx.after(host.options.retryAfter, () => this.add(job));
      }
      this.scheduling = false;
      this.handleNext();
    });
  }
}
