import { type LatencySampler } from '../../cluster/latency.js';
import { type MessageClass } from '../../cluster/events.js';
import { type SimDuration } from '../../sim/time.js';
import { type EngineBounds } from '../engine.js';

/**
 * An engine's promises (`Engine.bounds()`) from two sums of microseconds: each is rounded to a whole
 * microsecond, so an engine can write its bound as the arithmetic of its own timeouts and periods.
 */
export function engineBounds(placementWithin: number, recoveryWithin: number): EngineBounds {
  return { placementWithin: Math.round(placementWithin) as SimDuration, recoveryWithin: Math.round(recoveryWithin) as SimDuration };
}

/** The worst case of `count` messages of one class in a row, from the scenario's latency model. */
export function worstHops(latency: Pick<LatencySampler, 'upper'>, kind: MessageClass | 'taskStart', count: number): number {
  return count * latency.upper(kind);
}
