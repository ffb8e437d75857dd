import { ACTIVE, INACTIVE, type SorterNode } from './sorter-node.js';

/**
 * A pre-order walk of a sorted sorter tree that yields its active clients one at a time, in the
 * order `DrfSorter.sort()` lists them. The allocator walks the order once per agent and usually
 * stops after the first clients (the agent is offered whole), so a walk costs what it visits, not
 * the number of clients, and allocates nothing. The tree must not change during a walk.
 */
export class SorterWalk {
  /** The walk's path from the root: the node at each depth and the index of its next child. */
  private readonly nodes: SorterNode[] = [];
  private readonly at: number[] = [];
  private depth = 0;

  /** Starts over at `root` (already sorted). */
  begin(root: SorterNode): void {
    this.nodes[0] = root;
    this.at[0] = 0;
    this.depth = 1;
  }

  /** The next active client, or undefined at the end. */
  next(): string | undefined {
    while (this.depth > 0) {
      const d = this.depth - 1;
      const node = this.nodes[d] as SorterNode;
      const i = this.at[d] as number;
      const child = node.children[i];
      // Past the last child, or at the first inactive one (inactive children sort last): this
      // level is done, back to the parent's next child.
      if (child === undefined || child.kind === INACTIVE) {
        this.depth--;
        continue;
      }
      this.at[d] = i + 1;
      if (child.kind === ACTIVE) return child.clientPath();
      this.nodes[this.depth] = child;
      this.at[this.depth] = 0;
      this.depth++;
    }
    return undefined;
  }
}
