import { type Resources } from '../../cluster/resources.js';
import { leftoverScore } from '../kit/index.js';
import { type ScorePolicy } from './options.js';

/**
 * The cost of placing `demand` on a machine with `free` of `cap` left (lower is better), by policy
 * ([B] §3.2):
 * - `best-fit`: the kit's leftover score, the sum over cpu, memory and gpus of the fraction of the
 *   machine left free afterwards: packs tightly.
 * - `worst-fit`: its negation: the machine left with the most room wins, spreading load as Borg's
 *   original E-PVM-like scoring did in effect.
 * - `hybrid`: Borg's current default "minimises stranded resources"; the paper gives no formula. OUR
 *   DEFINITION: with f the fractions of each resource the machine has (cpu, memory, gpus when it has
 *   any) left free afterwards, stranded = max f − min f (room of one resource that cannot be used once
 *   the scarcest is gone, for tasks shaped like the machine), and cost = stranded + mean f. It prefers
 *   the machine left most balanced, and among equally balanced ones the tighter fit.
 */
export function placementCost(policy: ScorePolicy, free: Resources, cap: Resources, demand: Resources): number {
  if (policy === 'best-fit') return leftoverScore(free, cap, demand);
  if (policy === 'worst-fit') return -leftoverScore(free, cap, demand);
  return strandedCost(free, cap, demand);
}

/** The hybrid cost (see {@link placementCost}). */
export function strandedCost(free: Resources, cap: Resources, demand: Resources): number {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  let sum = 0;
  let n = 0;
  const take = (f: number, c: number, d: number): void => {
    if (c <= 0) return;
    const x = (f - d) / c;
    lo = Math.min(lo, x);
    hi = Math.max(hi, x);
    sum += x;
    n++;
  };
  take(free.cpu, cap.cpu, demand.cpu);
  take(free.memory, cap.memory, demand.memory);
  take(free.gpu, cap.gpu, demand.gpu);
  return n === 0 ? 0 : hi - lo + sum / n;
}
