import { addResources, subtractResources } from '../../../cluster/resources.js';
import { keyOf, type NodeObject, type Pod } from '../objects.js';
import { NodeColumns } from './node-columns.js';
import { nodeUnschedulableTaintFree } from './node-view.js';
import { type ClusterEventKind } from './scheduling-queue.js';
import { createNodeInfo, type NodeInfo, type PodInfo } from './types.js';
import { podRequest } from './plugins/resource-request.js';

/**
 * The scheduler's cache: one NodeInfo per node (in the order nodes appeared) with the pods bound or
 * assumed to it. Assumed pods count at once, before their binding is written (`AssumePod`), so the
 * next cycle does not place onto the same room.
 */
export class SchedulerCache {
  private readonly byName = new Map<string, NodeInfo>();
  private list: NodeInfo[] = [];
  private readonly podNode = new Map<string, string>();
  private readonly assumed = new Set<string>();
  /** How many cached pods (on nodes of the ring) have each priority: preemption's cheap early exit. */
  private readonly byPriority = new Map<number, number>();
  /** Each node's index in the ring, and its numbers copied into columns after every change. */
  private readonly slot = new Map<string, number>();
  private readonly cols = new NodeColumns();

  /** Nodes in order (the filter ring). */
  get nodes(): readonly NodeInfo[] {
    return this.list;
  }

  /** The nodes' numbers, indexed like {@link nodes}. */
  get columns(): NodeColumns {
    return this.cols;
  }

  node(name: string): NodeInfo | undefined {
    return this.byName.get(name);
  }

  /** Adds or refreshes a node from its object; returns the cluster events the change amounts to. */
  upsertNode(obj: NodeObject): ClusterEventKind[] {
    const view = nodeUnschedulableTaintFree(obj);
    const existing = this.byName.get(obj.meta.name);
    if (!existing) {
      const info = createNodeInfo(obj.meta.name, obj.status.allocatable, obj.status.maxPods, obj.meta.labels, view.taints);
      info.unschedulable = view.unschedulable;
      this.byName.set(info.name, info);
      this.slot.set(info.name, this.list.length);
      this.list.push(info);
      this.cols.sync(this.list.length - 1, info);
      return ['NodeAdd'];
    }
    const events: ClusterEventKind[] = [];
    if (existing.taints.some((t) => !view.taints.some((u) => sameTaint(t, u)))) events.push('NodeTaintRemoved');
    if (existing.labels !== obj.meta.labels) events.push('NodeLabelChange');
    const a = existing.allocatable;
    const b = obj.status.allocatable;
    if (b.cpu > a.cpu || b.memory > a.memory || b.gpu > a.gpu || obj.status.maxPods > existing.maxPods) events.push('NodeAllocatableIncrease');
    if (existing.unschedulable && !view.unschedulable) events.push('NodeUncordoned');
    existing.labels = obj.meta.labels;
    existing.taints = view.taints;
    existing.unschedulable = view.unschedulable;
    existing.allocatable = obj.status.allocatable;
    existing.maxPods = obj.status.maxPods;
    this.sync(existing);
    return events;
  }

  /** Whether any cached pod has a priority below `priority` (else no pod can preempt at that priority). */
  hasPodBelow(priority: number): boolean {
    for (const [p, n] of this.byPriority) if (p < priority && n > 0) return true;
    return false;
  }

  private countPriority(priority: number, by: 1 | -1): void {
    this.byPriority.set(priority, (this.byPriority.get(priority) ?? 0) + by);
  }

  removeNode(name: string): void {
    const gone = this.byName.get(name);
    if (!this.byName.delete(name)) return;
    if (gone) for (const p of gone.pods.values()) this.countPriority(p.priority, -1);
    this.list = this.list.filter((n) => n.name !== name);
    this.slot.clear();
    for (let i = 0; i < this.list.length; i++) {
      const info = this.list[i] as NodeInfo;
      this.slot.set(info.name, i);
      this.cols.sync(i, info);
    }
  }

  /** Copies a node's changed numbers into the columns. */
  private sync(info: NodeInfo): void {
    const i = this.slot.get(info.name);
    if (i !== undefined) this.cols.sync(i, info);
  }

  /** Counts a pod on a node (bound, or assumed when `assumed`). */
  addPod(pod: PodInfo, nodeName: string, assumed = false): void {
    const current = this.podNode.get(pod.key);
    if (current !== undefined) {
      if (assumed || current === nodeName) {
        if (!assumed) this.assumed.delete(pod.key);
        const info = this.byName.get(current);
        const old = info?.pods.get(pod.key);
        if (info && old) {
          // A pod's priority never changes in practice: the count moves only when it does.
          if (old.priority !== pod.priority) {
            this.countPriority(old.priority, -1);
            this.countPriority(pod.priority, 1);
          }
          info.pods.set(pod.key, pod);
        }
        return;
      }
      this.removePod(pod.key);
    }
    const info = this.byName.get(nodeName);
    if (!info) return;
    const old = info.pods.get(pod.key);
    if (old) this.countPriority(old.priority, -1);
    this.countPriority(pod.priority, 1);
    info.pods.set(pod.key, pod);
    info.requested = addResources(info.requested, pod.requests);
    info.nonZeroCpu += podRequest(pod, 'cpu', false);
    info.nonZeroMemory += podRequest(pod, 'memory', false);
    this.podNode.set(pod.key, nodeName);
    if (assumed) this.assumed.add(pod.key);
    this.sync(info);
  }

  /** Forgets a pod (deleted, finished, or an assumed pod whose binding failed). */
  removePod(key: string): boolean {
    const nodeName = this.podNode.get(key);
    if (nodeName === undefined) return false;
    this.podNode.delete(key);
    this.assumed.delete(key);
    const info = this.byName.get(nodeName);
    const pod = info?.pods.get(key);
    if (!info || !pod) return true;
    this.countPriority(pod.priority, -1);
    info.pods.delete(key);
    info.requested = subtractResources(info.requested, pod.requests);
    info.nonZeroCpu -= podRequest(pod, 'cpu', false);
    info.nonZeroMemory -= podRequest(pod, 'memory', false);
    this.sync(info);
    return true;
  }

  /** Marks a cached pod as terminating (its graceful delete has been sent); it keeps its room until removed. */
  markTerminating(key: string): void {
    const info = this.byName.get(this.podNode.get(key) ?? '');
    const pod = info?.pods.get(key);
    if (info && pod && pod.terminating !== true) info.pods.set(key, { ...pod, terminating: true });
  }

  isAssumed(key: string): boolean {
    return this.assumed.has(key);
  }

  nodeOf(key: string): string | undefined {
    return this.podNode.get(key);
  }
}

function sameTaint(a: { key: string; effect: string; value?: string }, b: { key: string; effect: string; value?: string }): boolean {
  return a.key === b.key && a.effect === b.effect && a.value === b.value;
}

/** The cache key of a pod. */
export function podKey(pod: Pod): string {
  return keyOf(pod);
}
