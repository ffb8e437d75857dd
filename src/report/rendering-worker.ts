import { fileURLToPath } from 'node:url';
import { type RenderedTrial, renderTrial } from './trial-rows.js';
import { type TrialWorker } from '../runner/pool.js';
import { resultsOfAliases } from '../runner/shared-trials.js';
import { runTrialLoadingTraces } from '../runner/trial.js';
import { progressPoster, type ProgressListener, type TrialTask } from '../runner/trial-progress.js';
import { type TrialSpec } from '../runner/trial-types.js';

/**
 * The worker `schedbench run` uses: it runs a trial and renders its rows of the results files in the
 * worker thread, so the main thread only appends and joins text. On two cores this keeps the main
 * thread from competing with the workers (cloning, walking and stringifying every trial's metrics
 * there cost as much as a third of the default suite's time). A trial with aliases (shared-trials.ts)
 * comes back rendered under each alias's identity too, in plan order.
 */
export default function runTaskAndRender(task: TrialTask): Promise<RenderedTrial[]> {
  return runAndRender(task.spec, progressPoster(task.progress));
}

/** Runs a trial and renders its rows (and its aliases'); progress goes to `onProgress`. */
export async function runAndRender(spec: TrialSpec, onProgress?: ProgressListener): Promise<RenderedTrial[]> {
  return resultsOfAliases(await runTrialLoadingTraces(spec, undefined, onProgress), spec).map(renderTrial);
}

/**
 * The rendering worker for the pool (runner/pool.ts). It lives in report/ because it renders rows and
 * the runner may not import the report (eslint/layers.js): the pool gets it from its caller. Its
 * module is this file, found from itself: `import.meta.url` is this source file's URL whether it runs
 * through tsx or inlined in a bundle (bundle-cache.mjs keeps every source's own URL), so no path
 * string names it and moving it cannot leave a stale one behind.
 */
export const RENDERING_WORKER: TrialWorker<RenderedTrial[]> = {
  module: fileURLToPath(import.meta.url),
  inThread: runAndRender,
  fromFailure: (failed, spec) => resultsOfAliases(failed, spec).map(renderTrial),
  indexOf: (r) => r[0]?.head.index ?? -1,
};
