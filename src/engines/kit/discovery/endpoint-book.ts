import { type EngineContext } from '../../engine.js';

/**
 * The endpoints an engine's service discovery has published, per service that takes requests
 * (ServiceTemplate.endpoints), and the one place that reports them: `publish` and `withdraw` emit an
 * `endpoint` event only when they change something, so a mechanism may re-publish what it already
 * did (a periodic full sync) without double counting. Services that take no requests are ignored,
 * which keeps every scenario without traffic exactly as it was.
 */
export class EndpointBook {
  private readonly published = new Map<string, Set<string>>();

  constructor(private readonly ctx: EngineContext) {}

  /** A service that takes requests was declared. */
  declare(service: string): void {
    if (!this.published.has(service)) this.published.set(service, new Set());
  }

  /** Whether `service` takes requests (was declared here). */
  takesRequests(service: string): boolean {
    return this.published.has(service);
  }

  /** Whether any service takes requests (discovery loops start only then). */
  get active(): boolean {
    return this.published.size > 0;
  }

  /** The services that take requests, in declaration order. */
  services(): string[] {
    return [...this.published.keys()];
  }

  /** The endpoints published for `service`. */
  endpointsOf(service: string): ReadonlySet<string> {
    return this.published.get(service) ?? new Set();
  }

  publish(service: string, taskId: string): void {
    const set = this.published.get(service);
    if (!set || set.has(taskId)) return;
    set.add(taskId);
    this.ctx.emit({ kind: 'endpoint', time: this.ctx.now(), action: 'added', service, taskId });
  }

  withdraw(service: string, taskId: string): void {
    const set = this.published.get(service);
    if (!set || !set.delete(taskId)) return;
    this.ctx.emit({ kind: 'endpoint', time: this.ctx.now(), action: 'removed', service, taskId });
  }

  /** Makes `service`'s published endpoints exactly `want` (a full sync of one service). */
  replace(service: string, want: ReadonlySet<string>): void {
    const set = this.published.get(service);
    if (!set) return;
    for (const id of [...set]) if (!want.has(id)) this.withdraw(service, id);
    for (const id of want) this.publish(service, id);
  }
}
