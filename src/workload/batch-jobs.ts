import { createDistribution } from '../sim/distributions.js';
import { type Rng } from '../sim/rng.js';
import { seconds, type SimDuration, type SimTime } from '../sim/time.js';
import { type BatchTask, type JobSubmitted } from '../intents/index.js';
import { MAX_GENERATED_JOBS, MAX_TASKS_PER_JOB, type BatchJobSpec } from './schema.js';

/**
 * Draws one job of a BatchJob's shape. Each kind of draw has its own sub-stream of the job's stream
 * (`tasks`, `durations`, `failures`), so changing `failureProbability` moves no duration and
 * changing the duration distribution moves no task count.
 */
export function drawJob(spec: BatchJobSpec, name: string, time: SimTime, rng: Rng): JobSubmitted {
  const count = Math.min(MAX_TASKS_PER_JOB, Math.max(1, Math.round(createDistribution(spec.tasks).sample(rng.split('tasks')))));
  const durations = createDistribution(spec.duration);
  const durationRng = rng.split('durations');
  const failureRng = spec.failureProbability > 0 ? rng.split('failures') : undefined;
  const tasks: BatchTask[] = [];
  for (let index = 0; index < count; index++) {
    const runFor = Math.max(0, seconds(durations.sample(durationRng))) as SimDuration;
    const failed = failureRng !== undefined && failureRng.float() < spec.failureProbability;
    tasks.push({ index, key: `${name}#${index}`, resources: spec.resources, pod: spec.pod, runFor, firstAttempt: failed ? 'failed' : 'finished' });
  }
  return {
    kind: 'job-submitted',
    time,
    job: {
      name,
      workload: spec.name,
      tenant: spec.tenant,
      priority: spec.priority,
      constraints: spec.constraints,
      tasks,
      ...(spec.parallelism !== undefined ? { parallelism: spec.parallelism } : {}),
      sync: spec.sync,
    },
  };
}

/**
 * Submission times of a Poisson arrival process: exponential gaps of mean `meanInterArrival`,
 * the first one gap after `start`. Stops at `count` jobs, after `until` (inclusive), and before
 * `horizon` (an arrival at or past the end of the run could never be measured).
 */
export function poissonArrivals(arrivals: NonNullable<BatchJobSpec['arrivals']>, horizon: SimTime, rng: Rng): SimTime[] {
  const gap = createDistribution({ kind: 'exponential', mean: arrivals.meanInterArrival });
  const limit = Math.min(horizon - 1, arrivals.until ?? Number.POSITIVE_INFINITY);
  const count = arrivals.count ?? Number.POSITIVE_INFINITY;
  const times: SimTime[] = [];
  // Sum in floating point and round each instant, so rounding never accumulates over many gaps.
  let t = arrivals.start as number;
  while (times.length < count) {
    t += gap.sample(rng);
    const at = Math.round(t);
    if (at > limit) break;
    if (times.length >= MAX_GENERATED_JOBS) {
      throw new RangeError(`arrivals generated more than ${MAX_GENERATED_JOBS} jobs; validation should have rejected this scenario`);
    }
    times.push(at as SimTime);
  }
  return times;
}
