import { type Pod } from '../objects.js';

/** `podPhaseToOrdinal`: Pending < Unknown < Running. */
const PHASE_ORDINAL: Readonly<Record<string, number>> = { Pending: 0, Unknown: 1, Running: 2 };

/** `controller.kubernetes.io/pod-deletion-cost`. */
export const DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

/** log2 bucket of the age at `now` (`logarithmicRankDiff`, on nanoseconds as Go's Duration); −1 for none. */
function logRank(t: number, now: number): number {
  const d = (now - t) * 1000;
  return d > 0 ? Math.trunc(Math.log2(d)) : -1;
}

function uidLess(a: Pod, b: Pod): boolean {
  return a.meta.uid < b.meta.uid;
}

/**
 * `ActivePodsWithRanks.Less` with LogarithmicScaleDown (on by default since v1.22): true when `a`
 * should be deleted before `b`. Rules in order: unassigned first; Pending < Unknown < Running;
 * not ready first; lower deletion cost; higher rank (more related pods on the same node); ready
 * more recently (log buckets); more restarts; created more recently (log buckets); UID.
 */
export function deleteBefore(a: Pod, rankA: number, b: Pod, rankB: number, now: number): boolean {
  const assignedA = a.spec.nodeName !== undefined;
  const assignedB = b.spec.nodeName !== undefined;
  if (assignedA !== assignedB) return !assignedA;
  const pa = PHASE_ORDINAL[a.status.phase] ?? 0;
  const pb = PHASE_ORDINAL[b.status.phase] ?? 0;
  if (pa !== pb) return pa < pb;
  if (a.status.ready !== b.status.ready) return !a.status.ready;
  const ca = Number(a.meta.annotations?.[DELETION_COST] ?? 0);
  const cb = Number(b.meta.annotations?.[DELETION_COST] ?? 0);
  if (ca !== cb) return ca < cb;
  if (rankA !== rankB) return rankA > rankB;
  if (a.status.ready && b.status.ready) {
    const ra = a.status.readySince;
    const rb = b.status.readySince;
    if (ra !== rb) {
      if (ra === undefined || rb === undefined) return ra === undefined ? true : false;
      const diff = logRank(ra, now) - logRank(rb, now);
      return diff === 0 ? uidLess(a, b) : diff < 0;
    }
  }
  if (a.status.restartCount !== b.status.restartCount) return a.status.restartCount > b.status.restartCount;
  if (a.meta.creationTimestamp !== b.meta.creationTimestamp) {
    const diff = logRank(a.meta.creationTimestamp, now) - logRank(b.meta.creationTimestamp, now);
    return diff === 0 ? uidLess(a, b) : diff < 0;
  }
  return false;
}

/**
 * `getPodsToDelete`: ranks each candidate by the number of active related pods on its node and
 * returns the first `count` in deletion order.
 */
export function podsToDelete(candidates: readonly Pod[], related: readonly Pod[], count: number, now: number): Pod[] {
  if (count >= candidates.length) return [...candidates];
  const onNode = new Map<string, number>();
  for (const p of related) {
    const n = p.spec.nodeName ?? '';
    onNode.set(n, (onNode.get(n) ?? 0) + 1);
  }
  const ranked = candidates.map((p) => ({ p, rank: onNode.get(p.spec.nodeName ?? '') ?? 0 }));
  ranked.sort((x, y) => (deleteBefore(x.p, x.rank, y.p, y.rank, now) ? -1 : deleteBefore(y.p, y.rank, x.p, x.rank, now) ? 1 : 0));
  return ranked.slice(0, count).map((r) => r.p);
}
