import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { workerModule } from './worker-bundle.js';
import { describeError, runTrialLoadingTraces } from './trial.js';
import { type TrialResult, type TrialSpec } from './trial-types.js';

/** Options of a pool run. */
export interface PoolOptions {
  /** Worker threads; 0 runs every trial in this thread (no isolation from hangs). Default: cores. */
  readonly workers?: number;
  /** Hard wall-clock limit per trial in ms: a trial still running then is aborted (its worker is terminated). */
  readonly trialTimeoutMs?: number;
  /** Called as each trial finishes, in completion order. */
  readonly onResult?: (result: TrialResult) => void;
  /** Stops handing out trials when aborted; trials already running are aborted too. */
  readonly signal?: AbortSignal;
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
  const workers = options.workers ?? defaultWorkers();
  const results: TrialResult[] = [];
  const done = (r: TrialResult): void => {
    results.push(r);
    options.onResult?.(r);
  };
  if (workers === 0) {
    for (const spec of specs) {
      if (options.signal?.aborted) break;
      done(await runTrialSafely(spec));
    }
    return sortByIndex(results);
  }
  const pool = new Piscina({
    filename: await workerModule(),
    minThreads: Math.min(workers, specs.length),
    maxThreads: workers,
    idleTimeout: 1_000,
    concurrentTasksPerWorker: 1,
  });
  // As many lanes as threads, each taking the next trial: a trial's timer starts when it really
  // starts, never while it waits in a queue.
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < specs.length && !options.signal?.aborted) {
      const spec = specs[next++] as TrialSpec;
      const result = await runOne(pool, spec, options);
      if (result) done(result);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(workers, specs.length) }, lane));
  } finally {
    await pool.destroy();
  }
  return sortByIndex(results);
}

/** Runs one trial on the pool; undefined when the whole run was interrupted before it finished. */
async function runOne(pool: Piscina, spec: TrialSpec, options: PoolOptions): Promise<TrialResult | undefined> {
  const limit = options.trialTimeoutMs ?? spec.doc.spec.limits.wallClock / 1000 + 60_000;
  const controller = new AbortController();
  const onAbort = (): void => controller.abort();
  options.signal?.addEventListener('abort', onAbort);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, limit);
  try {
    return (await pool.run(spec, { signal: controller.signal })) as TrialResult;
  } catch (err) {
    if (timedOut) return failed(spec, `trial did not finish within ${limit} ms of wall-clock time; its worker was terminated`, 'timeout');
    if (options.signal?.aborted) return undefined;
    return failed(spec, describeError(err), 'failed');
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

async function runTrialSafely(spec: TrialSpec): Promise<TrialResult> {
  try {
    return await runTrialLoadingTraces(spec);
  } catch (err) {
    return failed(spec, describeError(err), 'failed');
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

function sortByIndex(results: TrialResult[]): TrialResult[] {
  return results.sort((a, b) => a.index - b.index);
}
