import { ACTIVE, compare, INACTIVE, INTERNAL, type SorterNode } from './sorter-node.js';

/*
 * The DRF order over a sorter tree (Mesos's DRFSorter::sort and calculateShare): shares, the
 * sort of each level, and the pre-order listing of active clients.
 */

/**
 * The dominant share of an allocation: the largest allocated[d] / total[d] over the dimensions with
 * a positive total that are not excluded (`--fair_sharing_excluded_resource_names`). The caller
 * divides by the node's weight afterwards (the order of the two operations matters in doubles).
 */
export function dominantShare(allocated: readonly number[], total: readonly number[], excluded: readonly boolean[]): number {
  let share = 0;
  for (let d = 0; d < total.length; d++) {
    const t = total[d] as number;
    if (t <= 0 || excluded[d] === true) continue;
    const ratio = (allocated[d] ?? 0) / t;
    if (ratio > share) share = ratio;
  }
  return share;
}

/**
 * Recomputes the share of every non-inactive child (`shareOf`) and sorts each level's prefix of
 * non-inactive children in DRF order (share, count, path), recursing into internal nodes. Inactive
 * leaves stay at the end of each level, unsorted, as upstream keeps them.
 */
export function sortTree(node: SorterNode, shareOf: (n: SorterNode) => number): void {
  const children = node.children;
  let end = 0;
  while (end < children.length && (children[end] as SorterNode).kind !== INACTIVE) {
    const c = children[end] as SorterNode;
    c.share = shareOf(c);
    end++;
  }
  const prefix = children.slice(0, end).sort(compare);
  for (let i = 0; i < end; i++) children[i] = prefix[i] as SorterNode;
  for (let i = 0; i < end; i++) {
    const c = children[i] as SorterNode;
    if (c.kind === INTERNAL) sortTree(c, shareOf);
  }
}

/** Writes the active clients under `node` into `out` from index `from`, in pre-order; returns the next index. */
export function collectActive(node: SorterNode, out: string[], from: number): number {
  let n = from;
  for (const child of node.children) {
    if (child.kind === ACTIVE) out[n++] = child.clientPath();
    else if (child.kind === INACTIVE) return n;
    else n = collectActive(child, out, n);
  }
  return n;
}
