import { type EngineContext } from '../../engine.js';
import { type SimDuration, type SimTime } from '../../../sim/time.js';
import { KeyedHeap } from './pod-heap.js';
import { type PodInfo } from './types.js';

/** Queue timings (`pkg/scheduler/apis/config/v1/defaults.go`, `scheduling_queue.go`). */
export interface QueueConfig {
  readonly podInitialBackoff: SimDuration;
  readonly podMaxBackoff: SimDuration;
  readonly podMaxInUnschedulablePodsDuration: SimDuration;
  readonly unschedulableFlushInterval: SimDuration;
  readonly backoffFlushInterval: SimDuration;
  readonly popFromBackoffQ: boolean;
}

/**
 * Cluster events that can make an unschedulable pod schedulable (the QueueingHint inputs), split
 * the way the in-tree hints tell them apart: a node update matters to TaintToleration only when a
 * taint went away, to NodeAffinity when labels changed, to NodeResourcesFit when allocatable grew,
 * to NodeUnschedulable when the node was uncordoned.
 */
export type ClusterEventKind = 'NodeAdd' | 'NodeTaintRemoved' | 'NodeLabelChange' | 'NodeAllocatableIncrease' | 'NodeUncordoned' | 'AssignedPodDelete';

/** Which rejecting plugins' QueueingHints answer Queue to an event. */
const HELPS: Readonly<Record<ClusterEventKind, ReadonlySet<string>>> = {
  NodeAdd: new Set(['NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity', 'NodeResourcesFit']),
  NodeTaintRemoved: new Set(['TaintToleration']),
  NodeLabelChange: new Set(['NodeAffinity']),
  NodeAllocatableIncrease: new Set(['NodeResourcesFit']),
  NodeUncordoned: new Set(['NodeUnschedulable']),
  AssignedPodDelete: new Set(['NodeResourcesFit']),
};

/** A pod in the queue with its bookkeeping (`QueuedPodInfo`). */
export interface QueuedPod {
  readonly key: string;
  pod: PodInfo;
  /** Last time it was added or moved (activeQ order, backoff and pool ages count from it). */
  timestamp: SimTime;
  readonly seq: number;
  /** Failed attempts (`UnschedulableCount`); drives the back-off. */
  attempts: number;
  rejectors: ReadonlySet<string>;
  /** The scheduling cycle in which it was popped. */
  cycle: number;
}

/**
 * kube-scheduler's PriorityQueue: activeQ ordered by priority then enqueue time (PrioritySort);
 * backoffQ ordered by back-off expiry, `min(initial × 2^(n−1), max)`, flushed every second; and the
 * unschedulable pool, which cluster events empty selectively (by the rejecting plugins) and a 30 s
 * sweep empties of pods older than 5 min. A pod rejected while a relevant event arrived during its
 * cycle goes straight to backoffQ.
 */
export class SchedulingQueue {
  private readonly active = new KeyedHeap<QueuedPod>(
    (a, b) =>
      a.pod.priority > b.pod.priority || (a.pod.priority === b.pod.priority && (a.timestamp < b.timestamp || (a.timestamp === b.timestamp && a.seq < b.seq))),
  );
  private readonly backoff = new KeyedHeap<QueuedPod>((a, b) => this.expiry(a) < this.expiry(b) || (this.expiry(a) === this.expiry(b) && a.seq < b.seq));
  private readonly unschedulable = new Map<string, QueuedPod>();
  private readonly inFlight = new Map<string, QueuedPod>();
  private seq = 0;
  private schedulingCycle = 0;
  private moveRequestCycle = -1;
  private backoffTimer = false;
  private poolTimer = false;

  constructor(
    private readonly ctx: EngineContext,
    private readonly config: QueueConfig,
    /** Called when activeQ gets a pod (the scheduling loop wakes up). */
    private readonly onActive: () => void,
  ) {}

  /** A new pending pod (or one that must be retried at once): into activeQ. */
  add(pod: PodInfo): void {
    if (this.inFlight.has(pod.key)) return;
    const existing = this.take(pod.key);
    const q: QueuedPod = existing ?? { key: pod.key, pod, timestamp: this.ctx.now(), seq: this.seq++, attempts: 0, rejectors: new Set(), cycle: 0 };
    q.pod = pod;
    this.toActive(q);
  }

  /** The pod object changed; keep the newest view wherever it waits. */
  update(pod: PodInfo): void {
    const q = this.active.get(pod.key) ?? this.backoff.get(pod.key) ?? this.unschedulable.get(pod.key) ?? this.inFlight.get(pod.key);
    if (q) q.pod = pod;
    else this.add(pod);
  }

  /** The pod was deleted or bound by someone else. */
  delete(key: string): void {
    this.take(key);
    this.inFlight.delete(key);
  }

  /** Pops the next pod to schedule, or undefined. */
  pop(): QueuedPod | undefined {
    let q = this.active.pop();
    if (!q && this.config.popFromBackoffQ) q = this.backoff.pop();
    if (!q) return undefined;
    q.cycle = ++this.schedulingCycle;
    this.inFlight.set(q.key, q);
    return q;
  }

  /** The popped pod was bound (or the attempt is over for good). */
  done(key: string): void {
    this.inFlight.delete(key);
  }

  /** The popped pod did not fit: into backoffQ if an event came during its cycle, else the pool. */
  unschedulableAttempt(key: string, rejectors: ReadonlySet<string>): void {
    const q = this.inFlight.get(key);
    if (!q) return;
    this.inFlight.delete(key);
    q.attempts++;
    q.rejectors = rejectors;
    q.timestamp = this.ctx.now();
    if (this.moveRequestCycle >= q.cycle) this.toBackoff(q);
    else {
      this.unschedulable.set(key, q);
      this.armPoolFlush();
    }
  }

  /** The popped pod hit an error (e.g. bind failed): back-off, then retry. */
  errorAttempt(key: string): void {
    const q = this.inFlight.get(key);
    if (!q) return;
    this.inFlight.delete(key);
    q.attempts++;
    q.timestamp = this.ctx.now();
    this.toBackoff(q);
  }

  /** A cluster event: pods whose rejecting plugins it may help leave the pool (`MoveAllToActiveOrBackoffQueue`). */
  onClusterEvent(event: ClusterEventKind): void {
    this.moveRequestCycle = this.schedulingCycle;
    const helps = HELPS[event];
    for (const [key, q] of [...this.unschedulable]) {
      if (![...q.rejectors].some((p) => helps.has(p))) continue;
      this.unschedulable.delete(key);
      this.requeue(q);
    }
  }

  /** Counts for tests and explanations. */
  sizes(): { active: number; backoff: number; unschedulable: number; inFlight: number } {
    return { active: this.active.size, backoff: this.backoff.size, unschedulable: this.unschedulable.size, inFlight: this.inFlight.size };
  }

  /** Whether a pod is waiting in the pool. */
  isUnschedulable(key: string): boolean {
    return this.unschedulable.has(key);
  }

  /** The back-off of a pod after `attempts` failures: `min(initial << (n−1), max)`, 0 for none. */
  backoffDuration(attempts: number): SimDuration {
    if (attempts <= 0) return 0 as SimDuration;
    const d = this.config.podInitialBackoff * 2 ** Math.min(attempts - 1, 40);
    return Math.min(d, this.config.podMaxBackoff) as SimDuration;
  }

  private expiry(q: QueuedPod): number {
    return q.timestamp + this.backoffDuration(q.attempts);
  }

  private requeue(q: QueuedPod): void {
    if (this.expiry(q) > this.ctx.now()) this.toBackoff(q);
    else this.toActive(q);
  }

  private toActive(q: QueuedPod): void {
    this.active.push(q);
    this.onActive();
  }

  private toBackoff(q: QueuedPod): void {
    this.backoff.push(q);
    if (this.config.popFromBackoffQ) this.onActive();
    this.armBackoffFlush();
  }

  private take(key: string): QueuedPod | undefined {
    const q = this.active.remove(key) ?? this.backoff.remove(key);
    if (q) return q;
    const u = this.unschedulable.get(key);
    if (u) this.unschedulable.delete(key);
    return u;
  }

  /** `flushBackoffQCompleted` every second while backoffQ holds pods. */
  private armBackoffFlush(): void {
    if (this.backoffTimer) return;
    this.backoffTimer = true;
    this.ctx.after(this.config.backoffFlushInterval, () => {
      this.backoffTimer = false;
      const now = this.ctx.now();
      let moved = false;
      for (;;) {
        const top = this.backoff.peek();
        if (!top || this.expiry(top) > now) break;
        this.backoff.pop();
        this.active.push(top);
        moved = true;
      }
      if (moved) this.onActive();
      if (this.backoff.size > 0) this.armBackoffFlush();
    });
  }

  /** `flushUnschedulablePodsLeftover` every 30 s while the pool holds pods. */
  private armPoolFlush(): void {
    if (this.poolTimer) return;
    this.poolTimer = true;
    this.ctx.after(this.config.unschedulableFlushInterval, () => {
      this.poolTimer = false;
      const now = this.ctx.now();
      for (const [key, q] of [...this.unschedulable]) {
        if (now - q.timestamp <= this.config.podMaxInUnschedulablePodsDuration) continue;
        this.unschedulable.delete(key);
        this.requeue(q);
      }
      if (this.unschedulable.size > 0) this.armPoolFlush();
    });
  }
}
