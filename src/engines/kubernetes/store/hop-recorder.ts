import { toSeconds } from '../../../sim/time.js';
import { type EngineContext } from '../../engine.js';
import { type KObject, keyOf } from '../objects.js';
import { type WatchEvent, type WriteOp, type WriteResult } from './api-server.js';

/** One hop on the way from a declared intent to a running pod. */
interface Hop {
  /** Simulated time in seconds. */
  readonly time: number;
  readonly hop: 'write' | 'watch';
  /** Writer (write) or receiver (watch). */
  readonly at: string;
  readonly what: string;
}

const MAX_HOPS = 64;

/**
 * With `--explain`, remembers for every object the chain of store writes and watch deliveries
 * that led to it (an object created by a controller inherits its owner's chain), and emits the
 * chain of a pod when its Running status is written.
 */
export class HopRecorder {
  private readonly chains = new Map<string, Hop[]>();

  constructor(private readonly ctx: EngineContext) {}

  write(client: string, label: string, op: WriteOp, result: WriteResult): void {
    if (result.kind !== 'ok') return;
    const obj = result.obj ?? (op.verb === 'create' || op.verb === 'update' ? op.obj : undefined);
    if (!obj) return;
    const id = `${obj.kind}/${keyOf(obj)}`;
    let chain = this.chains.get(id);
    if (!chain) {
      const owner = obj.meta.owner ? this.chains.get(`${obj.meta.owner.kind}/${obj.meta.namespace}/${obj.meta.owner.name}`) : undefined;
      chain = owner ? owner.slice(0, MAX_HOPS / 2) : [];
      this.chains.set(id, chain);
    }
    if (chain.length < MAX_HOPS) chain.push({ time: toSeconds(this.ctx.now()), hop: 'write', at: client, what: `${label} ${id}` });
    if (obj.kind === 'Pod' && obj.status.phase === 'Running' && label === 'pod-status-running') {
      this.ctx.emit({ kind: 'explain', time: this.ctx.now(), record: { type: 'pod-chain', pod: obj.meta.name, node: obj.spec.nodeName, hops: chain } });
      this.chains.delete(id);
    }
  }

  watch(endpoint: string, event: WatchEvent): void {
    const obj: KObject = event.obj;
    const chain = this.chains.get(`${obj.kind}/${event.key}`);
    if (chain && chain.length < MAX_HOPS) chain.push({ time: toSeconds(this.ctx.now()), hop: 'watch', at: endpoint, what: `${event.type} rv=${event.rv}` });
  }
}
