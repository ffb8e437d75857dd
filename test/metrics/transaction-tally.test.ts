import { describe, expect, it } from 'vitest';
import { TransactionTally } from '../../src/metrics/transaction-tally.js';
import { type SimDuration, type SimTime } from '../../src/sim/time.js';

function tx(scheduler: string, outcome: 'committed' | 'conflicted' | 'no-fit', thinkTime: number, conflicts = 0) {
  return { kind: 'transaction' as const, time: 0 as SimTime, scheduler, outcome, claims: 3, conflicts, thinkTime: thinkTime as SimDuration };
}

describe('the transaction tally', () => {
  it('counts conflicts per committed transaction and splits think time into useful and wasted as the Omega simulator does', () => {
    const t = new TransactionTally();
    t.fold(tx('service-1', 'committed', 10));
    t.fold(tx('service-1', 'committed', 10));
    t.fold(tx('service-1', 'conflicted', 10, 1));
    t.fold(tx('service-1', 'no-fit', 10));
    t.fold(tx('batch-1', 'committed', 5));
    const counters: Record<string, number> = {};
    t.addCounters(counters, 100);
    expect(counters['tx-committed:service-1']).toBe(2);
    expect(counters['tx-failed:service-1']).toBe(1);
    expect(counters['tx-no-fit:service-1']).toBe(1);
    expect(counters['conflict-fraction:service-1']).toBe(0.5);
    expect(counters['busy-useful:service-1']).toBe(0.2);
    expect(counters['busy-wasted:service-1']).toBe(0.1);
    expect(t.conflictFraction()).toBeCloseTo(1 / 3);
    expect(t.wastedBusyMax(100)).toBe(0.1);
  });

  it('has no figures without transactions', () => {
    const t = new TransactionTally();
    expect(t.conflictFraction()).toBeNaN();
    expect(t.wastedBusyMax(100)).toBeNaN();
  });
});
