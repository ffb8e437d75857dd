import { type BorgTask } from './borg-task.js';
import { type Fit, type Machine } from './cell-state.js';

/** A cached feasibility check and score of one equivalence class on one machine. */
export interface CachedScore {
  /** The machine's version it was computed at. */
  readonly version: number;
  readonly fit: Fit;
  /** The placement cost (lower is better); meaningless when not feasible. */
  readonly cost: number;
}

/**
 * Score caching ([B] §3.4): a class's feasibility and score on a machine are kept until the machine
 * changes (a task placed on it or gone from it, its up state): each entry carries the machine's
 * version and is stale once that moved on. [B] also ignores "small" resource changes to limit
 * invalidations; the threshold is not stated and we invalidate on every change (OUR ASSUMPTION). A
 * class's entries are dropped after a turn placed every task of it that was waiting (a class keeps
 * them while some of its tasks wait, and builds them again when more of it arrive), so the cache
 * holds the classes that wait, not every class ever seen.
 */
export class ScoreCache {
  private readonly byClass = new Map<string, Map<number, CachedScore>>();
  hits = 0;
  misses = 0;

  /** The entry of `task`'s class on `m`, computed by `compute` unless a fresh one is cached. */
  get(task: BorgTask, m: Machine, compute: () => Omit<CachedScore, 'version'>): CachedScore {
    let perMachine = this.byClass.get(task.classKey);
    if (perMachine === undefined) this.byClass.set(task.classKey, (perMachine = new Map()));
    const cached = perMachine.get(m.index);
    if (cached !== undefined && cached.version === m.version) {
      this.hits++;
      return cached;
    }
    this.misses++;
    const fresh = { ...compute(), version: m.version };
    perMachine.set(m.index, fresh);
    return fresh;
  }

  /** Forgets a class (none of its tasks waits any more). */
  drop(classKey: string): void {
    this.byClass.delete(classKey);
  }

  /** Hits and misses since the last call, and resets them. */
  take(): { hits: number; misses: number } {
    const out = { hits: this.hits, misses: this.misses };
    this.hits = 0;
    this.misses = 0;
    return out;
  }
}
