import { describe, expect, it } from 'vitest';
import { MachineOrder } from '../../../src/engines/borg/machine-order.js';
import { Rng } from '../../../src/sim/rng.js';

describe('MachineOrder', () => {
  it('visits every machine exactly once, in an order that depends on the seed only', () => {
    for (const n of [1, 2, 3, 10, 97, 100]) {
      const order = new MachineOrder(n, Rng.root(5).split('x'));
      const seen = Array.from({ length: n }, (_, k) => order.at(k));
      expect(new Set(seen).size).toBe(n);
      const again = new MachineOrder(n, Rng.root(5).split('x'));
      expect(Array.from({ length: n }, (_, k) => again.at(k))).toEqual(seen);
    }
  });

  it('differs between draws, so no machine is always examined first', () => {
    const rng = Rng.root(1);
    const firsts = new Set(Array.from({ length: 20 }, () => new MachineOrder(50, rng).at(0)));
    expect(firsts.size).toBeGreaterThan(5);
  });
});
