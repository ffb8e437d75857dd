import { describe, expect, it } from 'vitest';
import { CompletedIndexes } from '../../../src/engines/kubernetes/completed-indexes.js';
import { Rng } from '../../../src/sim/rng.js';

describe('CompletedIndexes', () => {
  it('keeps ordered, merged intervals as the status string upstream writes ("1-3,5")', () => {
    const c = CompletedIndexes.EMPTY.with([3, 1, 2]).with([5]).with([7, 9, 8]);
    expect(c.toString()).toBe('1-3,5,7-9');
    expect(c.total).toBe(7);
    expect(c.with([4, 6]).toString()).toBe('1-9');
  });

  it('returns itself when nothing is new, and never changes a value in place', () => {
    const a = CompletedIndexes.EMPTY.with([0, 1]);
    expect(a.with([1, 0])).toBe(a);
    const b = a.with([2]);
    expect(a.toString()).toBe('0-1');
    expect(b.toString()).toBe('0-2');
  });

  it('answers has() and total as a plain set of the same indexes would, through random additions', () => {
    for (const seed of [1, 2, 3]) {
      const rng = Rng.root(seed);
      const plain = new Set<number>();
      let c = CompletedIndexes.EMPTY;
      for (let step = 0; step < 200; step++) {
        const add = Array.from({ length: 1 + Math.floor(rng.float() * 4) }, () => Math.floor(rng.float() * 300));
        for (const i of add) plain.add(i);
        c = c.with(add);
        expect(c.total, `seed ${seed}`).toBe(plain.size);
      }
      for (let i = -1; i < 301; i++) expect(c.has(i), `seed ${seed}, index ${i}`).toBe(plain.has(i));
    }
  });
});
