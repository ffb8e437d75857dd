import { describe, expect, it } from 'vitest';
import { placementCost, strandedCost } from '../../../src/engines/borg/scoring.js';
import { res } from './borg-fixtures.js';

const cap = res(8, 32);

describe('placementCost', () => {
  it('best fit prefers the machine left with the least room, worst fit the one left with the most', () => {
    const tight = res(2, 8);
    const roomy = res(8, 32);
    const d = res(1, 4);
    expect(placementCost('best-fit', tight, cap, d)).toBeLessThan(placementCost('best-fit', roomy, cap, d));
    expect(placementCost('worst-fit', roomy, cap, d)).toBeLessThan(placementCost('worst-fit', tight, cap, d));
  });

  it('hybrid prefers the machine left balanced over a tighter one whose free cpu would be stranded', () => {
    // Machine A: 4 cores but only 4 GiB free; after a 1-core 4 GiB task its 3 cores are stranded (no memory left).
    const a = res(4, 4);
    // Machine B: 3 cores and 12 GiB free, the machine's own shape: after the task 2 cores and 8 GiB, still balanced.
    const b = res(3, 12);
    const d = res(1, 4);
    expect(placementCost('best-fit', a, cap, d)).toBeLessThan(placementCost('best-fit', b, cap, d));
    expect(placementCost('hybrid', b, cap, d)).toBeLessThan(placementCost('hybrid', a, cap, d));
  });

  it('hybrid cost is the spread of the free fractions plus their mean', () => {
    // After placing: cpu (4 − 1) / 8 = 0.375 free, memory (4 − 4) / 32 = 0: stranded 0.375, mean 0.1875.
    expect(strandedCost(res(4, 4), cap, res(1, 4))).toBeCloseTo(0.5625, 12);
    // Equally balanced machines: the tighter one wins.
    expect(strandedCost(res(2, 8), cap, res(1, 4))).toBeLessThan(strandedCost(res(6, 24), cap, res(1, 4)));
  });
});
