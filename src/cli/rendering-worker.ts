import { join } from 'node:path';
import { type RenderedTrial, renderTrial } from '../report/trial-rows.js';
import { type TrialWorker } from '../runner/pool.js';
import { SRC } from '../runner/project-paths.js';
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

export const RENDERING_WORKER: TrialWorker<RenderedTrial[]> = {
  module: join(SRC, 'cli', 'rendering-worker.ts'),
  inThread: runAndRender,
  fromFailure: (failed, spec) => resultsOfAliases(failed, spec).map(renderTrial),
  indexOf: (r) => r[0]?.head.index ?? -1,
};
