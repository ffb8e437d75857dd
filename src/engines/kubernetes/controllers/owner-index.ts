import { isActive, type Pod } from '../objects.js';
import { type Informer } from '../store/informer.js';

interface Owned {
  readonly pods: Map<string, Pod>;
  active: number;
  ready: number;
}

/**
 * An index of pods by owner uid over the pod informer (the informer's `controller-uid` indexer),
 * with running counts of active and ready-active pods, so a steady-state sync costs O(1) and only
 * a sync that must act lists its pods.
 */
export class OwnerIndex {
  private readonly byOwner = new Map<string, Owned>();

  constructor(pods: Informer<'Pod'>) {
    pods.addHandlers({
      onAdd: (p, key) => this.put(p, key),
      onUpdate: (_o, p, key) => this.put(p, key),
      onDelete: (p, key) => this.remove(p, key),
    });
  }

  /** The cached pods owned by `uid`, in the order they appeared. */
  podsOf(uid: string): Pod[] {
    return [...(this.byOwner.get(uid)?.pods.values() ?? [])];
  }

  /** Active (neither terminal nor terminating) pods owned by `uid`, and how many of them are ready. */
  counts(uid: string): { readonly active: number; readonly ready: number } {
    const o = this.byOwner.get(uid);
    return o ? { active: o.active, ready: o.ready } : { active: 0, ready: 0 };
  }

  private owned(uid: string): Owned {
    let o = this.byOwner.get(uid);
    if (!o) {
      o = { pods: new Map(), active: 0, ready: 0 };
      this.byOwner.set(uid, o);
    }
    return o;
  }

  private put(p: Pod, key: string): void {
    const uid = p.meta.owner?.uid;
    if (uid === undefined) return;
    const o = this.owned(uid);
    // Only the indexed version counts back (the update's old version is the indexed one, if any).
    const prev = o.pods.get(key);
    if (prev !== undefined) this.count(o, prev, -1);
    o.pods.set(key, p);
    this.count(o, p, 1);
  }

  private remove(p: Pod, key: string): void {
    const uid = p.meta.owner?.uid;
    if (uid === undefined) return;
    const o = this.byOwner.get(uid);
    const prev = o?.pods.get(key);
    if (!o || !prev) return;
    this.count(o, prev, -1);
    o.pods.delete(key);
    // An owner whose pods were all deleted (PodGC) keeps no entry: the index stays as small as the store.
    if (o.pods.size === 0) this.byOwner.delete(uid);
  }

  private count(o: Owned, p: Pod, sign: 1 | -1): void {
    if (!isActive(p)) return;
    o.active += sign;
    if (p.status.ready) o.ready += sign;
  }
}
