import { type NetworkApi } from '../../engine.js';
import { type WatchEvent, type WatchStream, type WriteOp, type WriteResult } from './api-server.js';

/** The API server and etcd as network endpoints (control-plane components never fail). */
export const API = '@apiserver';
export const ETCD = '@etcd';

/** Message labels made once: millions of requests would otherwise build them anew. */
const RESPONSE_LABEL = new Map<string, string>();
function responseLabel(label: string): string {
  let r = RESPONSE_LABEL.get(label);
  if (r === undefined) {
    r = `${label}-response`;
    RESPONSE_LABEL.set(label, r);
  }
  return r;
}

/** What a {@link WriteCall} needs of the server: the commit, at the time the write reaches etcd. */
export interface Committer {
  apply(op: WriteOp, client: string, label: string): WriteResult;
}

/**
 * One write on its way client → apiserver → etcd → client. The three hops' callbacks are made once
 * per call object, and a call object is reused once its last hop ran (or a hop was dropped at
 * send): at scale a write is sent ~1,000 times per simulated second (Lease renewals alone), and a
 * fresh chain of closures per write was a large share of the garbage. A hop dropped in flight never
 * runs, so its call is never reused (it is left to the garbage collector): a pooled call has no
 * message outstanding. The messages sent, their order and labels are those of a fresh chain.
 */
class WriteCall {
  private client = '';
  private label = '';
  private op: WriteOp | undefined;
  private done: ((result: WriteResult) => void) | undefined;
  private committed: ((result: WriteResult) => void) | undefined;
  private result: WriteResult | undefined;

  constructor(private readonly calls: WriteCalls) {}

  /** Sends the request's first hop. */
  start(
    client: string,
    label: string,
    op: WriteOp,
    done: ((result: WriteResult) => void) | undefined,
    committed: ((result: WriteResult) => void) | undefined,
  ): void {
    this.client = client;
    this.label = label;
    this.op = op;
    this.done = done;
    this.committed = committed;
    if (!this.calls.net.send('rpc', client, API, label, this.atApi)) this.calls.release(this);
  }

  /**
   * Continues a write whose earlier hops were accounted in closed form, from its arrival at the API
   * server (`api`: the etcd hop is sent now) or at etcd (`etcd`: it commits now).
   */
  resume(stage: 'api' | 'etcd', client: string, label: string, op: WriteOp, done: ((result: WriteResult) => void) | undefined): void {
    this.client = client;
    this.label = label;
    this.op = op;
    this.done = done;
    this.committed = undefined;
    if (stage === 'api') this.atApi();
    else this.atEtcd();
  }

  /** Forgets the request (so a pooled call holds no object alive). */
  clear(): void {
    this.op = undefined;
    this.done = undefined;
    this.committed = undefined;
    this.result = undefined;
  }

  private readonly atApi = (): void => {
    if (!this.calls.net.send('storeWrite', API, ETCD, this.label, this.atEtcd)) this.calls.release(this);
  };

  private readonly atEtcd = (): void => {
    const result = this.calls.server.apply(this.op as WriteOp, this.client, this.label);
    this.committed?.(result);
    if (this.done === undefined) {
      this.calls.release(this);
      return;
    }
    this.result = result;
    if (!this.calls.net.send('rpc', API, this.client, responseLabel(this.label), this.back)) this.calls.release(this);
  };

  private readonly back = (): void => {
    const done = this.done as (result: WriteResult) => void;
    const result = this.result as WriteResult;
    // Released before the client's callback runs, which may send the next write.
    this.calls.release(this);
    done(result);
  };
}

/** The pool of {@link WriteCall}s of one API server. */
export class WriteCalls {
  private readonly free: WriteCall[] = [];

  constructor(
    readonly net: NetworkApi,
    readonly server: Committer,
  ) {}

  /** Sends a write (see `ApiServer.request`). */
  request(
    client: string,
    label: string,
    op: WriteOp,
    done: ((result: WriteResult) => void) | undefined,
    committed: ((result: WriteResult) => void) | undefined,
  ): void {
    const call = this.free.pop() ?? new WriteCall(this);
    call.start(client, label, op, done, committed);
  }

  /** Continues a write from its arrival at the API server or at etcd (see `WriteCall.resume`). */
  resume(stage: 'api' | 'etcd', client: string, label: string, op: WriteOp, done: ((result: WriteResult) => void) | undefined): void {
    const call = this.free.pop() ?? new WriteCall(this);
    call.resume(stage, client, label, op, done);
  }

  /** Takes back a call whose messages have all run or been dropped at send. */
  release(call: WriteCall): void {
    call.clear();
    this.free.push(call);
  }
}

/** What a {@link Delivery} hands its event to on arrival (count, explain hops, then the stream). */
export interface WatchReceiver {
  delivered(stream: WatchStream, seq: number, event: WatchEvent): void;
}

/**
 * One watch event on its way to one stream's endpoint, with its callback made once and the object
 * reused after arrival (as {@link WriteCall}): ~1,500 watch deliveries per simulated second at scale.
 */
class Delivery {
  stream: WatchStream | undefined;
  seq = 0;
  event: WatchEvent | undefined;

  constructor(private readonly deliveries: Deliveries) {}

  readonly arrive = (): void => {
    const stream = this.stream as WatchStream;
    const seq = this.seq;
    const event = this.event as WatchEvent;
    this.deliveries.release(this);
    this.deliveries.receiver.delivered(stream, seq, event);
  };
}

/** The pool of {@link Delivery} objects of one API server. */
export class Deliveries {
  private readonly free: Delivery[] = [];

  constructor(
    private readonly net: NetworkApi,
    readonly receiver: WatchReceiver,
  ) {}

  /** Sends `event` as the stream's event number `seq`, labelled `label`. */
  send(stream: WatchStream, seq: number, event: WatchEvent, label: string): void {
    const d = this.free.pop() ?? new Delivery(this);
    d.stream = stream;
    d.seq = seq;
    d.event = event;
    if (!this.net.send('watchDelivery', API, stream.endpoint, label, d.arrive)) this.release(d);
  }

  release(d: Delivery): void {
    d.stream = undefined;
    d.event = undefined;
    this.free.push(d);
  }
}
