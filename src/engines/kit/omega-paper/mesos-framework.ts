import { type Rng } from '../../../sim/rng.js';
import { type SimDuration } from '../../../sim/time.js';
import { type PaperCell } from './cell.js';
import { candidatePool, placeFirstFit } from './first-fit.js';
import { PAPER_COUNTERS, type PaperHost } from './host.js';
import { type PaperJob, shouldAbandon, thinkTime } from './job.js';
import { JobQueue } from './job-queue.js';

/** One job's claims within an offer's reply. */
export interface OfferClaim {
  readonly job: PaperJob;
  readonly machines: number[];
}

/** GB per CPU core in the simulator's units, for its memory pre-check bug (see {@link MesosFramework.handleOffer}). */
const BYTES_PER_GB = 1e9;

/**
 * One framework scheduler of the Mesos model (omega-simulator.md §4.4 steps 1, 3 and 4;
 * `MesosScheduler`). Its queue holds jobs waiting for an offer; a job arriving (or retrying) asks the
 * allocator for offers.
 */
export class MesosFramework {
  private readonly queue = new JobQueue();
  private readonly pool: Int32Array;

  constructor(
    private readonly host: PaperHost,
    private readonly rng: Rng,
    readonly s: number,
    private readonly requestOffer: (framework: MesosFramework) => void,
    private readonly cancelRequest: (framework: MesosFramework) => void,
  ) {
    this.pool = candidatePool(host.cell.machines);
  }

  /** Jobs waiting for an offer. */
  get queued(): number {
    return this.queue.size;
  }

  /** `addJob`: enqueue and request offers (step 1). */
  add(job: PaperJob): void {
    this.queue.push(job);
    this.requestOffer(this);
  }

  /**
   * Step 3 (`handleNextResourceOffer`): takes queued jobs one after another while the offer's private
   * cell still has free CPU and memory. Each job counts an attempt and adds think(job) to the reply's
   * delay; a cheap pre-check skips placement unless the offer's free CPU exceeds one task's CPU and its
   * free memory, in GB, exceeds the task's CPU cores (the simulator compares memory with CPU there: a
   * bug we keep). A job placed in part keeps its claims (`schedulePartialJobs` is ignored) and its rest
   * retries 1 s later, asking for offers again. With the queue empty the framework cancels its request.
   * The simulator clears its `scheduling` flag before the reply is sent, so offers are handled at once
   * and never queue. Returns the claims and the summed think time; the caller replies after it.
   */
  handleOffer(offer: PaperCell): { readonly claims: OfferClaim[]; readonly delay: SimDuration } {
    const host = this.host;
    const claims: OfferClaim[] = [];
    let delay = 0;
    while (offer.availableCpu() > 0 && offer.availableMemory() > 0 && this.queue.size > 0) {
      const job = this.queue.shift();
      host.considered(job);
      const think = thinkTime(job);
      delay += think;
      job.attempts++;
      if (offer.availableCpu() > job.cpu && offer.availableMemory() / BYTES_PER_GB > job.cpu / 1000) {
        const placed = placeFirstFit(offer, this.s, job.unscheduledTasks, job.cpu, job.memory, this.pool, this.rng);
        if (placed.machines.length > 0) {
          host.count(PAPER_COUNTERS.committed, this.s);
          host.busy(this.s, host.now(), think as SimDuration, 'useful');
          claims.push({ job, machines: placed.machines });
          job.unscheduledTasks -= placed.machines.length;
        } else host.count(PAPER_COUNTERS.noFit, this.s);
      }
      if (job.unscheduledTasks > 0) {
        if (shouldAbandon(job, host.options)) host.abandon(job);
        else host.ctx.after(host.options.retryAfter, () => this.add(job));
      }
    }
    if (this.queue.size === 0) this.cancelRequest(this);
    return { claims, delay: delay as SimDuration };
  }
}
