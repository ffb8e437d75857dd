import { type EngineContext } from '../../engine.js';
import { type SimDuration, type SimTime } from '../../../sim/time.js';
import { type ApiServer } from '../store/api-server.js';
import { Informer } from '../store/informer.js';

/** `configMapAndSecretChangeDetectionStrategy` (defaults.ts). */
export type ChangeDetection = 'Watch' | 'Cache' | 'Get';

/**
 * The kubelet's view of ConfigMaps (`pkg/kubelet/configmap`): what a container start (env) or a
 * volume remount (the periodic pod sync) reads. `Watch` (the default) reads a cache fed by a watch, so
 * it lags the store by one watch delivery; `Cache` reads a copy fetched at most `ttl` ago, fetching
 * again when it is older; `Get` reads the store itself. The watch is opened at the first read (a
 * kubelet whose pods use no ConfigMap watches none, as upstream registers only referenced objects).
 */
export class ConfigMapReader {
  private informer: Informer<'ConfigMap'> | undefined;
  private readonly cached = new Map<string, { readonly version: number | undefined; readonly fetchedAt: SimTime }>();

  constructor(
    private readonly ctx: EngineContext,
    private readonly api: ApiServer,
    /** The kubelet's endpoint (its node): watch events travel there. */
    private readonly endpoint: string,
    private readonly strategy: ChangeDetection,
    private readonly ttl: SimDuration,
  ) {}

  /** The version the ConfigMap `namespace/name` holds as the kubelet sees it now (undefined: not seen). */
  read(namespace: string, name: string): number | undefined {
    const key = `${namespace}/${name}`;
    switch (this.strategy) {
      case 'Get':
        return this.api.get('ConfigMap', key)?.data.version;
      case 'Cache': {
        const now = this.ctx.now();
        const c = this.cached.get(key);
        if (c !== undefined && now - c.fetchedAt <= this.ttl) return c.version;
        const version = this.api.get('ConfigMap', key)?.data.version;
        this.cached.set(key, { version, fetchedAt: now });
        return version;
      }
      case 'Watch':
        this.informer ??= new Informer(this.api, 'ConfigMap', this.endpoint);
        return this.informer.get(key)?.data.version;
    }
  }

  /** The node crashed: the process and its caches are gone. */
  reset(): void {
    this.informer?.stop(this.api);
    this.informer = undefined;
    this.cached.clear();
  }
}
