import { MAX_NODE_SCORE } from '../types.js';

/**
 * `helper.DefaultNormalizeScore`: scales scores in place to `max × s / highest` (integer division);
 * `reverse` turns them into `max − that`. All zero: stays 0, or all `max` when reversed. Only the
 * first `count` entries are read and written (scratch arrays are longer than the feasible list).
 */
export function defaultNormalizeScore(
  scores: number[] | Float64Array,
  reverse: boolean,
  maxPriority: number = MAX_NODE_SCORE,
  count: number = scores.length,
): void {
  let highest = 0;
  for (let i = 0; i < count; i++) {
    const s = scores[i] as number;
    if (s > highest) highest = s;
  }
  if (highest === 0) {
    if (reverse) scores.fill(maxPriority, 0, count);
    return;
  }
  for (let i = 0; i < count; i++) {
    const s = Math.floor((maxPriority * (scores[i] as number)) / highest);
    scores[i] = reverse ? maxPriority - s : s;
  }
}
