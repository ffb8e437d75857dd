import { type SimDuration } from '../../../sim/time.js';
import { type TimerHandle } from '../../../sim/event-queue.js';
import { type EngineContext, type EngineExtension } from '../../engine.js';
import { guardExtension } from '../../kit/index.js';
import { type RateLimit, WorkQueue } from '../controllers/workqueue.js';
import { type Deployment, type KObject, keyOf, type ReplicaSet } from '../objects.js';
import { ApiClient, type ClientLimit } from '../store/api-client.js';
import { type ApiServer, type WriteResult } from '../store/api-server.js';
import { Informer } from '../store/informer.js';
import {
  type ControllerApi,
  type ControllerClient,
  type ControllerKind,
  type InformerHandlers,
  type KubeController,
  type SharedInformer,
  type TimerId,
  type WorkQueueApi,
} from './controller-api.js';

/** What the engine lends a user controller: its store, and the limits every controller of kube-controller-manager has. */
export interface ControllerHostDeps {
  readonly ctx: EngineContext;
  readonly api: ApiServer;
  /**
   * The client-side limit of each controller's clientset: `apiClients.controllerManager`, 20/30 by default
   * (kube-controller-manager `--kube-api-qps`/`--kube-api-burst`, defaults.ts), the same as every built-in
   * controller's; client-go's bare `rest.Config` default is 5/10 (`DefaultQPS`, `DefaultBurst`).
   */
  readonly clientLimit: ClientLimit;
  /** The per-item back-off of work queues (`workqueue`). */
  readonly rateLimit: RateLimit;
}

/**
 * Starts one user controller (`spec.extensions[i].controller`) as its own process `@controller:<name>`:
 * informers with their own watches, a clientset with its own token bucket, work queues with the
 * engine's back-off, timers and an rng stream of the engine's; every callback it hands over is
 * guarded so that what it throws names the extension.
 */
export function startUserController(deps: ControllerHostDeps, ext: EngineExtension): void {
  const controller = ext.module as KubeController;
  const where = `${ext.scenarioFile}: ${ext.path} (${controller.name})`;
  const endpoint = `@controller:${controller.name}`;
  const { ctx } = deps;
  const client = new ApiClient(ctx, deps.api, endpoint, `controller:${controller.name}`, deps.clientLimit);
  const informers = new Map<ControllerKind, SharedInformer<KObject>>();
  const rng = ctx.rng.split(`extension:${controller.name}`);
  const api: ControllerApi = {
    config: (ext.config ?? {}) as Readonly<Record<string, unknown>>,
    now: () => ctx.now(),
    rng: { float: () => rng.float(), int: (min, max) => rng.int(min, max) },
    after: (delay, fn) => ctx.after(checkDelay(delay, where) as SimDuration, guardExtension(`${where} in a timer`, fn)),
    cancel: (timer: TimerId) => ctx.cancel(timer as TimerHandle),
    informer: <K extends ControllerKind>(kind: K) => {
      let inf = informers.get(kind);
      if (inf === undefined) {
        inf = sharedInformer(new Informer(deps.api, kind, endpoint), where) as SharedInformer<KObject>;
        informers.set(kind, inf);
      }
      return inf as never;
    },
    workQueue: (sync) => userQueue(new WorkQueue(ctx, guardExtension(`${where} in sync`, sync), deps.rateLimit), where),
    client: controllerClient(client, where),
    keyOf: (obj) => keyOf(obj),
    count: (counter, by = 1) => ctx.emit({ kind: 'counter', time: ctx.now(), name: `controller:${controller.name}:${counter}`, by }),
  };
  guardExtension(`${where} in start`, (a: ControllerApi) => controller.start(a))(api);
}

function checkDelay(delay: number, where: string): number {
  if (!Number.isFinite(delay) || delay < 0) throw new Error(`${where}: a delay is a finite number of microseconds ≥ 0, got ${delay}`);
  return Math.round(delay);
}

function sharedInformer<K extends ControllerKind>(inf: Informer<K>, where: string): SharedInformer<KObject> {
  return {
    addEventHandler: (h: InformerHandlers<KObject>) =>
      inf.addHandlers({
        ...(h.onAdd ? { onAdd: guardExtension(`${where} in onAdd`, (o: KObject) => h.onAdd?.(o)) } : {}),
        ...(h.onUpdate ? { onUpdate: guardExtension(`${where} in onUpdate`, (old: KObject, o: KObject) => h.onUpdate?.(old, o)) } : {}),
        ...(h.onDelete ? { onDelete: guardExtension(`${where} in onDelete`, (o: KObject) => h.onDelete?.(o)) } : {}),
      }),
    get: (key) => inf.get(key),
    list: () => inf.list(),
  };
}

function userQueue(q: WorkQueue, where: string): WorkQueueApi {
  return {
    add: (key) => q.add(key),
    addAfter: (key, delay) => q.addAfter(key, checkDelay(delay, where) as SimDuration),
    addRateLimited: (key) => q.addRateLimited(key),
    forget: (key) => q.forget(key),
  };
}

/** Write labels name the controller's kind of write, as the built-in controllers' do (`deployment-scale`). */
function controllerClient(client: ApiClient, where: string): ControllerClient {
  const cb = (done: ((r: WriteResult) => void) | undefined): ((r: WriteResult) => void) | undefined =>
    done === undefined ? undefined : guardExtension(`${where} in a write callback`, done);
  return {
    create: (obj, done) => client.request(`${obj.kind.toLowerCase()}-create`, { verb: 'create', obj }, cb(done)),
    update: (obj, done) => client.request(`${obj.kind.toLowerCase()}-update`, { verb: 'update', obj }, cb(done)),
    delete: (kind, key, done) => client.request(`${kind.toLowerCase()}-delete`, { verb: 'delete', kind, key }, cb(done)),
    scale: (kind, key, replicas, done) => {
      if (!Number.isInteger(replicas) || replicas < 0) throw new Error(`${where}: scale to ${replicas}: replicas is a whole number ≥ 0`);
      client.request(
        `${kind.toLowerCase()}-scale`,
        {
          verb: 'patch',
          kind,
          key,
          mutate: (current) => {
            if (current.kind !== kind) return { reject: `${key} is a ${current.kind}` };
            const o = current as Deployment | ReplicaSet;
            // The same size is no change: nothing is written and nobody is told (as the API server skips a no-op update).
            return o.spec.replicas === replicas ? current : ({ ...o, spec: { ...o.spec, replicas } } as KObject);
          },
        },
        cb(done),
      );
    },
  };
}
