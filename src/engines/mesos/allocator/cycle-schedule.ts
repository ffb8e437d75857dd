import { type SimDuration } from '../../../sim/time.js';
import { type AllocatorHost } from './allocator-types.js';

/**
 * When the allocator's cycles run (hierarchical.cpp): every allocation_interval, and at once on
 * events (framework added or activated, revive, agent added), where a trigger that arrives while a
 * cycle is queued only adds its agents to that queued cycle (MESOS-6904). What a cycle does is the
 * allocator's (`run`).
 */
export class CycleSchedule {
  private queued: Set<string> | 'all' | undefined;

  constructor(
    private readonly host: Pick<AllocatorHost, 'after'>,
    private readonly interval: SimDuration,
    private readonly run: (candidates: ReadonlySet<string> | 'all') => void,
  ) {}

  /** Starts the periodic loop: a cycle over all agents every allocation_interval. */
  start(): void {
    const tick = (): void => {
      this.host.after(this.interval, tick);
      this.run('all');
    };
    this.host.after(this.interval, tick);
  }

  /** Queues a cycle for these agents (or all) now, or adds them to the one already queued. */
  trigger(agents: readonly string[] | 'all'): void {
    if (this.queued === undefined) {
      this.queued = agents === 'all' ? 'all' : new Set(agents);
      this.host.after(0 as SimDuration, () => {
        const candidates = this.queued;
        this.queued = undefined;
        if (candidates !== undefined) this.run(candidates);
      });
    } else if (this.queued !== 'all') {
      if (agents === 'all') this.queued = 'all';
      else for (const a of agents) this.queued.add(a);
    }
  }
}
