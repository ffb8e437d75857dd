import { type SimDuration } from '../../../sim/time.js';
import { type EngineContext } from '../../engine.js';
import { type EndpointBook } from '../../kit/index.js';
import { type KubeProxy } from '../kube-proxy.js';
import { type Pod } from '../objects.js';
import { type ClientLimit } from '../store/api-client.js';
import { API, ETCD } from '../store/calls.js';
import { type Informer } from '../store/informer.js';
import { TokenBucket } from '../store/token-bucket.js';

const KCM = '@kube-controller-manager';
/** The representative kube-proxy (kube-proxy.ts), as a watch endpoint. */
export const KUBE_PROXY = '@kube-proxy';
const COMPONENT = 'endpointslice-controller';

/**
 * Whether a pod is a ready endpoint: Running, Ready, not terminating (the EndpointSlice controller
 * puts Ready pods in `endpoints[].conditions.ready`, and kube-proxy routes only to those). The kubelet
 * marks a pod Ready when it runs; application readiness (issue #16) will make Ready come later.
 */
export function isReadyEndpoint(pod: Pod): boolean {
  return pod.status.phase === 'Running' && pod.status.ready && pod.meta.deletionTimestamp === undefined;
}

/**
 * The EndpointSlice controller of kube-controller-manager (`pkg/controller/endpointslice`), for the
 * services that take requests: pod events from the shared pod informer queue the pod's service,
 * after `updatesBatchPeriod` (default 0: at once) a sync lists the service's ready pods from the
 * informer and, if they differ from the slice it last wrote, writes the EndpointSlice through the API
 * server with the controller's own client rate limit (KCM `--kube-api-qps` 20 / burst 30: a token
 * bucket; a throttled write counts in `api-throttled:endpointslice-controller`). The write pays the
 * store's hops — client → apiserver (`rpc`), apiserver → etcd (`storeWrite`) — and reaches kube-proxy
 * as a watch event (`watchDelivery`). The slice is not kept as an object in the store model: no other
 * component here reads it, so only its traffic and its delays are modelled.
 */
export class EndpointSliceController {
  private readonly queued = new Set<string>();
  private readonly written = new Map<string, { version: number; endpoints: ReadonlySet<string> }>();
  private readonly bucket: TokenBucket | undefined;

  constructor(
    private readonly ctx: EngineContext,
    private readonly pods: Informer<'Pod'>,
    private readonly book: EndpointBook,
    private readonly proxy: KubeProxy,
    private readonly batchPeriod: SimDuration,
    limit: ClientLimit,
  ) {
    this.bucket = limit.qps < 0 ? undefined : new TokenBucket(limit.qps, limit.burst);
    pods.addHandlers({
      onAdd: (pod) => this.podChanged(undefined, pod),
      onUpdate: (old, pod) => this.podChanged(old, pod),
      onDelete: (pod) => this.podChanged(pod, undefined),
    });
  }

  private podChanged(old: Pod | undefined, pod: Pod | undefined): void {
    const service = (pod ?? old)?.spec.workload;
    if (service === undefined || !this.book.takesRequests(service)) return;
    const was = old !== undefined && isReadyEndpoint(old);
    const is = pod !== undefined && isReadyEndpoint(pod);
    if (was === is) return;
    if (this.queued.has(service)) return;
    this.queued.add(service);
    this.ctx.after(this.batchPeriod, () => this.sync(service));
  }

  private sync(service: string): void {
    this.queued.delete(service);
    const endpoints = new Set<string>();
    for (const pod of this.pods.values()) if (pod.spec.workload === service && isReadyEndpoint(pod)) endpoints.add(pod.meta.name);
    const last = this.written.get(service);
    if (last && sameSet(last.endpoints, endpoints)) return;
    const version = (last?.version ?? 0) + 1;
    this.written.set(service, { version, endpoints });
    const wait = this.bucket?.reserve(this.ctx.now()) ?? 0;
    if (wait > 0) {
      this.ctx.emit({ kind: 'counter', time: this.ctx.now(), name: `api-throttled:${COMPONENT}`, by: 1 });
      this.ctx.emit({ kind: 'counter', time: this.ctx.now(), name: `api-throttle-us:${COMPONENT}`, by: wait });
    }
    this.ctx.after(wait as SimDuration, () => this.write(service, version, endpoints));
  }

  private write(service: string, version: number, endpoints: ReadonlySet<string>): void {
    const net = this.ctx.net;
    net.send('rpc', KCM, API, 'endpointslice-update', () =>
      net.send('storeWrite', API, ETCD, 'endpointslice-update', () =>
        net.send('watchDelivery', API, KUBE_PROXY, 'watch-endpointslice', () => this.proxy.sliceChanged(service, version, endpoints)),
      ),
    );
  }
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}
