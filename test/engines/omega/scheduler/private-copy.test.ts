import { describe, expect, it } from 'vitest';
import { CellState } from '../../../../src/engines/omega/cell/cell-state.js';
import { PrivateCopy, type TaskToPlace } from '../../../../src/engines/omega/scheduler/private-copy.js';
import { Rng } from '../../../../src/sim/rng.js';
import { claim, demand, machines, NO_CONSTRAINTS } from '../fixtures.js';

function tasks(n: number, cpu: number): TaskToPlace<number>[] {
  return Array.from({ length: n }, (_, i) => ({ demand: demand(cpu), constraints: NO_CONSTRAINTS, item: i }));
}

describe('placement on a scheduler’s private copy', () => {
  it('randomized first fit never plans more on a machine than it has room for, and places a part when the rest does not fit', () => {
    const cell = new CellState(machines(3));
    const copy = new PrivateCopy(cell, Rng.root(1), 'random-first-fit');
    const plan = copy.place(tasks(14, 1000));
    expect(plan).toHaveLength(12);
    const perMachine = [0, 1, 2].map((m) => plan.filter((c) => c.machine === m).length);
    expect(perMachine).toEqual([4, 4, 4]);
  });

  it('records each machine’s sequence number as it was in the copy and leaves the shared state untouched', () => {
    const cell = new CellState(machines(2));
    cell.add(claim('a', 1, 1000));
    const plan = new PrivateCopy(cell, Rng.root(2), 'random-first-fit').place(tasks(4, 1000));
    for (const c of plan) expect(c.seqAtCopy).toBe(cell.seq(c.machine));
    expect(cell.seq(0)).toBe(0);
    expect(cell.free(0).cpu).toBe(4000);
  });

  it('best fit takes the fullest machine that still fits', () => {
    const cell = new CellState(machines(3));
    cell.add(claim('a', 2, 2500));
    cell.add(claim('b', 1, 1000));
    const plan = new PrivateCopy(cell, Rng.root(3), 'best-fit').place(tasks(1, 1000));
    expect(plan.map((c) => c.machine)).toEqual([2]);
  });

  it('skips machines that are down', () => {
    const cell = new CellState(machines(2));
    cell.setUp(0, false);
    const plan = new PrivateCopy(cell, Rng.root(4), 'random-first-fit').place(tasks(3, 1000));
    expect(plan.every((c) => c.machine === 1)).toBe(true);
  });

  it('draws the same placement from the same random stream', () => {
    const place = (): number[] => new PrivateCopy(new CellState(machines(10)), Rng.root(9), 'random-first-fit').place(tasks(5, 500)).map((c) => c.machine);
    expect(place()).toEqual(place());
  });
});
