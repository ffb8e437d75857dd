import { type PaperCell } from './cell.js';
import { type PaperClaims } from './first-fit.js';
import { type OmegaPaperOptions } from './options.js';

/** What a commit kept and how many of its claims conflicted (`CommitResult`). */
export interface CommitOutcome {
  readonly committed: number[];
  readonly conflicted: number;
}

/**
 * Commits one attempt's claims (all of one shape) to the shared cell as scheduler `s`
 * (omega-simulator.md §4.5; `CellState.commit`/`causesConflict`). A claim conflicts under
 * `sequence-numbers` when its machine's sequence number changed since the private copy was taken
 * (anyone claimed there), under `resource-fit` when the machine lacks room now. `incremental` keeps
 * every claim that does not conflict; `all-or-nothing` stops at the first conflict and rolls back the
 * claims applied so far (their sequence-number rises stay, as unApply leaves them), so all count as
 * conflicted.
 */
export function commitClaims(
  cell: PaperCell,
  s: number,
  claims: PaperClaims,
  cpu: number,
  memory: number,
  options: Pick<OmegaPaperOptions, 'conflictMode' | 'transactionMode'>,
): CommitOutcome {
  const committed: number[] = [];
  let conflicted = 0;
  const bySeq = options.conflictMode === 'sequence-numbers';
  for (let i = 0; i < claims.machines.length; i++) {
    const m = claims.machines[i] as number;
    const conflict = bySeq ? claims.seqs[i] !== cell.seq[m] : cell.machineCpu(m) < cpu || cell.machineMemory(m) < memory;
    if (!conflict) {
      cell.claim(s, m, cpu, memory, false);
      committed.push(m);
      continue;
    }
    conflicted++;
    if (options.transactionMode === 'all-or-nothing') {
      for (const done of committed) cell.free(s, done, cpu, memory, false);
      return { committed: [], conflicted: conflicted + committed.length };
    }
  }
  return { committed, conflicted };
}
