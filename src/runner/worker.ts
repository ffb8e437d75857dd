import { runTrialLoadingTraces } from './trial.js';
import { progressPoster, type TrialTask } from './trial-progress.js';
import { type TrialResult } from './trial-types.js';

/** The piscina worker: runs one trial (plain data in, plain data out), loading its trace files first, posting progress if asked. */
export default function runTask(task: TrialTask): Promise<TrialResult> {
  return runTrialLoadingTraces(task.spec, undefined, progressPoster(task.progress));
}
