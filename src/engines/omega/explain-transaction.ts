import { explainResources } from '../../cluster/explained-resources.js';
import { type NodeSpec } from '../../cluster/node.js';
import { type SimTime, toSeconds } from '../../sim/time.js';
import { type CommitVerdict, type PlannedClaim } from './cell/transaction.js';
import { type ConflictMode, type TransactionMode } from './options.js';

/** What one explained transaction was: who sent it for what, when the copy was taken, under which rules. */
export interface TransactionContext {
  readonly scheduler: string;
  readonly item: string;
  readonly copiedAt: SimTime;
  readonly conflictMode: ConflictMode;
  readonly transactionMode: TransactionMode;
}

/**
 * The explain.jsonl record of one Omega transaction (docs/explain.md): the scheduler, the job or service,
 * when its copy of the cell state was taken, the rules, and per claim the machine, the demand, the
 * machine's sequence number in the copy and at the commit, and whether the cell state accepted it. Built
 * at the commit, before the accepted claims are applied, so `seqAtCommit` is what the check saw.
 */
export function transactionRecord<T>(
  c: TransactionContext,
  planned: readonly PlannedClaim<T>[],
  verdict: CommitVerdict<T>,
  machines: readonly NodeSpec[],
  seqNow: (machine: number) => number,
): Record<string, unknown> {
  const accepted = new Set<PlannedClaim<T>>(verdict.accepted);
  return {
    type: 'transaction',
    scheduler: c.scheduler,
    item: c.item,
    copiedAtSeconds: toSeconds(c.copiedAt),
    conflictMode: c.conflictMode,
    transactionMode: c.transactionMode,
    outcome: verdict.conflicted.length > 0 ? 'conflicted' : 'committed',
    claims: planned.map((p) => ({
      node: (machines[p.machine] as NodeSpec).name,
      requests: explainResources(p.demand),
      seqAtCopy: p.seqAtCopy,
      seqAtCommit: seqNow(p.machine),
      verdict: accepted.has(p) ? 'accepted' : 'conflict',
    })),
  };
}
