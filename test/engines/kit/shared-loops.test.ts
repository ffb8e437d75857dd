import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { repeatEvery, SharedLoops } from '../../../src/engines/kit/index.js';
import { PRIORITY, Simulator } from '../../../src/sim/simulator.js';
import { type SimDuration, type SimTime } from '../../../src/sim/time.js';

/** A loop's life: it starts at `start` (µs) from an event of priority `priority`, and stops at `stop` if given. */
interface Life {
  readonly start: number;
  readonly priority: number;
  readonly stop?: number;
}

/** Runs every loop on its own timer (the reference: kit repeatEvery) or on one SharedLoops; returns the ticks as "time:loop", in order. */
function ticks(lives: readonly Life[], period: number, horizon: number, shared: boolean): string[] {
  const sim = new Simulator();
  const ctx = { now: () => sim.now(), after: (d: SimDuration, fn: () => void) => sim.after(d, fn, PRIORITY.engine) };
  const loops = new SharedLoops(ctx, period as SimDuration);
  const out: string[] = [];
  lives.forEach((life, i) => {
    let stopped = false;
    let handle: { leave(): void } | undefined;
    const tick = (): void => void out.push(`${sim.now()}:${i}`);
    sim.at(
      life.start as SimTime,
      () => {
        // A loop stopped before it started never ticks (the reference's first tick finds it stopped).
        if (shared) handle = stopped ? undefined : loops.join(tick);
        else repeatEvery(ctx, period as SimDuration, tick, () => !stopped);
      },
      undefined,
      life.priority,
    );
    if (life.stop !== undefined)
      sim.at(
        life.stop as SimTime,
        () => {
          stopped = true;
          handle?.leave();
        },
        undefined,
        PRIORITY.fault,
      );
  });
  sim.run(horizon as SimTime);
  return out;
}

describe('SharedLoops', () => {
  it('ticks every loop at the times and in the order of one timer per loop (repeatEvery), whatever the starts and stops', () => {
    const period = 10;
    const life = fc
      .tuple(fc.integer({ min: 0, max: 60 }), fc.constantFrom(PRIORITY.fault, PRIORITY.engine), fc.option(fc.integer({ min: 0, max: 80 }), { nil: undefined }))
      .map(([start, priority, stop]): Life => ({ start, priority, ...(stop !== undefined ? { stop: start + stop } : {}) }));
    fc.assert(
      fc.property(fc.array(life, { minLength: 1, maxLength: 12 }), (lives) => {
        expect(ticks(lives, period, 150, true)).toEqual(ticks(lives, period, 150, false));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps one timer per phase: a thousand loops started together are one event per period', () => {
    const sim = new Simulator();
    const loops = new SharedLoops({ now: () => sim.now(), after: (d, fn) => sim.after(d, fn) }, 10 as SimDuration);
    let n = 0;
    for (let i = 0; i < 1000; i++) loops.join(() => void n++);
    const outcome = sim.run(100 as SimTime);
    expect(n).toBe(10_000);
    expect(outcome.events).toBe(10);
  });
});
