import { type RunOncePerNode, type ServiceRestart } from '../../intents/index.js';
import { type SimTime } from '../../sim/time.js';
import { type EngineEvent } from '../events.js';
import { type LatencySamples } from '../latency-samples.js';
import { type NamedCounters } from '../named-counters.js';
import { type ReplicaBook } from './replica-book.js';

type OperationEvent = Extract<EngineEvent, { kind: 'operation' }>;

/** An operation whose completion the truth has not shown yet. */
type OpenOperation =
  | { readonly kind: 'restart'; readonly operation: string; readonly time: SimTime; readonly service: string; readonly old: Set<string> }
  | { readonly kind: 'run-once'; readonly operation: string; readonly time: SimTime; readonly remaining: Map<string, string> };

/**
 * Lifecycle operations (config changes, restarts, run-once-per-node) measured twice: when the truth
 * shows them done (`operation-done`, group = operation id, from the intent's time) and when the
 * control plane says it finished (`operation-observed`, from its `operation` event with phase
 * `finished`); each censored at the end when it never happened. How the engine learns of completion is
 * counted as `operation-observed-via:<via>`, a claimed finish before the truth's as
 * `operation-observed-early`, and `unsupported` events as `unsupported:<feature>`.
 *
 * Truth: a restart is done when no replica that existed at its time still runs the container it had
 * then (each was restarted in place or replaced) and the service has its desired replicas ready. A
 * run-once-per-node is done when the task of every node that was up at its time has finished, a node
 * that crashes first being excused (`run-once-excused`). A config change is done by {@link ConfigBook}.
 */
export class OperationBook {
  private readonly open: OpenOperation[] = [];
  /** Every operation's time, and when the truth showed it done. */
  private readonly operations = new Map<string, { time: SimTime; doneAt: number; observedAt: number }>();

  constructor(
    private readonly book: ReplicaBook,
    private readonly latency: LatencySamples,
    private readonly counters: NamedCounters,
  ) {}

  /** An operation was asked for at `time` (every kind, config changes included). */
  asked(operation: string, time: SimTime): void {
    this.operations.set(operation, { time, doneAt: -1, observedAt: -1 });
  }

  /** A restart was asked for: the replicas of the service now are the ones to restart. */
  restart(intent: ServiceRestart): void {
    this.asked(intent.operation, intent.time);
    const old = new Set([...this.book.service(intent.service).replicas.keys()]);
    this.open.push({ kind: 'restart', operation: intent.operation, time: intent.time, service: intent.service, old });
  }

  /** A run-once-per-node was asked for: the tasks of the nodes up now are the ones to run. */
  runOnce(intent: RunOncePerNode, isUp: (node: string) => boolean): void {
    this.asked(intent.operation, intent.time);
    const remaining = new Map(intent.tasks.filter((t) => isUp(t.node)).map((t) => [t.key, t.node]));
    this.open.push({ kind: 'run-once', operation: intent.operation, time: intent.time, remaining });
  }

  /** A task with a key finished (a run-once-per-node task, maybe). */
  taskFinished(key: string): void {
    for (const op of this.open) if (op.kind === 'run-once') op.remaining.delete(key);
  }

  /** A node crashed: its run-once tasks are excused. */
  nodeCrashed(node: string): void {
    for (const op of this.open) {
      if (op.kind !== 'run-once') continue;
      for (const [key, n] of op.remaining) {
        if (n !== node) continue;
        op.remaining.delete(key);
        this.counters.bump('run-once-excused', 1);
      }
    }
  }

  /** Records the operations the truth shows done now. */
  check(now: SimTime): void {
    for (let i = 0; i < this.open.length;) {
      const op = this.open[i] as OpenOperation;
      if (this.isDone(op)) {
        this.open.splice(i, 1);
        this.done(op.operation, now);
      } else i++;
    }
  }

  /** The truth shows `operation` done now (a config change's, from ConfigBook). */
  done(operation: string, now: SimTime): void {
    const op = this.operations.get(operation);
    if (!op || op.doneAt >= 0) return;
    op.doneAt = now;
    this.latency.record('operation-done', operation, now - op.time);
  }

  /** The engine's report on an operation. */
  reported(e: OperationEvent): void {
    const op = this.operations.get(e.operation);
    this.counters.bump(`operation-${e.phase}-via:${e.via}`, 1);
    if (!op || e.phase !== 'finished' || op.observedAt >= 0) return;
    op.observedAt = e.time;
    if (op.doneAt < 0) this.counters.bump('operation-observed-early', 1);
    this.latency.record('operation-observed', e.operation, e.time - op.time);
  }

  /** Censors at `end` what was never done or never observed. */
  finish(end: SimTime): void {
    for (const [name, op] of this.operations) {
      if (op.doneAt < 0) this.latency.recordCensored('operation-done', name, end - op.time, 1);
      if (op.observedAt < 0) this.latency.recordCensored('operation-observed', name, end - op.time, 1);
    }
  }

  private isDone(op: OpenOperation): boolean {
    if (op.kind === 'run-once') return op.remaining.size === 0;
    const s = this.book.service(op.service);
    for (const id of op.old) {
      const r = s.replicas.get(id);
      if (r && r.containerSince < op.time) return false;
    }
    return s.ready >= s.desired;
  }
}
