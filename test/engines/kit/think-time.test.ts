import { describe, expect, it } from 'vitest';
import { decide, decisionTime } from '../../../src/engines/kit/think-time.js';
import { type SimDuration } from '../../../src/sim/time.js';
import { kitClock } from './kit-clock.js';

const us = (n: number): SimDuration => n as SimDuration;

describe('think time', () => {
  it('costs a fixed part per decision and a part per item examined', () => {
    expect(decisionTime(us(100_000), us(5_000), 0)).toBe(100_000);
    expect(decisionTime(us(200), us(4), 50)).toBe(400);
  });

  it('reports the scheduler busy for the decision, then runs what follows it', () => {
    const { ctx, events, runTo } = kitClock();
    let doneAt = -1;
    ctx.after(us(10), () => decide(ctx, 'kube-scheduler', us(400), () => (doneAt = ctx.now())));
    runTo(1_000);
    expect(events).toEqual([{ kind: 'decision', time: 10, scheduler: 'kube-scheduler', duration: 400 }]);
    expect(doneAt).toBe(410);
  });

  it('leaves no trace of a decision that costs no time, and still runs what follows', () => {
    const { ctx, events, runTo } = kitClock();
    let done = false;
    decide(ctx, 'marathon-web', us(0), () => (done = true));
    runTo(1);
    expect(events).toEqual([]);
    expect(done).toBe(true);
  });
});
