import fc from 'fast-check';

/*
 * Quantities and durations as a scenario author writes them. Every value here is valid by
 * construction; raw-inputs.ts derives the invalid ones.
 */

/** A duration string of whole seconds in [min, max], written the ways authors write them (`90s`, `1m30s`, `90000ms`). */
export function durationText(minSeconds: number, maxSeconds: number): fc.Arbitrary<string> {
  return fc.tuple(fc.integer({ min: minSeconds, max: maxSeconds }), fc.constantFrom('s', 'ms', 'ms-split')).map(([s, style]) => writeSeconds(s, style));
}

/** Seconds written as `Ns`, `N000ms` or `XmYs`. `0` stays `0s` (the literal 0 is also allowed but rarely written). */
export function writeSeconds(seconds: number, style: 's' | 'ms' | 'ms-split' = 's'): string {
  if (style === 'ms') return `${seconds * 1000}ms`;
  if (style === 'ms-split' && seconds >= 60) return `${Math.floor(seconds / 60)}m${seconds % 60 > 0 ? `${seconds % 60}s` : ''}`;
  return `${seconds}s`;
}

/** cpu of a node: whole cores (a number or a string) or millicores. */
export const nodeCpu: fc.Arbitrary<string | number> = fc.oneof(fc.constantFrom(2, 4, 8, 16), fc.constantFrom('4', '8', '3500m', '6000m'));

/** Memory of a node. */
export const nodeMemory: fc.Arbitrary<string> = fc.constantFrom('4Gi', '8Gi', '16Gi', '32Gi', '16000Mi');

/** cpu of a task: 100 m to 2 cores. */
export const taskCpu: fc.Arbitrary<string | number> = fc.oneof(fc.constantFrom('100m', '250m', '500m', '750m', '1500m'), fc.constantFrom(1, 2));

/** Memory of a task: 64 Mi to 4 Gi. */
export const taskMemory: fc.Arbitrary<string> = fc.constantFrom('64Mi', '128Mi', '512Mi', '1Gi', '2Gi', '4Gi', '500M');
