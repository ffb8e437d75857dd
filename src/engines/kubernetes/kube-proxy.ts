import { type SimDuration } from '../../sim/time.js';
import { type EngineContext } from '../engine.js';
import { type EndpointBook } from '../kit/index.js';

/**
 * kube-proxy in iptables mode, as one representative instance (the proxy on the caller's node; every
 * node's proxy programs the same rules on the same schedule). It watches EndpointSlices and rewrites
 * its rules with a `BoundedFrequencyRunner` (`pkg/util/async/bounded_frequency_runner.go`): a change
 * asks for a sync, which runs at once unless the last one was less than `minSyncPeriod` ago (then at
 * last + minSyncPeriod); and a sync runs at least every `syncPeriod` regardless. A sync makes the
 * published endpoints exactly the newest slice of each service (what clients can reach). The rewrite
 * itself (iptables-restore) takes no virtual time here.
 */
export class KubeProxy {
  /** The newest EndpointSlice content per service, with its version (older deliveries are ignored). */
  private readonly slices = new Map<string, { version: number; endpoints: ReadonlySet<string> }>();
  private lastSync = -Infinity;
  private syncQueued = false;
  private periodicStarted = false;

  constructor(
    private readonly ctx: EngineContext,
    private readonly book: EndpointBook,
    private readonly minSyncPeriod: SimDuration,
    private readonly syncPeriod: SimDuration,
  ) {}

  /** A watch event with a service's EndpointSlice reached the proxy. */
  sliceChanged(service: string, version: number, endpoints: ReadonlySet<string>): void {
    const cur = this.slices.get(service);
    if (cur && cur.version >= version) return;
    this.slices.set(service, { version, endpoints });
    this.startPeriodic();
    this.requestSync();
  }

  private requestSync(): void {
    if (this.syncQueued) return;
    this.syncQueued = true;
    const wait = Math.max(0, this.lastSync + this.minSyncPeriod - this.ctx.now()) as SimDuration;
    this.ctx.after(wait, () => {
      this.syncQueued = false;
      this.sync();
    });
  }

  private startPeriodic(): void {
    if (this.periodicStarted) return;
    this.periodicStarted = true;
    const tick = (): void => {
      // The runner's max interval: a full sync when none ran for syncPeriod.
      if (this.ctx.now() - this.lastSync >= this.syncPeriod) this.sync();
      this.ctx.after(this.syncPeriod, tick);
    };
    this.ctx.after(this.syncPeriod, tick);
  }

  private sync(): void {
    this.lastSync = this.ctx.now();
    this.ctx.emit({ kind: 'counter', time: this.ctx.now(), name: 'kube-proxy-sync', by: 1 });
    for (const [service, slice] of this.slices) this.book.replace(service, slice.endpoints);
  }
}
