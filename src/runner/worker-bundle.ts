import { join } from 'node:path';
import { cachedBundle } from './bundle-cache.mjs';
import { ROOT, SRC } from './project-paths.js';

/** What a worker thread loads: worker-bootstrap.mjs, and (as workerData) what the bootstrap loads. */
export interface WorkerModule {
  readonly filename: string;
  readonly workerData: { readonly bundle?: string; readonly entry: string };
}

/**
 * The module worker threads load for `entry` (a TypeScript module under src/ whose default export
 * runs a trial). Starting a thread through tsx costs about a second (the loader, then every module
 * transformed on import); a single JavaScript bundle loads in a fraction of that (bundle-cache.mjs:
 * built with esbuild on first use, cached by a hash of every source). If bundling fails, or with
 * SCHEDBENCH_NO_WORKER_BUNDLE=1, the bootstrap loads the entry through tsx instead: slower, same results.
 */
export async function workerModule(entry: string): Promise<WorkerModule> {
  const bundle = process.env.SCHEDBENCH_NO_WORKER_BUNDLE === '1' ? undefined : await cachedBundle(ROOT, entry);
  return { filename: join(SRC, 'runner', 'worker-bootstrap.mjs'), workerData: { entry, ...(bundle ? { bundle } : {}) } };
}
