import { type KObject, type Kind, type ObjectOf } from '../objects.js';
import { type WriteResult } from '../store/api-server.js';

/*
 * The API a user's Kubernetes controller is written against (docs/extending.md): the same informers,
 * work queue and rate-limited client the built-in controllers use, and nothing else of the harness.
 * A module default-exports a {@link KubeController}; the engine starts it at time 0, after the
 * built-in controllers, as its own process (own watches, own clientset with its own token bucket).
 * Import these types with `import type`: they vanish from the bundle.
 */

export type { KObject, Kind, ObjectOf, WriteResult };
export type { Deployment, Job, NodeObject, ObjectMeta, Pod, PodTemplate, ReplicaSet } from '../objects.js';

/** What a controller module's default export is. */
export interface KubeController {
  /** Lower-case letters, digits and dashes: its endpoint is `@controller:<name>`, its counters `controller:<name>:…`. */
  readonly name: string;
  /**
   * Called once at virtual time 0: create informers, add handlers, make a work queue, arm timers.
   * Must not return a promise: everything runs in virtual time through callbacks, never `await`.
   */
  start(api: ControllerApi): void;
}

/** The kinds a controller may watch and write (Leases and Namespaces are the platform's own). */
export type ControllerKind = Exclude<Kind, 'Lease' | 'Namespace'>;

/** What a sync reports: done (forget the key's failures) or retry (re-queue with exponential back-off). */
export type SyncResult = 'done' | 'retry';

/** Everything a controller may see and do. Times and delays are virtual microseconds (1 s = 1_000_000). */
export interface ControllerApi {
  /** The scenario entry's `config`, as written (plain data). */
  readonly config: Readonly<Record<string, unknown>>;
  /** Virtual time now, in microseconds since the start of the trial. The only clock there is. */
  now(): number;
  /** The controller's own seeded stream (`extension:<name>` of the engine's stream): the only randomness there is. */
  readonly rng: ExtensionRng;
  /** Runs `fn` after `delay` microseconds of virtual time (a resync period, a scrape interval). */
  after(delay: number, fn: () => void): TimerId;
  /** Cancels a timer; false if it already ran. */
  cancel(timer: TimerId): boolean;
  /**
   * A shared informer of one kind for this controller (one watch per kind, made on first use): a
   * cache that follows the store by watch events, stale by the watch latency, consistent in order.
   */
  informer<K extends ControllerKind>(kind: K): SharedInformer<ObjectOf<K>>;
  /**
   * A deduplicating, level-triggered work queue of keys (client-go `workqueue`): `sync(key)` runs in
   * a zero-time step after the key is added; 'retry' re-queues it with the engine's per-item
   * exponential back-off (`workqueue` option, client-go's 5 ms … 1000 s).
   */
  workQueue(sync: (key: string) => SyncResult): WorkQueueApi;
  /** Writes through the API server, each after a token from this controller's own bucket. */
  readonly client: ControllerClient;
  /** The store key of an object: `namespace/name`, or `name` for Nodes. */
  keyOf(obj: KObject): string;
  /** Adds `by` (default 1) to the counter `controller:<name>:<counter>` of the trial's results. */
  count(counter: string, by?: number): void;
}

/** A uniform random stream, seeded from the trial's seed. */
export interface ExtensionRng {
  /** A float in [0, 1). */
  float(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
}

/** An opaque timer handle. */
export type TimerId = object;

/** Event handlers of an informer; they run after its cache applied the event, in the stream's order. */
export interface InformerHandlers<T> {
  onAdd?(obj: T): void;
  onUpdate?(old: T, obj: T): void;
  onDelete?(obj: T): void;
}

/** An informer and its lister: handlers for changes, reads from the local cache (never from the server). */
export interface SharedInformer<T> {
  /** Adds handlers; they first get an add for every object already cached, then every later change. */
  addEventHandler(handlers: InformerHandlers<T>): void;
  /** The cached object under `key`, or undefined. */
  get(key: string): T | undefined;
  /** Every cached object, in the order the cache first saw them. */
  list(): readonly T[];
}

/** The controller's work queue. */
export interface WorkQueueApi {
  /** Queues a key (a key already queued is queued once). */
  add(key: string): void;
  /** Queues a key after `delay` microseconds (the sooner of two waits wins). */
  addAfter(key: string, delay: number): void;
  /** Queues a key after its exponential back-off, and counts a failure. */
  addRateLimited(key: string): void;
  /** Clears a key's failure count. */
  forget(key: string): void;
}

/**
 * Writes. Each goes client → API server → etcd → client (three hops of the scenario's latency
 * model), after a token from the controller's rate limiter (the engine's `apiClients.controllerManager`
 * QPS/burst: 20/30 by default). `done` runs when the response is back; the outcome is a value:
 * `ok`, `conflict` (an update built on a stale resourceVersion), `not-found`, `already-exists`, `rejected`.
 */
export interface ControllerClient {
  /** Creates an object (its `meta.resourceVersion` and `uid` are set by the store). */
  create(obj: KObject, done?: (result: WriteResult) => void): void;
  /** Replaces an object; conflicts when `obj.meta.resourceVersion` is no longer the stored one (optimistic concurrency). */
  update(obj: KObject, done?: (result: WriteResult) => void): void;
  /** Deletes an object by kind and key (a bound pod terminates gracefully through its kubelet). */
  delete(kind: ControllerKind, key: string, done?: (result: WriteResult) => void): void;
  /**
   * Sets `spec.replicas` of a Deployment or ReplicaSet through its `scale` subresource (what
   * `kubectl scale` and the horizontal pod autoscaler use): no version precondition, so no conflict.
   */
  scale(kind: 'Deployment' | 'ReplicaSet', key: string, replicas: number, done?: (result: WriteResult) => void): void;
}

/**
 * Why `exported` is not a {@link KubeController} (undefined: it is). The runner checks every module
 * with this before the trial starts.
 */
export function checkKubeController(exported: unknown): string | undefined {
  if (typeof exported !== 'object' || exported === null) return `expected an object { name, start(api) }, got ${exported === null ? 'null' : typeof exported}`;
  const c = exported as Partial<Record<keyof KubeController, unknown>>;
  if (typeof c.name !== 'string' || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(c.name)) return 'name must be a string of lower-case letters, digits and dashes';
  if (typeof c.start !== 'function') return 'start(api) must be a function';
  return undefined;
}
