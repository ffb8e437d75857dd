import { type PlacementConstraints } from '../../../cluster/constraints.js';
import { fitsWithin, type Resources } from '../../../cluster/resources.js';

// Demands that found no node in one batch pass, per constraints object: free room only shrinks during
// a pass, so a task asking at least as much under the same constraints cannot fit either, and its
// search can be skipped without changing anything.

/** True when `demand` asks at least as much as a demand that already found no node (no extended resources). */
export function dominatesFailure(failures: readonly Resources[] | undefined, demand: Resources): boolean {
  if (failures === undefined || demand.ext) return false;
  for (const f of failures) if (fitsWithin(f, demand)) return true;
  return false;
}

/** Most failed demands kept per constraints object (only the smallest ones: none covers another). */
const MAX_FAILURES = 16;

/** Remembers that `demand` found no node under `constraints` in this pass. */
export function noteFailure(failed: Map<PlacementConstraints, Resources[]>, constraints: PlacementConstraints, demand: Resources): void {
  if (demand.ext) return;
  let list = failed.get(constraints);
  if (!list) failed.set(constraints, (list = []));
  // A demand at least as large as the new one tells nothing more: drop it, so the list keeps the
  // smallest failures (the new one is not covered by any kept one, or it would not have been tried).
  for (let i = list.length - 1; i >= 0; i--) if (fitsWithin(demand, list[i] as Resources)) list.splice(i, 1);
  if (list.length < MAX_FAILURES) list.push(demand);
}
