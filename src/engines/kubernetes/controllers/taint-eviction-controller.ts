import { tolerates } from '../../../cluster/constraints.js';
import { type EngineContext } from '../../engine.js';
import { type TimerHandle } from '../../../sim/event-queue.js';
import { type SimDuration, type SimTime } from '../../../sim/time.js';
import { isTerminal, keyOf, type NodeObject, type Pod } from '../objects.js';
import { type ApiClient } from '../store/api-client.js';
import { type Informer } from '../store/informer.js';

/**
 * How long a pod may stay on a node with these NoExecute taints (`processPodOnNode`): 0 if some
 * taint is not tolerated; otherwise the minimum `tolerationSeconds` over the tolerations used
 * (`getMinTolerationTime`, ≤ 0 meaning at once); undefined = forever (none of them has seconds).
 */
export function tolerationDelay(pod: Pod, node: NodeObject): SimDuration | undefined {
  if (!hasNoExecute(node.spec.taints)) return undefined;
  const taints = node.spec.taints.filter((t) => t.effect === 'NoExecute');
  if (taints.length === 0) return undefined;
  const used = [];
  for (const taint of taints) {
    const matching = pod.spec.tolerations.filter((t) => tolerates(t, taint));
    if (matching.length === 0) return 0 as SimDuration;
    used.push(...matching);
  }
  let min = Number.POSITIVE_INFINITY;
  for (const t of used) {
    if (t.tolerationSeconds === undefined) continue;
    if (t.tolerationSeconds <= 0) return 0 as SimDuration;
    min = Math.min(min, t.tolerationSeconds);
  }
  return min === Number.POSITIVE_INFINITY ? undefined : ((min * 1_000_000) as SimDuration);
}

function hasNoExecute(taints: readonly { readonly effect: string }[]): boolean {
  for (let i = 0; i < taints.length; i++) if ((taints[i] as { effect: string }).effect === 'NoExecute') return true;
  return false;
}

/**
 * The taint eviction controller (`tainteviction`, formerly NoExecuteTaintManager): for each pod on a
 * node with NoExecute taints it arms a timer when it first sees them, for the pod's toleration time, and deletes the pod then
 * (a graceful delete: the pod turns Terminating, its controller replaces it). Removing the taint
 * cancels the timer.
 */
export class TaintEvictionController {
  private readonly timers = new Map<string, { created: SimTime; at: SimTime; handle: TimerHandle }>();
  private readonly byNode = new Map<string, Set<string>>();

  constructor(
    private readonly ctx: EngineContext,
    private readonly client: ApiClient,
    private readonly nodes: Informer<'Node'>,
    private readonly pods: Informer<'Pod'>,
  ) {
    nodes.addHandlers({ onAdd: (n) => this.nodeChanged(n), onUpdate: (_o, n) => this.nodeChanged(n) });
    pods.addHandlers({
      onAdd: (p, key) => this.podChanged(p, key),
      onUpdate: (_o, p, key) => this.podChanged(p, key),
      onDelete: (p, key) => {
        this.byNode.get(p.spec.nodeName ?? '')?.delete(key);
        this.cancel(key);
      },
    });
  }

  private nodeChanged(n: NodeObject): void {
    for (const key of this.byNode.get(n.meta.name) ?? []) {
      const p = this.pods.get(key);
      if (p) this.evaluate(p, n);
    }
  }

  private podChanged(p: Pod, key: string): void {
    if (p.spec.nodeName === undefined) return;
    let set = this.byNode.get(p.spec.nodeName);
    if (!set) {
      set = new Set();
      this.byNode.set(p.spec.nodeName, set);
    }
    if (isTerminal(p) || p.meta.deletionTimestamp !== undefined) {
      set.delete(key);
      this.cancel(key);
      return;
    }
    set.add(key);
    const n = this.nodes.get(p.spec.nodeName);
    if (n) this.evaluate(p, n, key);
  }

  private evaluate(p: Pod, n: NodeObject, key = keyOf(p)): void {
    const delay = tolerationDelay(p, n);
    if (delay === undefined) return this.cancel(key);
    const now = this.ctx.now();
    const existing = this.timers.get(key);
    // Upstream keeps work queued earlier (its start + the toleration is always before now + it).
    if (existing && existing.created < now) return;
    this.cancel(key);
    const created = now;
    const at = (created + delay) as SimTime;
    const handle = this.ctx.after(Math.max(0, at - now) as SimDuration, () => {
      this.timers.delete(key);
      this.ctx.emit({ kind: 'counter', time: this.ctx.now(), name: 'taint-eviction', by: 1 });
      this.client.request('pod-evict', { verb: 'delete', kind: 'Pod', key, uid: p.meta.uid });
    });
    this.timers.set(key, { created, at, handle });
  }

  private cancel(key: string): void {
    const t = this.timers.get(key);
    if (!t) return;
    this.ctx.cancel(t.handle);
    this.timers.delete(key);
  }
}
