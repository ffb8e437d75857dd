import { type Rng } from '../../../sim/rng.js';
import { type SimDuration } from '../../../sim/time.js';
import { candidatePool, placeFirstFit } from './first-fit.js';
import { type PaperHost } from './host.js';
import { type PaperJob, shouldAbandon, thinkTime } from './job.js';
import { JobQueue } from './job-queue.js';
import { PAPER_COUNTERS } from './host.js';

/**
 * The monolithic model (omega-simulator.md §4.3; `MonolithicScheduler`): one FIFO queue for every
 * workload, one job at a time. At dequeue the scheduler thinks think(job) (§4.2, with the job's own
 * workload's times: "multi-path"; equal times make it "single-path"), then places on the live shared
 * cell, so there are no conflicts. An attempt that placed a task counts its think time as useful; one
 * that placed nothing is not counted (§4.2). A job with tasks left re-enters the queue 1 s later (§4.1).
 */
export class MonolithicModel {
  private readonly queue = new JobQueue();
  private scheduling = false;
  private readonly pool: Int32Array;

  constructor(
    private readonly host: PaperHost,
    private readonly rng: Rng,
    /** The scheduler's index in the host's list. */
    private readonly s = 0,
  ) {
    this.pool = candidatePool(host.cell.machines);
  }

  /** `addJob`: enqueue, and start if idle. */
  add(job: PaperJob): void {
    this.queue.push(job);
    if (!this.scheduling) this.next();
  }

  /** `scheduleNextJobAction`. */
  private next(): void {
    if (this.scheduling || this.queue.size === 0) return;
    this.scheduling = true;
    const job = this.queue.shift();
    this.host.considered(job);
    const start = this.host.now();
    const think = thinkTime(job) as SimDuration;
    this.host.ctx.after(think, () => {
      job.attempts++;
      const claims = placeFirstFit(this.host.cell, this.s, job.unscheduledTasks, job.cpu, job.memory, this.pool, this.rng);
      if (claims.machines.length > 0) {
        this.host.run(job, this.s, claims.machines);
        job.unscheduledTasks -= claims.machines.length;
        this.host.count(PAPER_COUNTERS.committed, this.s);
        this.host.busy(this.s, start, think, 'useful');
      } else this.host.count(PAPER_COUNTERS.noFit, this.s);
      if (job.unscheduledTasks > 0) {
        if (shouldAbandon(job, this.host.options)) this.host.abandon(job);
        else this.host.ctx.after(this.host.options.retryAfter, () => this.add(job));
      }
      this.scheduling = false;
      this.next();
    });
  }
}
