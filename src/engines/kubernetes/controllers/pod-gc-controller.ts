import { type SimDuration, type SimTime } from '../../../sim/time.js';
import { type EngineContext } from '../../engine.js';
import { isTerminal, keyOf, type KObject, type Pod } from '../objects.js';
import { type ApiClient } from '../store/api-client.js';
import { type Informer } from '../store/informer.js';
import { PodGCWatch } from './pod-gc-watch.js';

/** The PodGC controller's settings (kube-controller-manager flags and `gc_controller.go` constants). */
export interface PodGCConfig {
  /** `--terminated-pod-gc-threshold`: terminated pods kept; 0 turns the terminated-pod collection off. */
  readonly terminatedPodThreshold: number;
  /** `gcCheckPeriod`: the wait between the end of one collection and the start of the next. */
  readonly gcCheckPeriod: SimDuration;
  /** `quarantineTime`: how long a node missing from the informer waits before a GET confirms it is gone. */
  readonly quarantineTime: SimDuration;
}

/** Why PodGC deleted a pod (upstream's `PodGCReason*` metric labels); each is a counter `pod-gc:<reason>`. */
type Reason = 'terminated' | 'orphaned' | 'terminating-unscheduled';

/**
 * `byEvictionAndCreationTimestamp`: pods the kubelet evicted first, then the oldest by creation,
 * names breaking ties.
 */
export function gcOrder(a: Pod, b: Pod): number {
  const ae = isEvicted(a);
  if (ae !== isEvicted(b)) return ae ? -1 : 1;
  if (a.meta.creationTimestamp !== b.meta.creationTimestamp) return a.meta.creationTimestamp - b.meta.creationTimestamp;
  return a.meta.name < b.meta.name ? -1 : a.meta.name > b.meta.name ? 1 : 0;
}

/** `eviction.PodIsEvicted`: Failed with reason Evicted. */
function isEvicted(p: Pod): boolean {
  return p.status.phase === 'Failed' && p.status.reason === 'Evicted';
}

/**
 * The PodGC controller of kube-controller-manager (`pkg/controller/podgc/gc_controller.go`). Every
 * `gcCheckPeriod` it reads the pod and node informers and
 * - if more pods are terminated (Succeeded or Failed) than `terminatedPodThreshold` (> 0), deletes
 *   the excess, evicted ones first and then the oldest by creation (`gcTerminated`);
 * - deletes pods bound to a node that is missing from the node informer for `quarantineTime` and
 *   that a GET confirms is gone, after marking them Failed (`gcOrphaned`);
 * - deletes terminating pods never bound to a node (`gcUnscheduledTerminating`).
 * A pod not yet terminal is first patched to Failed, then every pod is deleted with grace period 0
 * (`markFailedAndDeletePod`). Requests go through the controller's own client, with its QPS limit.
 * As `wait.UntilWithContext` around a `gc` that waits for its goroutines, the next collection
 * starts a period after the last answer of this one, so a slow one never overlaps the next; ticks
 * that would find nothing to do are not simulated (see `wake`).
 * Not modelled: `gcTerminating` (pods on nodes tainted `out-of-service`, a taint nothing here sets).
 */
export class PodGCController {
  /** Nodes missing from the informer, with the time they may be checked (`nodeQueue.AddAfter`). */
  private readonly quarantine = new Map<string, SimTime>();
  private readonly watch: PodGCWatch;
  /** The start of the current run of idle periods: ticks fall on `anchor + k × gcCheckPeriod`. */
  private anchor = 0;
  /** A collection is scheduled or running. */
  private busy = false;

  constructor(
    private readonly ctx: EngineContext,
    private readonly client: ApiClient,
    private readonly pods: Informer<'Pod'>,
    private readonly nodes: Informer<'Node'>,
    private readonly config: PodGCConfig,
  ) {
    this.watch = new PodGCWatch(pods, nodes, () => this.wake());
  }

  /** Starts the loop: the first collection is due at once (the informers are synced). */
  start(): void {
    this.anchor = this.ctx.now();
    this.wake();
  }

  /**
   * A tick that finds nothing to do changes nothing, so ticks are only scheduled when there may be
   * work (the loop in closed form): at the first tick of the period grid at or after now. The
   * collections run at the instants upstream's loop would run them, and an idle cluster costs no event.
   */
  private wake(): void {
    if (this.busy || !this.mayHaveWork()) return;
    this.busy = true;
    const period = this.config.gcCheckPeriod;
    const now = this.ctx.now();
    const due = this.anchor + Math.ceil((now - this.anchor) / period) * period;
    this.ctx.after((due - now) as SimDuration, () => this.gc());
  }

  private mayHaveWork(): boolean {
    const threshold = this.config.terminatedPodThreshold;
    return (threshold > 0 && this.watch.terminated > threshold) || this.watch.suspects() || this.quarantine.size > 0;
  }

  private gc(): void {
    const pods = this.pods.list();
    this.watch.checked();
    const next = (): void => {
      this.busy = false;
      this.anchor = this.ctx.now() + this.config.gcCheckPeriod;
      this.wake();
    };
    const rest = (): void => this.gcOrphanedAndUnscheduled(pods, next);
    if (this.config.terminatedPodThreshold > 0) this.gcTerminated(pods, rest);
    else rest();
  }

  /** `gcTerminated`: deletes the terminated pods above the threshold, all at once; `done` after the last answer. */
  private gcTerminated(pods: readonly Pod[], done: () => void): void {
    const terminated = pods.filter(isTerminal);
    const excess = terminated.length - this.config.terminatedPodThreshold;
    if (excess <= 0) return done();
    terminated.sort(gcOrder);
    this.count('terminated', excess);
    let waiting = excess;
    const answered = (): void => {
      if (--waiting === 0) done();
    };
    for (let i = 0; i < excess; i++) this.markFailedAndDelete(terminated[i] as Pod, undefined, answered);
  }

  /** `gcOrphaned` then `gcUnscheduledTerminating`, one request after the other as upstream's loops. */
  private gcOrphanedAndUnscheduled(pods: readonly Pod[], done: () => void): void {
    const now = this.ctx.now();
    const existing = new Set<string>();
    for (const n of this.nodes.values()) existing.add(n.meta.name);
    for (const p of pods) {
      const node = p.spec.nodeName;
      if (node !== undefined && !existing.has(node) && !this.quarantine.has(node)) this.quarantine.set(node, (now + this.config.quarantineTime) as SimTime);
    }
    const due = [...this.quarantine].filter(([, at]) => at <= now).map(([node]) => node);
    for (const node of due) this.quarantine.delete(node);
    const toCheck = due.filter((node) => !existing.has(node));
    const gone = new Set<string>();
    const steps: ((next: () => void) => void)[] = toCheck.map(
      (node) => (next) =>
        this.client.get('Node', node, (obj) => {
          if (obj === undefined) gone.add(node);
          next();
        }),
    );
    steps.push((next) => {
      const orphans = pods.filter((p) => p.spec.nodeName !== undefined && gone.has(p.spec.nodeName));
      const unscheduled = pods.filter((p) => p.meta.deletionTimestamp !== undefined && p.spec.nodeName === undefined);
      this.count('orphaned', orphans.length);
      this.count('terminating-unscheduled', unscheduled.length);
      const deletes = [
        ...orphans.map((p) => (n: () => void) => this.markFailedAndDelete(p, 'DeletionByPodGC', n)),
        ...unscheduled.map((p) => (n: () => void) => this.markFailedAndDelete(p, undefined, n)),
      ];
      sequence(deletes, next);
    });
    sequence(steps, done);
  }

  /**
   * `markFailedAndDeletePodWithCondition`: a pod not yet terminal is patched to Failed (with its
   * uid as precondition); then it is deleted with grace period 0. `done` runs after the last answer.
   */
  private markFailedAndDelete(pod: Pod, reason: string | undefined, done: () => void): void {
    const key = keyOf(pod);
    const remove = (): void => this.client.request('pod-gc-delete', { verb: 'delete', kind: 'Pod', key, force: true }, () => done());
    if (isTerminal(pod)) return remove();
    const uid = pod.meta.uid;
    const mutate = (cur: KObject): KObject | { readonly reject: string } => {
      if (cur.kind !== 'Pod' || cur.meta.uid !== uid) return { reject: 'uid precondition failed' };
      if (isTerminal(cur)) return cur;
      return { ...cur, status: { ...cur.status, phase: 'Failed', ready: false, ...(reason !== undefined ? { reason } : {}) } };
    };
    this.client.request('pod-gc-mark-failed', { verb: 'patch', kind: 'Pod', key, mutate }, (r) => (r.kind === 'ok' ? remove() : done()));
  }

  private count(reason: Reason, by: number): void {
    if (by > 0) this.ctx.emit({ kind: 'counter', time: this.ctx.now(), name: `pod-gc:${reason}`, by });
  }
}

/** Runs the steps one after the other (each calls its `next` when answered), then `done`. */
function sequence(steps: readonly ((next: () => void) => void)[], done: () => void): void {
  let i = 0;
  const next = (): void => {
    const step = steps[i++];
    if (step === undefined) done();
    else step(next);
  };
  next();
}
