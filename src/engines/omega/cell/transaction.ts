import { type Resources } from '../../../cluster/resources.js';
import { type ConflictMode, type TransactionMode } from '../options.js';
import { type CellState, type Tentative } from './cell-state.js';

/** One placement a scheduler made on its private copy: the machine and its sequence number in that copy. */
export interface PlannedClaim<T> {
  readonly machine: number;
  readonly seqAtCopy: number;
  readonly demand: Resources;
  /** What the scheduler placed (a task of a job, a replica): handed back with the verdict. */
  readonly item: T;
}

/** A commit's verdict: the claims the cell state took and those it refused. */
export interface CommitVerdict<T> {
  readonly accepted: readonly PlannedClaim<T>[];
  readonly conflicted: readonly PlannedClaim<T>[];
}

/**
 * Whether one planned claim conflicts with the cell state now ([O] §5.2; [SIM] §4.5). Coarse
 * `sequence-numbers`: anyone claimed anything on the machine since the copy. Fine `resource-fit`: the
 * machine now lacks room for it, counting the claims of the same transaction already accepted there
 * (`accepted`). A machine marked down since the copy refuses every claim under both rules.
 */
export function conflicts(cell: CellState, claim: PlannedClaim<unknown>, mode: ConflictMode, accepted: Tentative | undefined): boolean {
  if (!cell.isUp(claim.machine)) return true;
  if (mode === 'sequence-numbers') return cell.seq(claim.machine) !== claim.seqAtCopy;
  return !cell.fits(claim.machine, claim.demand, undefined, accepted);
}

/**
 * Checks a transaction against the cell state as it is at the commit ([O] §3.4): every claim is checked
 * against the state before any of them is applied (the transaction is atomic), and under
 * `all-or-nothing` one conflict refuses them all (gang scheduling without hoarding), while
 * `incremental` keeps every claim that does not conflict. The caller applies the accepted claims.
 */
export function checkTransaction<T>(cell: CellState, planned: readonly PlannedClaim<T>[], conflictMode: ConflictMode, mode: TransactionMode): CommitVerdict<T> {
  const accepted: PlannedClaim<T>[] = [];
  const conflicted: PlannedClaim<T>[] = [];
  const held = new Map<number, Tentative>();
  for (const claim of planned) {
    const mine = held.get(claim.machine);
    if (conflicts(cell, claim, conflictMode, mine)) {
      conflicted.push(claim);
      continue;
    }
    accepted.push(claim);
    const t = mine ?? { cpu: 0, memory: 0, gpu: 0, tasks: 0 };
    t.cpu += claim.demand.cpu;
    t.memory += claim.demand.memory;
    t.gpu += claim.demand.gpu;
    t.tasks += 1;
    held.set(claim.machine, t);
  }
  if (mode === 'all-or-nothing' && conflicted.length > 0) return { accepted: [], conflicted: [...planned] };
  return { accepted, conflicted };
}
