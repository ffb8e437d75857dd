import { availableParallelism } from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { LanePicker } from './lane-picker.js';
import { workerModule } from './worker-bundle.js';
import { describeError } from './trial.js';
import { RESULT_WORKER } from './worker.js';
import { type ProgressListener, type TrialProgress, type TrialTask } from './trial-progress.js';
import { type TrialResult, type TrialSpec } from './trial-types.js';

/**
 * What a worker runs for each trial and what comes back: by default the trial's result. Another layer
 * can give its own worker module whose default export runs the trial and turns the result into
 * something cheaper to send back (the CLI's workers render their results files' rows).
 */
export interface TrialWorker<R> {
  /**
   * Path of the TypeScript module whose default export is `(task: TrialTask) => Promise<R>` (bundled for
   * threads): the module names itself with `fileURLToPath(import.meta.url)`, so no caller spells a path.
   */
  readonly module: string;
  /** The same function, for `workers: 0`, with progress going straight to the listener. */
  readonly inThread: (spec: TrialSpec, onProgress?: ProgressListener) => Promise<R>;
  /** Turns a trial that failed outside the module (hang, crashed thread) into an R. */
  readonly fromFailure: (failed: TrialResult, spec: TrialSpec) => R;
  /** The index of the trial an R belongs to. */
  readonly indexOf: (r: R) => number;
}

/** Options of a pool run. */
export interface PoolOptions<R = TrialResult> {
  /** Worker threads; 0 runs every trial in this thread (no isolation from hangs). Default: cores. */
  readonly workers?: number;
  /** Hard wall-clock limit per trial in ms: a trial still running then is aborted (its worker is terminated). */
  readonly trialTimeoutMs?: number;
  /** Called as each trial finishes, in completion order. */
  readonly onResult?: (result: R) => void;
  /** Stops handing out trials when aborted; trials already running are aborted too. */
  readonly signal?: AbortSignal;
  /** Hears how far each running trial has got, every few seconds of wall time (trial-progress.ts). */
  readonly onProgress?: (progress: TrialProgress) => void;
}

/** The default number of workers: the machine's cores. */
export function defaultWorkers(): number {
  return availableParallelism();
}

/**
 * Runs trials on a piscina pool of worker threads and returns their results in plan order
 * (independent of completion order). A trial that throws, hangs past its limit or crashes its worker
 * comes back as a failed result with its error; the other trials' results are kept.
 */
export async function runTrials(specs: readonly TrialSpec[], options: PoolOptions = {}): Promise<TrialResult[]> {
  return runTrialsWith(RESULT_WORKER, specs, options);
}

/** {@link runTrials} with another worker: what comes back is the worker's R, in plan order. */
export async function runTrialsWith<R>(worker: TrialWorker<R>, specs: readonly TrialSpec[], options: PoolOptions<R> = {}): Promise<R[]> {
  const workers = options.workers ?? defaultWorkers();
  const results: R[] = [];
  const done = (r: R): void => {
    results.push(r);
    options.onResult?.(r);
  };
  if (workers === 0) {
    for (const spec of specs) {
      if (options.signal?.aborted) break;
      done(await runTrialSafely(worker, spec, options.onProgress));
    }
    return sortByIndex(worker, results);
  }
  const { filename, workerData } = await workerModule(worker.module);
  // One single-thread pool per lane, so that a lane's trials run on its own thread (LanePicker keeps
  // a thread to few engines). Each lane takes its next trial only when the last one finished: a
  // trial's timer starts when it really starts, never while it waits in a queue.
  const lanes = Math.min(workers, specs.length);
  const pools = Array.from(
    { length: lanes },
    () => new Piscina({ filename, workerData, minThreads: 1, maxThreads: 1, idleTimeout: 1_000, concurrentTasksPerWorker: 1 }),
  );
  const picker = new LanePicker(specs, lanes);
  const lane = async (i: number): Promise<void> => {
    for (let spec = picker.next(i); spec !== undefined && !options.signal?.aborted; spec = picker.next(i)) {
      const result = await runOne(worker, pools[i] as Piscina, spec, options);
      if (result !== undefined) done(result);
    }
  };
  try {
    await Promise.all(pools.map((_, i) => lane(i)));
  } finally {
    await Promise.all(pools.map((p) => p.destroy()));
  }
  return sortByIndex(worker, results);
}

/** Runs one trial on the pool; undefined when the whole run was interrupted before it finished. */
async function runOne<R>(worker: TrialWorker<R>, pool: Piscina, spec: TrialSpec, options: PoolOptions<R>): Promise<R | undefined> {
  const limit = options.trialTimeoutMs ?? spec.doc.spec.limits.wallClock / 1000 + 60_000;
  const controller = new AbortController();
  const onAbort = (): void => controller.abort();
  options.signal?.addEventListener('abort', onAbort);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, limit);
  // Progress comes back on a port of the trial's own (the worker posts, this thread listens).
  const channel = options.onProgress ? new MessageChannel() : undefined;
  if (channel && options.onProgress) {
    channel.port1.on('message', options.onProgress);
    channel.port1.unref();
  }
  const task: TrialTask = channel ? { spec, progress: channel.port2 } : { spec };
  try {
    return (await pool.run(task, { signal: controller.signal, ...(channel ? { transferList: [channel.port2] } : {}) })) as R;
  } catch (err) {
    if (timedOut)
      return worker.fromFailure(failed(spec, `trial did not finish within ${limit} ms of wall-clock time; its worker was terminated`, 'timeout'), spec);
    if (options.signal?.aborted) return undefined;
    return worker.fromFailure(failed(spec, describeError(err), 'failed'), spec);
  } finally {
    clearTimeout(timer);
    channel?.port1.close();
    options.signal?.removeEventListener('abort', onAbort);
  }
}

async function runTrialSafely<R>(worker: TrialWorker<R>, spec: TrialSpec, onProgress?: ProgressListener): Promise<R> {
  try {
    return await worker.inThread(spec, onProgress);
  } catch (err) {
    return worker.fromFailure(failed(spec, describeError(err), 'failed'), spec);
  }
}

function failed(spec: TrialSpec, error: string, status: 'failed' | 'timeout'): TrialResult {
  return {
    index: spec.index,
    id: spec.id,
    scenario: spec.scenario,
    engine: spec.engine,
    seed: spec.seed,
    ...(spec.sweep ? { sweep: spec.sweep } : {}),
    status,
    error,
    simulatedSeconds: 0,
    events: 0,
    perf: { wallMs: 0, events: 0, eventsPerSecond: 0, peakRssBytes: 0 },
  };
}

function sortByIndex<R>(worker: TrialWorker<R>, results: R[]): R[] {
  return results.sort((a, b) => worker.indexOf(a) - worker.indexOf(b));
}
