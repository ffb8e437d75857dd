/*
 * The node of the DRF sorter's tree and its order (Mesos's DRFSorter::Node and Node::compareDRF).
 */

/** A held allocation: mutable in its standard dimensions. */
export interface HeldResources {
  cpu: number;
  memory: number;
  gpu: number;
  readonly ext?: Readonly<Record<string, number>>;
}

/** Node kinds: a client that may be offered, a client that may not, and an inner node. */
export const ACTIVE = 0;
export const INACTIVE = 1;
export const INTERNAL = 2;
export type Kind = typeof ACTIVE | typeof INACTIVE | typeof INTERNAL;

/** A node of the sorter tree: a client (leaf), a virtual leaf `a/.`, or an internal node. */
export class SorterNode {
  share = 0;
  /** Number of `allocated` calls ever made through this node (never decremented). */
  count = 0;
  /** Allocated quantity per dimension index (indices are the sorter's dimension numbering). */
  totals: number[] = [];
  /**
   * Per-agent allocation; kept on leaves only (internal nodes need only totals). Vectors without
   * extended dimensions are the sorter's own copies, changed in place (see DrfSorter.allocated).
   */
  perAgent: Map<string, HeldResources> | undefined;
  readonly children: SorterNode[] = [];
  readonly path: string;

  constructor(
    readonly name: string,
    public kind: Kind,
    public parent: SorterNode | undefined,
    public weight: number,
  ) {
    this.path = parent === undefined ? '' : parent.parent === undefined ? name : `${parent.path}/${name}`;
  }

  /** The client path of a leaf: a virtual leaf `a/.` stands for client `a`. */
  clientPath(): string {
    return this.name === '.' ? (this.parent as SorterNode).path : this.path;
  }

  isLeaf(): boolean {
    return this.kind !== INTERNAL;
  }

  /** Number of inactive leaves among the children (they are kept at the end). */
  inactive = 0;

  /**
   * Inactive leaves go last; everything else first (callers re-sort or mark the tree dirty). A
   * child's kind may change only while it is detached, so that `inactive` stays exact.
   */
  addChild(child: SorterNode): void {
    if (child.kind === INACTIVE) {
      this.children.push(child);
      this.inactive++;
    } else {
      this.children.unshift(child);
    }
  }

  removeChild(child: SorterNode): void {
    const i = this.children.indexOf(child);
    if (i < 0) throw new Error(`sorter: ${child.path} is not a child of ${this.path}`);
    this.children.splice(i, 1);
    if (child.kind === INACTIVE) this.inactive--;
  }
}

/** DRF order of two siblings: share, then allocation count, then path (code-unit order). */
export function before(a: SorterNode, b: SorterNode): boolean {
  if (a.share !== b.share) return a.share < b.share;
  if (a.count !== b.count) return a.count < b.count;
  return a.path < b.path;
}

/** `before` as a sort comparator. */
export function compare(a: SorterNode, b: SorterNode): number {
  return before(a, b) ? -1 : before(b, a) ? 1 : 0;
}

/** Index of a node among its sorted siblings, found by binary search (before its key changes). */
export function positionOf(node: SorterNode): number {
  const parent = node.parent as SorterNode;
  const siblings = parent.children;
  let lo = 0;
  let hi = siblings.length - parent.inactive;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(siblings[mid] as SorterNode, node)) lo = mid + 1;
    else hi = mid;
  }
  return siblings[lo] === node ? lo : siblings.indexOf(node);
}

/**
 * Moves a node whose key changed from index `at` to its place among its sorted siblings. Mesos
 * shifts it one step at a time; a binary search over the others gives the same position.
 */
export function reposition(node: SorterNode, at: number): void {
  const parent = node.parent as SorterNode;
  const siblings = parent.children;
  const end = siblings.length - parent.inactive;
  if (at + 1 < end && before(siblings[at + 1] as SorterNode, node)) {
    let lo = at + 1;
    let hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(siblings[mid] as SorterNode, node)) lo = mid + 1;
      else hi = mid;
    }
    for (let k = at; k < lo - 1; k++) siblings[k] = siblings[k + 1] as SorterNode;
    siblings[lo - 1] = node;
  } else if (at > 0 && before(node, siblings[at - 1] as SorterNode)) {
    let lo = 0;
    let hi = at;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(siblings[mid] as SorterNode, node)) lo = mid + 1;
      else hi = mid;
    }
    for (let k = at; k > lo; k--) siblings[k] = siblings[k - 1] as SorterNode;
    siblings[lo] = node;
  }
}
