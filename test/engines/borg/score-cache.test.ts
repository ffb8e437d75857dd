import { describe, expect, it } from 'vitest';
import { CellState } from '../../../src/engines/borg/cell-state.js';
import { ScoreCache } from '../../../src/engines/borg/score-cache.js';
import { job, machine, res, task } from './borg-fixtures.js';

const INFEASIBLE = { fit: { feasible: false } as const, cost: 3 };

describe('ScoreCache', () => {
  it('computes a class’s score on a machine once while the machine’s version stays', () => {
    const cell = new CellState([machine('m0', 8, 32), machine('m1', 8, 32)]);
    const cache = new ScoreCache();
    const a = task(job('a'), res(1, 1));
    const twin = task(job('a'), res(1, 1));
    let computed = 0;
    const compute = () => {
      computed++;
      return INFEASIBLE;
    };
    cache.get(a, cell.machines[0]!, compute);
    expect(cache.get(twin, cell.machines[0]!, compute).cost).toBe(3);
    cache.get(a, cell.machines[1]!, compute);
    expect(computed).toBe(2);
    expect(cache.take()).toEqual({ hits: 1, misses: 2 });
    expect(cache.take()).toEqual({ hits: 0, misses: 0 });
  });

  it('computes again once the machine changed, and after the class was dropped', () => {
    const cell = new CellState([machine('m0', 8, 32)]);
    const m = cell.machines[0]!;
    const cache = new ScoreCache();
    const a = task(job('a'), res(1, 1));
    let computed = 0;
    const compute = () => {
      computed++;
      return INFEASIBLE;
    };
    cache.get(a, m, compute);
    m.version++;
    expect(cache.get(a, m, compute).version).toBe(m.version);
    cache.drop(a.classKey);
    cache.get(a, m, compute);
    expect(computed).toBe(3);
  });

  it('keeps classes apart on the same machine', () => {
    const cell = new CellState([machine('m0', 8, 32)]);
    const cache = new ScoreCache();
    const small = task(job('s'), res(1, 1));
    const big = task(job('b'), res(4, 1));
    cache.get(small, cell.machines[0]!, () => ({ ...INFEASIBLE, cost: 1 }));
    expect(cache.get(big, cell.machines[0]!, () => ({ ...INFEASIBLE, cost: 9 })).cost).toBe(9);
    expect(cache.get(small, cell.machines[0]!, () => ({ ...INFEASIBLE, cost: 5 })).cost).toBe(1);
  });
});
