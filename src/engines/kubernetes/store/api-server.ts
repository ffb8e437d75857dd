import { type Toleration } from '../../../cluster/constraints.js';
import { type EngineContext } from '../../engine.js';
import { hasFinalizers, type KObject, type Kind, keyOf, type Lease, type ObjectOf, type Pod, withResourceVersion } from '../objects.js';
import { admitPod, finalizersReleased, needsGracefulDeletion } from './admission-and-deletion.js';
import { API, Deliveries, WriteCalls } from './calls.js';
import { type HopRecorder } from './hop-recorder.js';
import { type QuotaHard, quotaRefusal } from './quota-admission.js';

/** A change as a watcher sees it; `rv` is the store revision of the write. */
export interface WatchEvent {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly obj: KObject;
  readonly rv: number;
  /** The object's store key (`keyOf(obj)`), computed once per write for every receiver. */
  readonly key: string;
}

/** A write request. `update` carries the resourceVersion it was based on; a stale one conflicts. */
export type WriteOp =
  | { readonly verb: 'create'; readonly obj: KObject }
  | { readonly verb: 'update'; readonly obj: KObject }
  | {
      /** A server-side change of the current object (status patch, binding); no version precondition. */
      readonly verb: 'patch';
      readonly kind: Kind;
      readonly key: string;
      readonly mutate: (current: KObject, resourceVersion: number) => KObject | { readonly reject: string };
      /**
       * The object `mutate` returns is new and already carries `resourceVersion` (its second
       * argument: the revision this write gets if it changes the object), so the server stores it
       * as is instead of copying it to stamp it (the Lease renewal, 1,000 writes per second at scale).
       */
      readonly stamped?: boolean;
    }
  | {
      readonly verb: 'delete';
      readonly kind: Kind;
      readonly key: string;
      /** Bound, unfinished pods get a deletionTimestamp and wait for their kubelet (graceful); force skips that. */
      readonly force?: boolean;
      /** Only delete this incarnation (`Preconditions.UID`). */
      readonly uid?: string;
    };

/** The outcome of a write, as a value: conflicts are expected and retried by the caller. */
export type WriteResult =
  | { readonly kind: 'ok'; readonly obj: KObject | undefined }
  | { readonly kind: 'conflict'; readonly current: KObject }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'already-exists' }
  | { readonly kind: 'rejected'; readonly reason: string };

/** One watch stream: a kind, a field filter, and the endpoint its events travel to. */
export interface WatchStream {
  readonly kind: Kind;
  readonly endpoint: string;
  readonly filter: (obj: KObject) => boolean;
  /** Receives events with the stream's own sequence number (contiguous from 1, in rv order). */
  readonly receive: (seq: number, event: WatchEvent) => void;
  /** Sequence number of the last event sent on this stream. */
  sent: number;
  /** The node the stream is narrowed to (see {@link ApiServer.watch}). */
  readonly node?: string;
}

/** The filter of a watch of every object of its kind; {@link ApiServer} knows it and skips calling it. */
export const MATCH_ALL = (_obj: KObject): boolean => true;

/** The node a Pod or Node object belongs to, for node-narrowed watches. */
function nodeOf(obj: KObject): string | undefined {
  return obj.kind === 'Pod' ? obj.spec.nodeName : obj.kind === 'Node' ? obj.meta.name : undefined;
}

/** Watch labels made once: millions of watch events would otherwise build them anew. */
const WATCH_LABEL: Readonly<Record<Kind, string>> = {
  Pod: 'watch-Pod',
  Node: 'watch-Node',
  Lease: 'watch-Lease',
  ReplicaSet: 'watch-ReplicaSet',
  Deployment: 'watch-Deployment',
  Job: 'watch-Job',
  Namespace: 'watch-Namespace',
  ConfigMap: 'watch-ConfigMap',
};

/**
 * The API server and etcd in one: typed objects by kind, one revision counter, optimistic
 * concurrency, graceful pod deletion and per-kind watches. Every write travels
 * client → apiserver (`rpc`), apiserver → etcd (`storeWrite`), and its answer apiserver → client
 * (`rpc`); a write from a node that is down or cut off is lost on the way. Every committed change is
 * sent to each matching watch stream over `watchDelivery`, in revision order per stream.
 */
export class ApiServer {
  private readonly objects = new Map<Kind, Map<string, KObject>>();
  private readonly streams = new Map<Kind, WatchStream[]>();
  private readonly nodeStreams = new Map<Kind, Map<string, WatchStream[]>>();
  private rv = 0;
  private uids = 0;
  private readonly calls: WriteCalls;
  private readonly deliveries: Deliveries;
  /**
   * Admitted toleration lists by the pod's own list: the pods of one workload share their
   * constraints' list, so they share its admitted copy too (pods are kept for the whole run).
   */
  private readonly admitted = new WeakMap<readonly Toleration[], readonly Toleration[]>();
  /** The events of the change being published, by type (see {@link publish}). */
  private readonly shared: { added: WatchEvent | undefined; modified: WatchEvent | undefined; deleted: WatchEvent | undefined } = {
    added: undefined,
    modified: undefined,
    deleted: undefined,
  };

  constructor(
    private readonly ctx: EngineContext,
    /** DefaultTolerationSeconds admission: seconds for the default not-ready/unreachable tolerations. */
    private readonly defaultTolerationSeconds: number,
    private readonly hops?: HopRecorder,
    /** ResourceQuota `hard` limits by namespace (the ResourceQuota admission plugin). */
    private readonly quotas: Readonly<Record<string, QuotaHard>> = {},
  ) {
    this.calls = new WriteCalls(ctx.net, this);
    this.deliveries = new Deliveries(ctx.net, this);
  }

  /** The current revision. */
  get revision(): number {
    return this.rv;
  }

  /**
   * Sends a write from `client` (a `@component` or a node name). `done` runs back at the client with
   * the result; it never runs when the request or the answer is lost.
   */
  request(client: string, label: string, op: WriteOp, done?: (result: WriteResult) => void, committed?: (result: WriteResult) => void): void {
    this.calls.request(client, label, op, done, committed);
  }

  /**
   * A write from `client` whose first hops were accounted in closed form (a Lease renewal under way
   * when its node's reachability changed) arrives now at the API server (`api`) or at etcd (`etcd`)
   * and goes on from there as {@link request} would.
   */
  resumeRequest(stage: 'api' | 'etcd', client: string, label: string, op: WriteOp, done?: (result: WriteResult) => void): void {
    this.calls.resume(stage, client, label, op, done);
  }

  /**
   * A LIST from `client` for a watch stream that broke: the stream's matching objects at the time
   * the request arrives, and how many events the stream had been sent by then, delivered back.
   */
  list(client: string, stream: WatchStream, done: (objs: readonly KObject[], sentAtList: number) => void): void {
    this.ctx.net.send('rpc', client, API, `list-${stream.kind}`, () => {
      const objs = [...this.bucket(stream.kind).values()].filter(stream.filter);
      const sent = stream.sent;
      this.ctx.net.send('rpc', API, client, `list-${stream.kind}-response`, () => done(objs, sent));
    });
  }

  /**
   * Opens a watch stream; returns it so the receiver can read `sent` when it relists. `node`, for
   * Pod and Node watches, narrows the stream to objects of that node (`spec.nodeName` /
   * `metadata.name`, the kubelet's field selectors), so a write is matched only against its node's
   * streams; `filter` still decides.
   */
  watch(kind: Kind, endpoint: string, filter: (obj: KObject) => boolean, receive: (seq: number, event: WatchEvent) => void, node?: string): WatchStream {
    const stream: WatchStream = { kind, endpoint, filter, receive, sent: 0, ...(node !== undefined ? { node } : {}) };
    if (node !== undefined) {
      const byNode = this.nodeStreams.get(kind) ?? new Map<string, WatchStream[]>();
      byNode.set(node, [...(byNode.get(node) ?? []), stream]);
      this.nodeStreams.set(kind, byNode);
      return stream;
    }
    const list = this.streams.get(kind) ?? [];
    list.push(stream);
    this.streams.set(kind, list);
    return stream;
  }

  /** Closes a watch stream (its client went away); events already in flight still arrive and are ignored by it. */
  unwatch(stream: WatchStream): void {
    const list = this.streams.get(stream.kind);
    if (list)
      this.streams.set(
        stream.kind,
        list.filter((s) => s !== stream),
      );
    const byNode = stream.node !== undefined ? this.nodeStreams.get(stream.kind) : undefined;
    if (byNode && stream.node !== undefined)
      byNode.set(
        stream.node,
        (byNode.get(stream.node) ?? []).filter((s) => s !== stream),
      );
  }

  /**
   * A GET from `client`: the object as it is when the request arrives (undefined: not found),
   * delivered back over `rpc`. Reads change nothing and are not store writes.
   */
  read<K extends Kind>(client: string, kind: K, key: string, done: (obj: ObjectOf<K> | undefined) => void): void {
    this.ctx.net.send('rpc', client, API, `get-${kind}`, () => {
      const obj = this.get(kind, key);
      this.ctx.net.send('rpc', API, client, `get-${kind}-response`, () => done(obj));
    });
  }

  /** How many objects the store holds, by kind (the memory the model keeps). */
  objectCounts(): Readonly<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const [kind, bucket] of this.objects) out[kind] = bucket.size;
    return out;
  }

  /** Reads the current object (the truth at the server; tests and relists only). */
  get<K extends Kind>(kind: K, key: string): Extract<KObject, { kind: K }> | undefined {
    return this.bucket(kind).get(key) as Extract<KObject, { kind: K }> | undefined;
  }

  /** Every object of a kind, in creation order. */
  all<K extends Kind>(kind: K): Extract<KObject, { kind: K }>[] {
    return [...this.bucket(kind).values()] as Extract<KObject, { kind: K }>[];
  }

  /**
   * The objects of a kind that belong to `node` (`spec.nodeName` / `metadata.name`), in creation
   * order: the initial LIST of a node-narrowed watch. A Node is looked up by its key (cluster-scoped,
   * so its name), which spares 10,000 kubelets a scan of 10,000 nodes each at start.
   */
  allOn<K extends Kind>(kind: K, node: string): Extract<KObject, { kind: K }>[] {
    const bucket = this.bucket(kind);
    if (kind === 'Node') {
      const obj = bucket.get(node);
      if (obj && obj.meta.namespace === '' && nodeOf(obj) === node) return [obj] as Extract<KObject, { kind: K }>[];
    }
    const out: KObject[] = [];
    for (const obj of bucket.values()) if (nodeOf(obj) === node) out.push(obj);
    return out as Extract<KObject, { kind: K }>[];
  }

  /** Commits a write at the server now (the network path ends here). Exposed for tests. */
  apply(op: WriteOp, client = '@test', label = 'write'): WriteResult {
    const result = this.commit(op);
    if (result.kind === 'conflict') this.count('store-conflict');
    else if (result.kind === 'ok') this.count('store-write');
    else if (result.kind === 'rejected' && op.verb === 'create') this.count('admission-rejected');
    this.hops?.write(client, label, op, result);
    return result;
  }

  private commit(op: WriteOp): WriteResult {
    const now = this.ctx.now();
    switch (op.verb) {
      case 'create': {
        const bucket = this.bucket(op.obj.kind);
        const key = keyOf(op.obj);
        if (bucket.has(key)) return { kind: 'already-exists' };
        if (op.obj.kind === 'Pod') {
          const hard = this.quotas[op.obj.meta.namespace];
          const refusal = hard
            ? quotaRefusal(
                op.obj,
                this.all('Pod').filter((p) => p.meta.namespace === op.obj.meta.namespace),
                hard,
                `quota-${op.obj.meta.namespace}`,
              )
            : undefined;
          if (refusal !== undefined) return { kind: 'rejected', reason: refusal };
        }
        const admitted = op.obj.kind === 'Pod' ? admitPod(op.obj, this.defaultTolerationSeconds, this.admitted) : op.obj;
        const obj = this.stamp({ ...admitted, meta: { ...admitted.meta, uid: `uid-${++this.uids}`, creationTimestamp: now } } as KObject);
        bucket.set(key, obj);
        this.publish('ADDED', key, undefined, obj);
        return { kind: 'ok', obj };
      }
      case 'update': {
        const bucket = this.bucket(op.obj.kind);
        const key = keyOf(op.obj);
        const current = bucket.get(key);
        if (!current) return { kind: 'not-found' };
        if (current.meta.resourceVersion !== op.obj.meta.resourceVersion) return { kind: 'conflict', current };
        const obj = this.stamp({ ...op.obj, meta: { ...op.obj.meta, uid: current.meta.uid, creationTimestamp: current.meta.creationTimestamp } } as KObject);
        if (finalizersReleased(current, obj)) return this.remove(bucket, key, current);
        bucket.set(key, obj);
        this.publish('MODIFIED', key, current, obj);
        return { kind: 'ok', obj };
      }
      case 'patch': {
        const bucket = this.bucket(op.kind);
        const current = bucket.get(op.key);
        if (!current) return { kind: 'not-found' };
        const next = op.mutate(current, this.rv + 1);
        if ('reject' in next) return { kind: 'rejected', reason: next.reject };
        if (next === current) return { kind: 'ok', obj: current };
        const obj = op.stamped === true ? this.stamped(next) : this.stamp(next);
        if (finalizersReleased(current, obj)) return this.remove(bucket, op.key, current);
        bucket.set(op.key, obj);
        this.publish('MODIFIED', op.key, current, obj);
        return { kind: 'ok', obj };
      }
      case 'delete': {
        const bucket = this.bucket(op.kind);
        const current = bucket.get(op.key);
        if (!current) return { kind: 'not-found' };
        if (op.uid !== undefined && op.uid !== current.meta.uid) return { kind: 'conflict', current };
        if (!op.force && current.kind === 'Pod' && needsGracefulDeletion(current)) {
          if (current.meta.deletionTimestamp !== undefined) return { kind: 'ok', obj: current };
          const obj = this.stamp({ ...current, meta: { ...current.meta, deletionTimestamp: now } });
          bucket.set(op.key, obj);
          this.publish('MODIFIED', op.key, current, obj);
          return { kind: 'ok', obj };
        }
        if (hasFinalizers(current)) {
          // A delete with grace period 0 of an object with finalizers only marks it: the store
          // deletes it when the last finalizer goes (`shouldDeleteDuringUpdate`, generic registry).
          if (current.meta.deletionGracePeriodSeconds === 0) return { kind: 'ok', obj: current };
          const meta = { ...current.meta, deletionTimestamp: current.meta.deletionTimestamp ?? now, deletionGracePeriodSeconds: 0 };
          const obj = this.stamp({ ...current, meta } as KObject);
          bucket.set(op.key, obj);
          this.publish('MODIFIED', op.key, current, obj);
          return { kind: 'ok', obj };
        }
        return this.remove(bucket, op.key, current);
      }
    }
  }

  /** Deletes the stored object at `key` for good and tells the watchers. */
  private remove(bucket: Map<string, KObject>, key: string, current: KObject): WriteResult {
    bucket.delete(key);
    this.rv++;
    this.publish('DELETED', key, current, { ...current, meta: { ...current.meta, resourceVersion: this.rv } } as KObject);
    return { kind: 'ok', obj: undefined };
  }

  /** Takes the revision a pre-stamped object already carries (see the `stamped` patch). */
  private stamped(obj: KObject): KObject {
    const resourceVersion = ++this.rv;
    if (obj.meta.resourceVersion !== resourceVersion)
      throw new Error(`a stamped ${obj.kind} ${keyOf(obj)} carries resourceVersion ${obj.meta.resourceVersion}, not ${resourceVersion}`);
    return obj;
  }

  private stamp<T extends KObject>(obj: T): T {
    const resourceVersion = ++this.rv;
    // The same copy, written once per frequent kind, so that each spread site sees fewer object
    // shapes (2.2 M writes in 30 min of omega-la, 1.8 M of them Lease renewals).
    if (obj.kind === 'Lease') {
      // A Lease has exactly these members (kubernetes-engine.ts makes them): built without a spread.
      const lease = obj as Lease;
      return { kind: lease.kind, meta: withResourceVersion(lease.meta, resourceVersion), spec: lease.spec } satisfies Lease as T;
    }
    // A Pod has exactly these members (objects.ts).
    if (obj.kind === 'Pod')
      return { kind: obj.kind, meta: withResourceVersion(obj.meta, resourceVersion), spec: obj.spec, status: obj.status } satisfies Pod as T;
    return { ...obj, meta: { ...obj.meta, resourceVersion } };
  }

  /** Sends the change to every stream of the kind whose filter matched before or after. */
  private publish(type: WatchEvent['type'], key: string, before: KObject | undefined, after: KObject): void {
    // The streams of one change share its event objects (one per type seen): receivers only read them.
    this.shared.added = undefined;
    this.shared.modified = undefined;
    this.shared.deleted = undefined;
    const all = this.streams.get(after.kind);
    if (all !== undefined) for (let i = 0; i < all.length; i++) this.offer(all[i] as WatchStream, type, key, before, after);
    const byNode = this.nodeStreams.get(after.kind);
    if (!byNode) return;
    const a = nodeOf(after);
    const b = before ? nodeOf(before) : undefined;
    if (a !== undefined) for (const stream of byNode.get(a) ?? []) this.offer(stream, type, key, before, after);
    if (b !== undefined && b !== a) for (const stream of byNode.get(b) ?? []) this.offer(stream, type, key, before, after);
  }

  /** Sends the change on one stream if its filter matched before or after. */
  private offer(stream: WatchStream, type: WatchEvent['type'], key: string, before: KObject | undefined, after: KObject): void {
    const filter = stream.filter;
    const all = filter === MATCH_ALL;
    const was = before !== undefined && (all || filter(before));
    const is = type !== 'DELETED' && (all || filter(after));
    let event: WatchEvent;
    const shared = this.shared;
    if (is && was) event = shared.modified ??= { type: 'MODIFIED', obj: after, rv: after.meta.resourceVersion, key };
    else if (is) event = shared.added ??= { type: 'ADDED', obj: after, rv: after.meta.resourceVersion, key };
    else if (was) event = shared.deleted ??= { type: 'DELETED', obj: after, rv: after.meta.resourceVersion, key };
    else return;
    this.deliveries.send(stream, ++stream.sent, event, WATCH_LABEL[after.kind]);
  }

  /** A watch event arrived at its stream's endpoint (called by the delivery). */
  delivered(stream: WatchStream, seq: number, event: WatchEvent): void {
    this.count('watch-event');
    this.hops?.watch(stream.endpoint, event);
    stream.receive(seq, event);
  }

  private count(name: string): void {
    this.ctx.emit({ kind: 'counter', time: this.ctx.now(), name, by: 1 });
  }

  private bucket(kind: Kind): Map<string, KObject> {
    let b = this.objects.get(kind);
    if (!b) {
      b = new Map();
      this.objects.set(kind, b);
    }
    return b;
  }
}
