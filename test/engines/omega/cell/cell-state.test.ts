import { describe, expect, it } from 'vitest';
import { CellState } from '../../../../src/engines/omega/cell/cell-state.js';
import { claim, demand, machines, NO_CONSTRAINTS } from '../fixtures.js';

describe('the shared cell state', () => {
  it('moves a machine’s sequence number on every claim, not on a release', () => {
    const cell = new CellState(machines(2));
    cell.add(claim('a', 0, 1000));
    cell.add(claim('b', 0, 1000));
    expect(cell.seq(0)).toBe(2);
    expect(cell.seq(1)).toBe(0);
    cell.release('a');
    expect(cell.seq(0)).toBe(2);
    expect(cell.free(0).cpu).toBe(3000);
  });

  it('fits a demand only within the machine’s room, counting a scheduler’s own tentative claims', () => {
    const cell = new CellState(machines(1));
    cell.add(claim('a', 0, 3000));
    expect(cell.fits(0, demand(1000), NO_CONSTRAINTS, undefined)).toBe(true);
    expect(cell.fits(0, demand(1000), NO_CONSTRAINTS, { cpu: 500, memory: 0, gpu: 0, tasks: 1 })).toBe(false);
    expect(cell.fits(0, demand(1001), NO_CONSTRAINTS, undefined)).toBe(false);
  });

  it('frees and returns every claim of a machine marked down, and takes none while it is down', () => {
    const cell = new CellState(machines(2));
    cell.add(claim('a', 0, 1000));
    cell.add(claim('b', 1, 1000));
    const gone = cell.setUp(0, false);
    expect(gone.map((c) => c.id)).toEqual(['a']);
    expect(cell.get('a')).toBeUndefined();
    expect(cell.fits(0, demand(1), NO_CONSTRAINTS, undefined)).toBe(false);
    cell.setUp(0, true);
    expect(cell.free(0).cpu).toBe(4000);
  });

  it('returns undefined when releasing a claim it no longer holds', () => {
    const cell = new CellState(machines(1));
    expect(cell.release('nobody')).toBeUndefined();
  });
});
