import { type KObject, type Kind, keyOf, type ObjectOf } from '../objects.js';
import { type ApiServer, MATCH_ALL, type WatchEvent, type WatchStream } from './api-server.js';

/**
 * Callbacks of an informer, run after its cache has applied the event. `key` is the object's cache
 * key (`keyOf(obj)`), the same string for every handler of a change, so handlers need not build it.
 */
export interface InformerHandlers<T extends KObject> {
  onAdd?(obj: T, key: string): void;
  onUpdate?(old: T, obj: T, key: string): void;
  onDelete?(obj: T, key: string): void;
}

/** {@link InformerHandlers} with every member present (undefined when not given). */
interface Handlers<T extends KObject> {
  readonly onAdd: ((obj: T, key: string) => void) | undefined;
  readonly onUpdate: ((old: T, obj: T, key: string) => void) | undefined;
  readonly onDelete: ((obj: T, key: string) => void) | undefined;
}

/**
 * A client-side cache of one kind (reflector + indexer): it applies watch events strictly in the
 * stream's order, holding back any that overtook an earlier one, so its view is consistent but
 * stale by the watch latency. Controllers read only from informers.
 */
export class Informer<K extends Kind> {
  private readonly cache = new Map<string, ObjectOf<K>>();
  /** Handlers in one object shape (the callers' literals vary), so calling them stays monomorphic. */
  private readonly handlers: Handlers<ObjectOf<K>>[] = [];
  private readonly pending = new Map<number, WatchEvent>();
  private applied = 0;
  private stopped = false;
  private readonly stream: WatchStream;

  constructor(
    api: ApiServer,
    readonly kind: K,
    endpoint: string,
    filter: (obj: ObjectOf<K>) => boolean = MATCH_ALL,
    /** Narrows a Pod or Node watch to one node (the kubelet's field selector). */
    node?: string,
  ) {
    this.stream = api.watch(kind, endpoint, filter as (o: KObject) => boolean, (seq, e) => this.receive(seq, e), node);
    // The initial LIST: what exists when the informer starts (objects made before the trial began).
    // A node-narrowed watch lists only that node's objects (the same ones `filter` would keep of all).
    for (const obj of node !== undefined ? api.allOn(kind, node) : api.all(kind)) if (filter(obj)) this.cache.set(keyOf(obj), obj);
  }

  /** Adds handlers; as in client-go, they first get an add for every object already cached, then every later change. */
  addHandlers(h: InformerHandlers<ObjectOf<K>>): void {
    this.handlers.push({
      onAdd: h.onAdd?.bind(h),
      onUpdate: h.onUpdate?.bind(h),
      onDelete: h.onDelete?.bind(h),
    });
    if (h.onAdd) for (const [key, obj] of [...this.cache]) h.onAdd(obj, key);
  }

  /** Stops the informer: its watch closes and its handlers are dropped (the process died). */
  stop(api: ApiServer): void {
    api.unwatch(this.stream);
    this.handlers.length = 0;
    this.stopped = true;
  }

  get(key: string): ObjectOf<K> | undefined {
    return this.cache.get(key);
  }

  /** Every cached object, in the order the cache first saw them. */
  list(): ObjectOf<K>[] {
    return [...this.cache.values()];
  }

  /**
   * The cached objects without a copy, in the same order as {@link list}; for a caller that does
   * not change the cache while iterating (cache changes only arrive as later events).
   */
  values(): IterableIterator<ObjectOf<K>> {
    return this.cache.values();
  }

  get size(): number {
    return this.cache.size;
  }

  /**
   * Replaces the cache with a fresh LIST (after a broken watch): events already sent on the stream
   * are covered by the list, so the stream resumes after them. Handlers see the differences.
   */
  relist(objs: readonly KObject[], sentAtList: number): void {
    const fresh = new Map<string, ObjectOf<K>>();
    for (const o of objs) fresh.set(keyOf(o), o as ObjectOf<K>);
    for (const [key, old] of [...this.cache]) {
      if (!fresh.has(key)) {
        this.cache.delete(key);
        for (const h of this.handlers) h.onDelete?.(old, key);
      }
    }
    for (const [key, obj] of fresh) {
      const old = this.cache.get(key);
      this.cache.set(key, obj);
      if (!old) for (const h of this.handlers) h.onAdd?.(obj, key);
      else if (old.meta.resourceVersion !== obj.meta.resourceVersion) for (const h of this.handlers) h.onUpdate?.(old, obj, key);
    }
    for (const seq of [...this.pending.keys()]) if (seq <= sentAtList) this.pending.delete(seq);
    this.applied = Math.max(this.applied, sentAtList);
    this.drain();
  }

  /** Relists through the API server from `client` (used when the watch broke); `done` runs after the cache is fresh. */
  resync(api: ApiServer, client: string, done?: () => void): void {
    api.list(client, this.stream, (objs, sent) => {
      this.relist(objs, sent);
      done?.();
    });
  }

  private receive(seq: number, event: WatchEvent): void {
    if (this.stopped || seq <= this.applied) return;
    // The usual case, the next event with nothing held back: apply it without parking it.
    if (seq === this.applied + 1 && this.pending.size === 0) {
      this.applied = seq;
      this.apply(event);
      if (this.pending.size > 0) this.drain();
      return;
    }
    this.pending.set(seq, event);
    this.drain();
  }

  private drain(): void {
    for (;;) {
      const next = this.pending.get(this.applied + 1);
      if (!next) return;
      this.pending.delete(this.applied + 1);
      this.applied++;
      this.apply(next);
    }
  }

  private apply(event: WatchEvent): void {
    const obj = event.obj as ObjectOf<K>;
    const key = event.key;
    const old = this.cache.get(key);
    if (event.type === 'DELETED') {
      if (!old) return;
      this.cache.delete(key);
      for (const h of this.handlers) h.onDelete?.(old, key);
      return;
    }
    this.cache.set(key, obj);
    if (old) for (const h of this.handlers) h.onUpdate?.(old, obj, key);
    else for (const h of this.handlers) h.onAdd?.(obj, key);
  }
}
