import { describe, expect, it } from 'vitest';
import { rolloutStep } from '../../../src/engines/kit/rollout-step.js';

/** `n` old instances named o0…, the first `running` of them running. */
function olds(n: number, running: number): { names: string[]; isRunning: (x: string) => boolean } {
  const names = Array.from({ length: n }, (_, i) => `o${i}`);
  return { names, isRunning: (x) => Number(x.slice(1)) < running };
}

describe('rolloutStep', () => {
  it('spends both budgets at once: 100 replicas at 25 %/25 % stop 25 old and start 50 new in the first step', () => {
    const o = olds(100, 100);
    const step = rolloutStep({ replicas: 100, current: 0, currentRunning: 0, old: o.names, isRunning: o.isRunning, surge: 25, unavailable: 25 });
    expect(step.stop).toHaveLength(25);
    expect(step.start).toBe(50);
  });

  it('starts a rollout with maxSurge 0 by stopping one old instance for each new one it may start', () => {
    const o = olds(4, 4);
    const step = rolloutStep({ replicas: 4, current: 0, currentRunning: 0, old: o.names, isRunning: o.isRunning, surge: 0, unavailable: 1 });
    expect(step).toEqual({ stop: ['o0'], start: 1 });
  });

  it('stops old instances that are not running yet first: they cost no availability', () => {
    const o = olds(4, 2); // o0, o1 running; o2, o3 still starting
    const step = rolloutStep({ replicas: 4, current: 0, currentRunning: 0, old: o.names, isRunning: o.isRunning, surge: 0, unavailable: 0 });
    expect(step).toEqual({ stop: ['o2', 'o3'], start: 2 });
  });

  it('never stops a running old instance below desired − maxUnavailable', () => {
    const o = olds(2, 2);
    const step = rolloutStep({ replicas: 4, current: 2, currentRunning: 0, old: o.names, isRunning: o.isRunning, surge: 1, unavailable: 0 });
    expect(step.stop).toEqual([]);
    expect(step.start).toBe(1);
  });

  it('outside a rollout starts whatever is missing', () => {
    expect(rolloutStep<string>({ replicas: 5, current: 2, currentRunning: 2, old: [], isRunning: () => true, surge: 2, unavailable: 1 })).toEqual({
      stop: [],
      start: 3,
    });
  });
});
