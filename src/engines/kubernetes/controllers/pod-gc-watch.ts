import { isTerminal, type Pod } from '../objects.js';
import { type Informer } from '../store/informer.js';

/**
 * What tells the PodGC controller that a collection may have work, kept from its informers' events:
 * the number of terminated pods, the unscheduled terminating pods, and whether a pod names a node
 * the node informer does not hold (or a node was deleted) since the last collection. `wake` runs
 * whenever one of these may have become true.
 */
export class PodGCWatch {
  /** Cached pods in phase Succeeded or Failed. */
  terminated = 0;
  /** Cached pods with a deletionTimestamp and no node. */
  private unscheduledTerminating = 0;
  /** A pod on a missing node, or a node deletion, was seen since the last collection. */
  private orphanSeen = false;

  constructor(
    pods: Informer<'Pod'>,
    private readonly nodes: Informer<'Node'>,
    private readonly wake: () => void,
  ) {
    pods.addHandlers({
      onAdd: (p) => this.count(p, 1),
      onUpdate: (old, p) => {
        this.count(old, -1, false);
        this.count(p, 1);
      },
      onDelete: (p) => this.count(p, -1, false),
    });
    nodes.addHandlers({
      onDelete: () => {
        this.orphanSeen = true;
        this.wake();
      },
    });
  }

  /** True when a collection may find orphaned or unscheduled terminating pods. */
  suspects(): boolean {
    return this.orphanSeen || this.unscheduledTerminating > 0;
  }

  /** A collection has read the informers: what it saw is now its to handle. */
  checked(): void {
    this.orphanSeen = false;
  }

  private count(p: Pod, sign: 1 | -1, wake = true): void {
    if (isTerminal(p)) this.terminated += sign;
    if (p.meta.deletionTimestamp !== undefined && p.spec.nodeName === undefined) this.unscheduledTerminating += sign;
    if (sign > 0 && p.spec.nodeName !== undefined && this.nodes.get(p.spec.nodeName) === undefined) this.orphanSeen = true;
    if (wake) this.wake();
  }
}
