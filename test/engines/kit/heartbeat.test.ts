import { describe, expect, it } from 'vitest';
import { repeatEvery, SilenceWatchdog } from '../../../src/engines/kit/heartbeat.js';
import { type SimDuration } from '../../../src/sim/time.js';
import { kitClock } from './kit-clock.js';

const us = (n: number): SimDuration => n as SimDuration;

describe('repeatEvery', () => {
  it('beats every period, the first one period from now', () => {
    const { ctx, runTo } = kitClock();
    const beats: number[] = [];
    repeatEvery(ctx, us(10), () => beats.push(ctx.now()));
    runTo(35);
    expect(beats).toEqual([10, 20, 30]);
  });

  it('stops for good once its incarnation is over', () => {
    const { ctx, runTo } = kitClock();
    let generation = 0;
    const beats: number[] = [];
    const gen = generation;
    repeatEvery(
      ctx,
      us(10),
      () => beats.push(ctx.now()),
      () => gen === generation,
    );
    ctx.after(us(25), () => generation++);
    runTo(100);
    expect(beats).toEqual([10, 20]);
  });
});

describe('SilenceWatchdog', () => {
  it('fires once nothing was heard for the limit', () => {
    const { ctx, runTo } = kitClock();
    const fired: number[] = [];
    const w = new SilenceWatchdog(ctx, us(100), () => fired.push(ctx.now()));
    w.arm();
    runTo(1_000);
    expect(fired).toEqual([100]);
  });

  it('re-arms from the last sign of life when it wakes early', () => {
    const { ctx, runTo } = kitClock();
    const fired: number[] = [];
    const w = new SilenceWatchdog(ctx, us(100), () => fired.push(ctx.now()));
    w.arm();
    for (const t of [30, 90, 150]) ctx.after(us(t), () => w.heard());
    runTo(1_000);
    expect(fired).toEqual([250]);
  });

  it('does nothing while not live, and nothing after stop', () => {
    const { ctx, runTo } = kitClock();
    let live = false;
    let fired = 0;
    const w = new SilenceWatchdog(
      ctx,
      us(50),
      () => fired++,
      () => live,
    );
    w.arm();
    runTo(60);
    expect(fired).toBe(0);
    live = true;
    w.arm();
    w.stop();
    runTo(500);
    expect(fired).toBe(0);
    expect(w.silence()).toBe(500);
  });
});
