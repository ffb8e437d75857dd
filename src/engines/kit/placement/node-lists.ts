/** What an entry of {@link NodeLists} carries: its node and its neighbours in that node's list. */
export interface NodeListEntry<T> {
  readonly nodeIndex: number;
  prev: T | undefined;
  next: T | undefined;
  linked: boolean;
}

/**
 * Placed instances per node, each node's in placement order: intrusive doubly linked lists, so that
 * adding and removing an instance hashes nothing and allocates nothing (one map keyed by instance id
 * did both for every instance). A crash walks its node's list, which is the order the one map gave
 * when filtered by node. The oracle keeps its instances in them.
 */
export class NodeLists<T extends NodeListEntry<T>> {
  private readonly heads: (T | undefined)[];
  private readonly tails: (T | undefined)[];

  constructor(nodes: number) {
    this.heads = new Array<T | undefined>(nodes).fill(undefined);
    this.tails = new Array<T | undefined>(nodes).fill(undefined);
  }

  /** Appends `e` to its node's list. */
  add(e: T): void {
    const n = e.nodeIndex;
    const tail = this.tails[n];
    e.prev = tail;
    e.next = undefined;
    if (tail === undefined) this.heads[n] = e;
    else tail.next = e;
    this.tails[n] = e;
    e.linked = true;
  }

  /** Takes `e` out of its node's list (no-op when it is not in it). */
  remove(e: T): void {
    if (!e.linked) return;
    const n = e.nodeIndex;
    if (e.prev === undefined) this.heads[n] = e.next;
    else e.prev.next = e.next;
    if (e.next === undefined) this.tails[n] = e.prev;
    else e.next.prev = e.prev;
    e.prev = undefined;
    e.next = undefined;
    e.linked = false;
  }

  /** The entries of node `n`, in the order they were added. */
  on(n: number): T[] {
    const out: T[] = [];
    for (let e = this.heads[n]; e !== undefined; e = e.next) out.push(e);
    return out;
  }
}
