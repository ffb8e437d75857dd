import { MAX_NODE_SCORE } from '../types.js';

/**
 * `helper.DefaultNormalizeScore`: scales scores in place to `max × s / highest` (integer division);
 * `reverse` turns them into `max − that`. All zero: stays 0, or all `max` when reversed.
 */
export function defaultNormalizeScore(scores: number[], reverse: boolean, maxPriority: number = MAX_NODE_SCORE): void {
  let highest = 0;
  for (const s of scores) if (s > highest) highest = s;
  if (highest === 0) {
    if (reverse) scores.fill(maxPriority);
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    const s = Math.floor((maxPriority * (scores[i] as number)) / highest);
    scores[i] = reverse ? maxPriority - s : s;
  }
}
