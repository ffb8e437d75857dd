import { describe, expect, it } from 'vitest';
import { NO_CONSTRAINTS } from '../../../src/cluster/constraints.js';
import { CellState } from '../../../src/engines/borg/cell-state.js';
import { job, machine, res, task } from './borg-fixtures.js';

/** A cell of one 8-core 32 GiB machine holding the given (priority, cores) tasks. */
function filled(...held: [number, number][]) {
  const cell = new CellState([machine('m', 8, 32)]);
  const m = cell.machines[0]!;
  for (const [p, cpu] of held) {
    const t = task(job(`held-${p}-${cpu}`, 'x', p), res(cpu, 1));
    t.state = 'running';
    cell.add(m, t);
  }
  return { cell, m };
}

describe('CellState.fit', () => {
  it('is feasible without victims when the machine has room', () => {
    const { cell, m } = filled([0, 4]);
    const fit = cell.fit(m, task(job('new'), res(4, 1)), true);
    expect(fit).toMatchObject({ feasible: true, victims: [] });
  });

  it('counts the room of lower-priority tasks and takes victims from the lowest priority up', () => {
    const { cell, m } = filled([5, 2], [0, 2], [3, 2], [0, 2]);
    const fit = cell.fit(m, task(job('prod', 'y', 9), res(3, 1)), true);
    expect(fit.feasible).toBe(true);
    if (!fit.feasible) return;
    expect(fit.victims.map((v) => v.priority)).toEqual([0, 0]);
  });

  it('never lets one prod task preempt another, nor anything preempt without preemption on', () => {
    const { cell, m } = filled([9, 8]);
    expect(cell.fit(m, task(job('mon', 'y', 11), res(1, 1)), true).feasible).toBe(false);
    const low = filled([0, 8]);
    expect(low.cell.fit(low.m, task(job('p', 'y', 9), res(1, 1)), false).feasible).toBe(false);
    expect(low.cell.fit(low.m, task(job('p', 'y', 9), res(1, 1)), true).feasible).toBe(true);
  });

  it('refuses a machine that is down or does not meet the constraints, and bumps the version on every change', () => {
    const cell = new CellState([machine('m', 8, 32, { zone: 'a' })]);
    const m = cell.machines[0]!;
    const picky = task(job('j'), res(1, 1), { ...NO_CONSTRAINTS, nodeSelector: { zone: 'b' } });
    expect(cell.fit(m, picky, true).feasible).toBe(false);
    const v = m.version;
    const t = task(job('k'), res(1, 1));
    cell.add(m, t);
    cell.remove(t);
    expect(m.version).toBe(v + 2);
    expect(cell.free(m)).toEqual(res(8, 32));
    m.up = false;
    expect(cell.fit(m, task(job('k'), res(1, 1)), true).feasible).toBe(false);
  });
});
