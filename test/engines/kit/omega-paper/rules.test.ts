import { describe, expect, it } from 'vitest';
import {
  candidatePool,
  commitClaims,
  omegaPaperOptions,
  PaperCell,
  placeFirstFit,
  type PaperJob,
  shouldAbandon,
  thinkTime,
} from '../../../../src/engines/kit/omega-paper/index.js';
import { type Rng } from '../../../../src/sim/rng.js';

/** A random stream that returns the given floats in order (the placement draws one per probe). */
function scripted(...floats: number[]): Rng {
  return { float: () => floats.shift() ?? 0 } as unknown as Rng;
}

function cell(machines: number, cpu: number, memory = 16e9, schedulers = 2): PaperCell {
  return new PaperCell(new Float64Array(machines).fill(cpu), new Float64Array(machines).fill(memory), schedulers);
}

describe('the paper cell (omega-simulator.md §4.1)', () => {
  it('raises a machine sequence number on a claim, not on a free; locked and occupied are kept apart', () => {
    const c = cell(2, 4000);
    c.claim(0, 1, 1000, 2e9, false);
    c.claim(1, 1, 2000, 1e9, true);
    expect([...c.seq]).toEqual([0, 2]);
    expect(c.machineCpu(1)).toBe(1000);
    expect([c.totalOccupiedCpu, c.totalLockedCpu, c.availableCpu()]).toEqual([1000, 2000, 5000]);
    c.free(0, 1, 1000, 2e9, false);
    expect([...c.seq]).toEqual([0, 2]);
    expect([c.occupiedCpu[0], c.lockedCpu[1], c.machineCpu(1)]).toEqual([0, 2000, 2000]);
  });

  it('refuses a claim larger than the machine room (the simulator asserts it)', () => {
    expect(() => cell(1, 1000).claim(0, 0, 1001, 0, false)).toThrow(/lacks room/);
  });

  it('copies into an independent private cell', () => {
    const c = cell(2, 4000);
    c.claim(0, 0, 1000, 0, false);
    const copy = c.copy();
    copy.claim(0, 0, 1000, 0, false);
    expect([c.machineCpu(0), copy.machineCpu(0), c.seq[0], copy.seq[0]]).toEqual([3000, 2000, 1, 2]);
  });
});

describe('randomized first fit with the pool swap-out (§4.1, scheduleJob)', () => {
  it('keeps a machine that fits in the pool and swaps one that does not to the end', () => {
    const c = cell(3, 2000);
    c.claim(1, 1, 2000, 0, false); // machine 1 full
    const pool = candidatePool(3);
    // 0.5 → index 1 (m1, full: swapped with m2, pool [0,2,1], 2 left); 0.9 → index 1 (m2) twice; 0 → m0.
    const claims = placeFirstFit(c, 0, 3, 1000, 1e9, pool, scripted(0.5, 0.9, 0.9, 0));
    expect(claims.machines).toEqual([2, 2, 0]);
    expect(claims.seqs).toEqual([0, 1, 0]);
    expect([...pool]).toEqual([0, 2, 1]);
    expect([c.machineCpu(0), c.machineCpu(2)]).toEqual([1000, 0]);
  });

  it('places part of a job when the pool runs out', () => {
    const c = cell(1, 1000);
    const claims = placeFirstFit(c, 0, 2, 1000, 1e9, candidatePool(1), scripted(0, 0));
    expect(claims.machines).toEqual([0]);
  });

  it('checks memory as well as CPU', () => {
    const c = cell(1, 4000, 1e9);
    expect(placeFirstFit(c, 0, 1, 1000, 2e9, candidatePool(1), scripted(0)).machines).toEqual([]);
  });
});

describe('commits (§4.5)', () => {
  const seqMode = { conflictMode: 'sequence-numbers', transactionMode: 'incremental' } as const;
  const fitMode = { conflictMode: 'resource-fit', transactionMode: 'incremental' } as const;

  it('resource-fit rejects a claim only when the machine lacks room now; sequence-numbers on any claim since the copy', () => {
    for (const [mode, conflicted] of [
      [fitMode, 0],
      [seqMode, 1],
    ] as const) {
      const shared = cell(1, 2000);
      const copy = shared.copy();
      const claims = placeFirstFit(copy, 0, 1, 1000, 1e9, candidatePool(1), scripted(0));
      shared.claim(1, 0, 1000, 1e9, false); // someone else claimed on the machine meanwhile
      expect(commitClaims(shared, 0, claims, 1000, 1e9, mode).conflicted).toBe(conflicted);
    }
  });

  it('incremental keeps the claims that do not conflict', () => {
    const shared = cell(2, 1000);
    const copy = shared.copy();
    const claims = placeFirstFit(copy, 0, 2, 1000, 1e9, candidatePool(2), scripted(0, 0.9));
    shared.claim(1, 0, 1000, 1e9, false); // machine 0 taken meanwhile
    const out = commitClaims(shared, 0, claims, 1000, 1e9, fitMode);
    expect(out).toEqual({ committed: [1], conflicted: 1 });
    expect(shared.occupiedCpu[0]).toBe(1000);
  });

  it('all-or-nothing rolls back at the first conflict; the rolled-back machine keeps its raised sequence number', () => {
    const shared = cell(2, 2000);
    const copy = shared.copy();
    const claims = placeFirstFit(copy, 0, 2, 1000, 1e9, candidatePool(2), scripted(0.9, 0)); // m1 then m0
    shared.claim(1, 0, 500, 1e8, false); // machine 0 changed
    const out = commitClaims(shared, 0, claims, 1000, 1e9, { conflictMode: 'sequence-numbers', transactionMode: 'all-or-nothing' });
    expect(out).toEqual({ committed: [], conflicted: 2 });
    expect([shared.machineCpu(1), shared.seq[1], shared.occupiedCpu[0]]).toEqual([2000, 1, 0]);
  });
});

describe('think time and abandonment (§4.1, §4.2)', () => {
  const options = omegaPaperOptions({ thinkTime: { tJob: 10_000 as never, tTask: 5_000 as never } });
  const job = (numTasks: number, unscheduledTasks: number, attempts: number): PaperJob =>
    ({ numTasks, unscheduledTasks, attempts, think: options.thinkTime }) as unknown as PaperJob;

  it('pays t_job plus t_task for each task still unplaced', () => {
    expect(thinkTime(job(3, 3, 0))).toBe(25_000);
    expect(thinkTime(job(3, 1, 1))).toBe(15_000);
  });

  it('abandons after more than 100 attempts with nothing placed, or more than 1,000 in all', () => {
    expect(shouldAbandon(job(2, 2, 100), options)).toBe(false);
    expect(shouldAbandon(job(2, 2, 101), options)).toBe(true);
    expect(shouldAbandon(job(2, 1, 101), options)).toBe(false);
    expect(shouldAbandon(job(2, 1, 1000), options)).toBe(false);
    expect(shouldAbandon(job(2, 1, 1001), options)).toBe(true);
  });

  it('has the simulator defaults', () => {
    const d = omegaPaperOptions(undefined);
    expect([d.retryAfter, d.abandonAfterAttemptsWithoutProgress, d.abandonAfterAttempts, d.offerBatchInterval, d.minOfferCpu, d.allocatorThinkTime]).toEqual([
      1_000_000, 100, 1000, 1_000_000, 100_000, 1_000,
    ]);
    expect([d.conflictMode, d.transactionMode]).toEqual(['resource-fit', 'incremental']);
  });
});
