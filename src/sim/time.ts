/**
 * Virtual time. Every instant and every duration in the simulation is an integer count of
 * microseconds, branded so that a plain number cannot be passed where a time is meant without
 * an explicit conversion. Integers keep arithmetic exact and CSV output byte-identical.
 */
export type SimTime = number & { readonly __unit: 'microseconds' };

/** A duration is measured in the same unit as an instant. */
export type SimDuration = SimTime;

export const ZERO: SimTime = 0 as SimTime;

/** Wraps an integer count of microseconds; throws on a fraction, NaN or infinity (a broken invariant). */
export function micros(value: number): SimTime {
  if (!Number.isSafeInteger(value)) throw new RangeError(`virtual time must be an integer count of microseconds, got ${value}`);
  return value as SimTime;
}

/** Converts milliseconds to virtual time, rounding to the nearest microsecond. */
export function millis(value: number): SimTime {
  return Math.round(value * 1_000) as SimTime;
}

/** Converts seconds to virtual time, rounding to the nearest microsecond. */
export function seconds(value: number): SimTime {
  return Math.round(value * 1_000_000) as SimTime;
}

/** Virtual time as (fractional) seconds, for reports. */
export function toSeconds(t: SimTime): number {
  return t / 1_000_000;
}

/** Sum of an instant and a duration. */
export function addTime(a: SimTime, d: SimDuration): SimTime {
  return (a + d) as SimTime;
}

/** Non-negative difference `later − earlier`. */
export function elapsed(earlier: SimTime, later: SimTime): SimDuration {
  return (later - earlier) as SimDuration;
}

/** Multiplies a duration by a factor, rounding to a whole microsecond. */
export function scaleDuration(d: SimDuration, factor: number): SimDuration {
  return Math.round(d * factor) as SimDuration;
}

/** The smaller / larger of two times. */
export function minTime(a: SimTime, b: SimTime): SimTime {
  return a < b ? a : b;
}
export function maxTime(a: SimTime, b: SimTime): SimTime {
  return a > b ? a : b;
}
