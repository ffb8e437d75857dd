import { type Rng } from '../../sim/rng.js';

/**
 * The order relaxed randomization examines machines in ([B] §3.4: "in random order"): a seeded
 * random start and a random stride coprime with the machine count, so every machine comes exactly
 * once and no permutation of a 10,000-machine cell is built per decision (OUR ASSUMPTION: this
 * cheap permutation stands in for a uniform shuffle).
 */
export class MachineOrder {
  private readonly start: number;
  private readonly stride: number;

  constructor(
    private readonly n: number,
    rng: Rng,
  ) {
    this.start = n > 0 ? rng.int(0, n - 1) : 0;
    let stride = 1;
    if (n > 2) {
      do stride = rng.int(1, n - 1);
      while (gcd(stride, n) !== 1);
    }
    this.stride = stride;
  }

  /** The k-th machine examined (0 ≤ k < n). */
  at(k: number): number {
    return (this.start + k * this.stride) % this.n;
  }
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}
