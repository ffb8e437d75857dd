import { type SimDuration } from '../../../sim/time.js';
import { type EngineContext } from '../../engine.js';
import { type Kind, type ObjectOf } from '../objects.js';
import { type ApiServer, type WriteOp, type WriteResult } from './api-server.js';
import { TokenBucket } from './token-bucket.js';

/** A client's side limits (client-go `rest.Config` `QPS` and `Burst`); `qps: -1` means none, as in client-go. */
export interface ClientLimit {
  readonly qps: number;
  readonly burst: number;
}

/** A limit that throttles nothing: the kubelet's heartbeat client (`heartbeatClientConfig.QPS = -1`). */
export const UNLIMITED: ClientLimit = { qps: -1, burst: 1 };

/**
 * One clientset of a component, as client-go builds it: every write it sends first takes a token
 * from the clientset's own bucket ({@link TokenBucket}, `flowcontrol.NewTokenBucketRateLimiter`,
 * made by `NewForConfig`), and waits for one when the bucket is empty. A throttled request counts
 * once in `api-throttled:<component>` and adds its wait in microseconds to
 * `api-throttle-us:<component>`. A closed client (its process died) sends nothing it still held back.
 */
export class ApiClient {
  private readonly bucket: TokenBucket | undefined;
  private readonly throttledCounter: string;
  private readonly delayCounter: string;
  private closed = false;

  constructor(
    private readonly ctx: EngineContext,
    private readonly api: ApiServer,
    /** The endpoint the requests leave from (`@kube-scheduler`, a node name). */
    readonly name: string,
    /** The component the counters are named after (`kube-scheduler`, `kubelet`). */
    component: string,
    limit: ClientLimit,
  ) {
    this.bucket = limit.qps < 0 ? undefined : new TokenBucket(limit.qps, limit.burst);
    this.throttledCounter = `api-throttled:${component}`;
    this.delayCounter = `api-throttle-us:${component}`;
  }

  /** Sends a write as `ApiServer.request` does, once the client's limiter lets it go. */
  request(label: string, op: WriteOp, done?: (result: WriteResult) => void, committed?: (result: WriteResult) => void): void {
    if (this.closed) return;
    const wait = this.bucket === undefined ? 0 : this.bucket.reserve(this.ctx.now());
    if (wait === 0) {
      this.api.request(this.name, label, op, done, committed);
      return;
    }
    this.throttled(wait);
    this.ctx.after(wait, () => {
      if (!this.closed) this.api.request(this.name, label, op, done, committed);
    });
  }

  /** A GET (`ApiServer.read`), once the client's limiter lets it go: client-go limits reads as writes. */
  get<K extends Kind>(kind: K, key: string, done: (obj: ObjectOf<K> | undefined) => void): void {
    if (this.closed) return;
    const wait = this.bucket === undefined ? 0 : this.bucket.reserve(this.ctx.now());
    if (wait === 0) {
      this.api.read(this.name, kind, key, done);
      return;
    }
    this.throttled(wait);
    this.ctx.after(wait, () => {
      if (!this.closed) this.api.read(this.name, kind, key, done);
    });
  }

  /** The process is gone: requests still waiting for a token are dropped. */
  close(): void {
    this.closed = true;
  }

  private throttled(wait: SimDuration): void {
    const time = this.ctx.now();
    this.ctx.emit({ kind: 'counter', time, name: this.throttledCounter, by: 1 });
    this.ctx.emit({ kind: 'counter', time, name: this.delayCounter, by: wait });
  }
}
