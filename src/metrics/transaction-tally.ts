import { type MetricEvent } from './events.js';

type TransactionEvent = Extract<MetricEvent, { kind: 'transaction' }>;

/** One optimistic scheduler's transactions and think time, as its `transaction` events report them. */
interface SchedulerTally {
  committed: number;
  failed: number;
  noFit: number;
  claimsConflicted: number;
  /** Think time (µs) of attempts whose transaction committed whole: useful. */
  useful: number;
  /** Think time (µs) of attempts whose transaction had any conflicting claim: wasted. */
  wasted: number;
}

/**
 * The Omega metrics ([O] §4; the simulator's accounting, docs/reference/omega-simulator.md §4.2, §4.5),
 * per scheduler: transactions committed and failed (failed = at least one conflicting claim, even when
 * the incremental mode kept the rest), the conflict fraction, the paper's "conflicts per successful
 * transaction" (failed / committed; 0 = none, 3 = four attempts on average), and busyness split into
 * useful (attempts that committed whole) and wasted (attempts with a conflict, their whole think time).
 * Attempts that found no room and sent no transaction count as neither, as in the simulator.
 */
export class TransactionTally {
  private readonly bySchedulers = new Map<string, SchedulerTally>();

  /** Folds one transaction event. */
  fold(e: TransactionEvent): void {
    let t = this.bySchedulers.get(e.scheduler);
    if (!t) this.bySchedulers.set(e.scheduler, (t = { committed: 0, failed: 0, noFit: 0, claimsConflicted: 0, useful: 0, wasted: 0 }));
    if (e.outcome === 'committed') {
      t.committed++;
      t.useful += e.thinkTime;
    } else if (e.outcome === 'conflicted') {
      t.failed++;
      t.wasted += e.thinkTime;
    } else t.noFit++;
    t.claimsConflicted += e.conflicts;
  }

  /**
   * Adds the per-scheduler counters (sorted by scheduler): `tx-committed:<s>`, `tx-failed:<s>`,
   * `tx-no-fit:<s>`, `claims-conflicted:<s>`, `conflict-fraction:<s>` (absent without a committed
   * transaction), and `busy-useful:<s>` / `busy-wasted:<s>` as fractions of the horizon (µs).
   */
  addCounters(counters: Record<string, number>, horizon: number): void {
    for (const [s, t] of [...this.bySchedulers].sort(([a], [b]) => (a < b ? -1 : 1))) {
      counters[`tx-committed:${s}`] = t.committed;
      counters[`tx-failed:${s}`] = t.failed;
      counters[`tx-no-fit:${s}`] = t.noFit;
      counters[`claims-conflicted:${s}`] = t.claimsConflicted;
      if (t.committed > 0) counters[`conflict-fraction:${s}`] = t.failed / t.committed;
      counters[`busy-useful:${s}`] = t.useful / horizon;
      counters[`busy-wasted:${s}`] = t.wasted / horizon;
    }
  }

  /** Failed over committed transactions of every scheduler together; NaN without a committed transaction. */
  conflictFraction(): number {
    let committed = 0;
    let failed = 0;
    for (const t of this.bySchedulers.values()) {
      committed += t.committed;
      failed += t.failed;
    }
    return committed > 0 ? failed / committed : NaN;
  }

  /** The largest wasted busy fraction of any scheduler; NaN when no scheduler sent transactions. */
  wastedBusyMax(horizon: number): number {
    if (this.bySchedulers.size === 0) return NaN;
    return Math.max(...[...this.bySchedulers.values()].map((t) => t.wasted / horizon));
  }
}
