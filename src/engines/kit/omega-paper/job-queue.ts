import { type PaperJob } from './job.js';

/**
 * A scheduler's FIFO of jobs (`pendingQueue`): enqueue at the back, dequeue at the front in O(1),
 * the consumed front dropped now and then so that a long run does not keep every job ever queued.
 */
export class JobQueue {
  private items: PaperJob[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  push(job: PaperJob): void {
    this.items.push(job);
  }

  /** The front job (call only when {@link size} > 0). */
  shift(): PaperJob {
    const job = this.items[this.head++] as PaperJob;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return job;
  }
}
