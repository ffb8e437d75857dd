import { isActive, type Pod } from '../objects.js';
import { type ApiServer } from '../store/api-server.js';
import { Informer } from '../store/informer.js';

/** Where the DNS view of endpoints lives in the model (one watch hop from the pods' status writes). */
const ENDPOINT = '@endpoints';

/**
 * Which services have a ready endpoint, as a client inside the cluster learns it (the EndpointSlice
 * controller publishes the Ready pods of a Service, CoreDNS answers a headless Service's name with
 * them): one watch of the pods, counting the active Ready pods of each workload. Made at the first wait (scenarios without the init-container idiom watch nothing more). Limitation:
 * the two hops of the real path (pod → EndpointSlice → DNS) are one watch delivery here.
 */
export class ServiceEndpoints {
  private readonly ready = new Map<string, number>();
  private informer: Informer<'Pod'> | undefined;

  constructor(private readonly api: ApiServer) {}

  /** Whether every one of `services` has a ready endpoint now (the first call starts the watch). */
  allReady(services: readonly string[]): boolean {
    this.informer ??= this.watch();
    return services.every((s) => (this.ready.get(s) ?? 0) > 0);
  }

  private watch(): Informer<'Pod'> {
    const informer = new Informer(this.api, 'Pod', ENDPOINT);
    informer.addHandlers({
      onAdd: (p) => this.count(p, 1),
      onUpdate: (old, p) => {
        this.count(old, -1);
        this.count(p, 1);
      },
      onDelete: (p) => this.count(p, -1),
    });
    return informer;
  }

  private count(p: Pod, sign: 1 | -1): void {
    if (!isActive(p) || !p.status.ready) return;
    const w = p.spec.workload;
    this.ready.set(w, (this.ready.get(w) ?? 0) + sign);
  }
}
