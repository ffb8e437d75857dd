import { describe, expect, it } from 'vitest';
import { CellState } from '../../../../src/engines/omega/cell/cell-state.js';
import { checkTransaction, type PlannedClaim } from '../../../../src/engines/omega/cell/transaction.js';
import { claim, demand, machines } from '../fixtures.js';

/** A planned claim of `cpu` on `machine`, made on a copy at sequence number `seq`. */
function planned(machine: number, seq: number, cpu: number, item: string): PlannedClaim<string> {
  return { machine, seqAtCopy: seq, demand: demand(cpu), item };
}

describe('an optimistic transaction at the commit', () => {
  it('accepts every claim when nothing changed since the copy', () => {
    const cell = new CellState(machines(2));
    const v = checkTransaction(cell, [planned(0, 0, 1000, 'x'), planned(1, 0, 1000, 'y')], 'sequence-numbers', 'incremental');
    expect(v.accepted.map((c) => c.item)).toEqual(['x', 'y']);
    expect(v.conflicted).toEqual([]);
  });

  it('under sequence-numbers refuses a claim on a machine anyone claimed on since the copy, even with room left', () => {
    const cell = new CellState(machines(2));
    cell.add(claim('other', 0, 100));
    const v = checkTransaction(cell, [planned(0, 0, 1000, 'x'), planned(1, 0, 1000, 'y')], 'sequence-numbers', 'incremental');
    expect(v.conflicted.map((c) => c.item)).toEqual(['x']);
    expect(v.accepted.map((c) => c.item)).toEqual(['y']);
  });

  it('under resource-fit refuses only a claim the machine has no room for now, counting the transaction’s own earlier claims', () => {
    const cell = new CellState(machines(1));
    cell.add(claim('other', 0, 2000));
    const v = checkTransaction(cell, [planned(0, 0, 1500, 'x'), planned(0, 0, 1000, 'y')], 'resource-fit', 'incremental');
    expect(v.accepted.map((c) => c.item)).toEqual(['x']);
    expect(v.conflicted.map((c) => c.item)).toEqual(['y']);
  });

  it('under all-or-nothing refuses the whole transaction at one conflict (gang scheduling)', () => {
    const cell = new CellState(machines(2));
    cell.add(claim('other', 0, 100));
    const v = checkTransaction(cell, [planned(0, 0, 1000, 'x'), planned(1, 0, 1000, 'y')], 'sequence-numbers', 'all-or-nothing');
    expect(v.accepted).toEqual([]);
    expect(v.conflicted.map((c) => c.item)).toEqual(['x', 'y']);
  });

  it('refuses every claim on a machine marked down since the copy, under both rules', () => {
    for (const mode of ['resource-fit', 'sequence-numbers'] as const) {
      const cell = new CellState(machines(1));
      cell.setUp(0, false);
      expect(checkTransaction(cell, [planned(0, 0, 1, 'x')], mode, 'incremental').conflicted).toHaveLength(1);
    }
  });
});
