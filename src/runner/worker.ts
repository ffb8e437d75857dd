import { fileURLToPath } from 'node:url';
import { type TrialWorker } from './pool.js';
import { runTrialLoadingTraces } from './trial.js';
import { progressPoster, type TrialTask } from './trial-progress.js';
import { type TrialResult } from './trial-types.js';

/** The piscina worker: runs one trial (plain data in, plain data out), loading its trace files first, posting progress if asked. */
export default function runTask(task: TrialTask): Promise<TrialResult> {
  return runTrialLoadingTraces(task.spec, undefined, progressPoster(task.progress));
}

/**
 * The default worker of the pool: results come back as they are. Its module is this file, found from
 * itself (`import.meta.url` is the source file's URL under tsx and in a bundle alike: bundle-cache.mjs).
 */
export const RESULT_WORKER: TrialWorker<TrialResult> = {
  module: fileURLToPath(import.meta.url),
  inThread: (spec, onProgress) => runTrialLoadingTraces(spec, undefined, onProgress),
  fromFailure: (failed) => failed,
  indexOf: (r) => r.index,
};
