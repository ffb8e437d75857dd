import { type BatchTracker, type JobRec } from './batch-tracker.js';

/**
 * The last pending reason an engine gave per key (a batch task's key `<job>#<index>`, or a workload
 * name), kept as one map from key to reason would keep it, but compact: a key that names a task of a
 * submitted job is stored in that job's {@link JobRec.reasons} slot (one array slot per task instead
 * of a map entry that also keeps the key string alive: ~8 B instead of ~70 B per noted task of a
 * trace replay, and the notes of millions of waiting instances are the bulk of a big trial's
 * observer). Every other key (a workload, a key of a job not yet submitted) stays in a map.
 *
 * Invariant, which makes {@link get} return what the one map would: a key that names a task of a
 * job in the tracker lives in that job's slots only. {@link adopt} keeps it when a job is registered.
 */
export class PendingReasons {
  private readonly byKey = new Map<string, string>();
  /** How many keys of {@link byKey} contain `#` (only those can name a task of a later job). */
  private hashKeys = 0;

  constructor(private readonly batch: BatchTracker) {}

  /** Records `reason` as the last one given for `key`. */
  set(key: string, reason: string): void {
    const job = this.batch.jobOf(key);
    if (job !== undefined) {
      slotsOf(job)[this.batch.indexOf(key)] = reason;
      return;
    }
    this.putInMap(key, reason);
  }

  /**
   * The last reason given for task `i` of `job`, a job the tracker holds: what {@link get} gives for
   * the task's key `<job name>#<i>` (the invariant keeps such keys in the job's slots), without the key.
   */
  ofTask(job: JobRec, i: number): string | undefined {
    return job.reasons?.[i];
  }

  /** The last reason given for `key`, or undefined. */
  get(key: string): string | undefined {
    const job = this.batch.jobOf(key);
    if (job !== undefined) return job.reasons?.[this.batch.indexOf(key)];
    return this.byKey.get(key);
  }

  /**
   * Call right after the tracker registered `job` under `name` (replacing `previous`, if any): moves
   * every reason whose key now names a task of `job` into its slots, and the reasons of `previous`'s
   * tasks that `job` does not have back into the map, under their keys.
   */
  adopt(name: string, job: JobRec, previous: JobRec | undefined): void {
    const old = previous?.reasons;
    if (old !== undefined) {
      for (let i = 0; i < old.length; i++) {
        const reason = old[i];
        if (reason === undefined) continue;
        if (i < job.tasks) slotsOf(job)[i] = reason;
        else this.putInMap(`${name}#${i}`, reason);
      }
    }
    if (this.hashKeys === 0) return;
    for (const [key, reason] of this.byKey) {
      if (this.batch.jobOf(key) !== job) continue;
      slotsOf(job)[this.batch.indexOf(key)] = reason;
      this.byKey.delete(key);
      this.hashKeys--;
    }
  }

  private putInMap(key: string, reason: string): void {
    if (key.includes('#') && !this.byKey.has(key)) this.hashKeys++;
    this.byKey.set(key, reason);
  }
}

/** The job's reason slots, made (all empty) at its first note. */
function slotsOf(job: JobRec): (string | undefined)[] {
  if (job.reasons !== undefined) return job.reasons;
  // Grown by push: a packed array of the exact length (new Array(n) of a big n may be a slow dictionary).
  const slots: (string | undefined)[] = [];
  for (let i = 0; i < job.tasks; i++) slots.push(undefined);
  job.reasons = slots;
  return slots;
}
