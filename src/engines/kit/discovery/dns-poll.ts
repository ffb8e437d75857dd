import { type SimDuration } from '../../../sim/time.js';
import { type EngineContext } from '../../engine.js';
import { EndpointBook } from './endpoint-book.js';

/** Mesos-DNS, as a message endpoint. */
export const MESOS_DNS = '@mesos-dns';

/** One task the master's state lists as running, with the app (service) it belongs to. */
export interface RunningTask {
  readonly service: string;
  readonly taskId: string;
}

/**
 * Mesos-DNS (mesosphere/mesos-dns): it keeps no watch on the master; every `refreshSeconds` (default
 * 60, docs/configuration-parameters.md: "the frequency at which Mesos-DNS updates DNS records based on
 * information retrieved from the Mesos master") it fetches the master's state (`/master/state`: one
 * `rpc` there and one back) and regenerates every record from the tasks in TASK_RUNNING. A replica is
 * reachable by name from the first poll after the master knew it ran; one that died stays listed
 * until the next poll (the record's TTL, 60 s by default, adds more in clients that cache: not
 * modelled). The loop starts with the first service that takes requests, at a phase drawn uniformly
 * within one period, so scenarios without traffic send nothing.
 */
export class DnsPollDiscovery {
  readonly book: EndpointBook;
  private started = false;

  constructor(
    private readonly ctx: EngineContext,
    /** The master's endpoint, which answers the state request. */
    private readonly master: string,
    /** What the master's state lists as running now (read when the request reaches the master). */
    private readonly snapshot: () => readonly RunningTask[],
    private readonly refresh: SimDuration,
  ) {
    this.book = new EndpointBook(ctx);
  }

  declare(service: string): void {
    this.book.declare(service);
    if (this.started) return;
    this.started = true;
    // Mesos-DNS was started at some moment before the trial: its first refresh falls anywhere in one
    // period (a stream of its own, so no other draw of the engine moves).
    const phase = Math.floor(this.ctx.rng.split('mesos-dns').float() * this.refresh) as SimDuration;
    this.ctx.after(phase, () => this.poll());
  }

  private poll(): void {
    this.ctx.after(this.refresh, () => this.poll());
    this.ctx.net.send('rpc', MESOS_DNS, this.master, 'mesos-dns-state-request', () => {
      const running = this.snapshot().filter((t) => this.book.takesRequests(t.service));
      this.ctx.net.send('rpc', this.master, MESOS_DNS, 'mesos-dns-state', () => this.apply(running));
    });
  }

  private apply(running: readonly RunningTask[]): void {
    const want = new Map<string, Set<string>>(this.book.services().map((s) => [s, new Set<string>()]));
    for (const t of running) want.get(t.service)?.add(t.taskId);
    for (const [service, ids] of want) this.book.replace(service, ids);
  }
}
