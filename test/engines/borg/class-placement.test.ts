import { describe, expect, it } from 'vitest';
import { CellState } from '../../../src/engines/borg/cell-state.js';
import { ClassPlacement } from '../../../src/engines/borg/class-placement.js';
import { MachineOrder } from '../../../src/engines/borg/machine-order.js';
import { ScoreCache } from '../../../src/engines/borg/score-cache.js';
import { Rng } from '../../../src/sim/rng.js';
import { job, machine, res, task } from './borg-fixtures.js';

function setup(machines: number, sample: number) {
  const cell = new CellState(Array.from({ length: machines }, (_, i) => machine(`m${i}`, 8, 32)));
  const cache = new ScoreCache();
  const placement = new ClassPlacement({ cell, cache, order: new MachineOrder(machines, Rng.root(3)), policy: 'best-fit', sample, preemption: true });
  return { cell, cache, placement };
}

describe('ClassPlacement', () => {
  it('examines machines only until the sample of feasible ones is full (relaxed randomization)', () => {
    const { placement } = setup(100, 5);
    const j = job('j');
    expect(placement.best(task(j, res(1, 1)))).toBeDefined();
    expect(placement.examined).toBe(5);
    expect(placement.feasible).toBe(5);
  });

  it('checks and scores a class once per machine: further tasks of the class re-check only the machine that changed', () => {
    const { cell, cache, placement } = setup(10, 10);
    const j = job('j');
    const first = task(j, res(1, 1));
    const chosen = placement.best(first)!;
    expect(cache.take()).toEqual({ hits: 0, misses: 10 });
    cell.add(chosen.machine, first);
    const second = placement.best(task(j, res(1, 1)))!;
    expect(cache.take()).toEqual({ hits: 0, misses: 1 });
    // Best fit: the machine that took the first task is now the tightest.
    expect(second.machine).toBe(chosen.machine);
  });

  it('prefers a machine without preemptions, and finds none when nothing fits even after evicting', () => {
    const { cell, placement } = setup(2, 10);
    const [a, b] = cell.machines as [NonNullable<(typeof cell.machines)[0]>, NonNullable<(typeof cell.machines)[0]>];
    const low = task(job('low'), res(8, 1));
    low.state = 'running';
    cell.add(a, low);
    const half = task(job('half'), res(5, 1));
    half.state = 'running';
    cell.add(b, half);
    // Prod needs 2 cores: b has 3 free, a none (its priority-0 task could be evicted, but b needs no preemption).
    const prod = task(job('prod', 'p', 9), res(2, 1));
    expect(placement.best(prod)?.machine).toBe(b);
    const big = task(job('big', 'p', 9), res(9, 1));
    expect(
      new ClassPlacement({ cell, cache: new ScoreCache(), order: new MachineOrder(2, Rng.root(1)), policy: 'hybrid', sample: 10, preemption: true }).best(big),
    ).toBeUndefined();
  });
});
