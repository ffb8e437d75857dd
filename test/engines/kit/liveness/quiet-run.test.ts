import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QuietRun } from '../../../../src/engines/kit/index.js';
import { type SimDuration, type SimTime } from '../../../../src/sim/time.js';

describe('QuietRun', () => {
  it('counts the hops at or before a time (or strictly before) as listing the beats one by one does', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 19 }),
        fc.integer({ min: 0, max: 300 }),
        (first, period, offset, time) => {
          const run = new QuietRun(first as SimTime, period as SimDuration);
          const hops: number[] = [];
          for (let b = first; b + offset <= time; b += period) hops.push(b + offset);
          expect(run.hopsBy(offset, time as SimTime, true)).toBe(hops.length);
          expect(run.hopsBy(offset, time as SimTime, false)).toBe(hops.filter((h) => h < time).length);
          const beatsBefore: number[] = [];
          for (let b = first; b < time; b += period) beatsBefore.push(b);
          expect(run.lastBeatBefore(time as SimTime)).toBe(beatsBefore.at(-1));
          const next = run.nextBeatFrom(time as SimTime);
          expect(next).toBeGreaterThanOrEqual(Math.max(time, first));
          expect(next - period < Math.max(time, first)).toBe(true);
          expect((next - first) % period).toBe(0);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('rejects a period that is not positive', () => {
    expect(() => new QuietRun(0 as SimTime, 0 as SimDuration)).toThrow(/period/);
  });
});
