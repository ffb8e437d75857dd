import { type TimerHandle } from '../../sim/event-queue.js';
import { type SimDuration } from '../../sim/time.js';
import { type EngineContext } from '../engine.js';

/**
 * Decision cost in virtual time (DESIGN.md §5 rule 3; Omega paper §4: t_decision = t_job + t_task ×
 * tasks): a fixed part per decision and a part per item examined (a task, a node).
 */
export function decisionTime(perDecision: SimDuration, perItem: SimDuration, items: number): SimDuration {
  return (perDecision + perItem * items) as SimDuration;
}

/**
 * A scheduler starts deciding now and is done after `duration`: the `decision` event tells the observer
 * that `scheduler` is busy for that long (its busyness and `decisions` count), then `done` runs. A
 * decision that costs no time leaves no trace in the metrics. Returns the timer of `done`.
 */
export function decide(ctx: Pick<EngineContext, 'now' | 'emit' | 'after'>, scheduler: string, duration: SimDuration, done: () => void): TimerHandle {
  if (duration > 0) ctx.emit({ kind: 'decision', time: ctx.now(), scheduler, duration });
  return ctx.after(duration, done);
}
