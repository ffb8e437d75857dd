import { describe, expect, it } from 'vitest';
import { rolloutStep } from '../../../src/engines/kit/rollout-step.js';
import { templateRolloutStep } from '../../../src/engines/kit/template-rollout-step.js';

const running = (x: string): boolean => x.startsWith('r');

describe('templateRolloutStep', () => {
  it('takes 25 % surge and 25 % unavailable when the template sets neither', () => {
    const old = Array.from({ length: 8 }, (_, i) => `r${i}`);
    const step = templateRolloutStep({ replicas: 8 }, [], old, running);
    expect(step).toEqual(rolloutStep({ replicas: 8, current: 0, currentRunning: 0, old, isRunning: running, surge: 2, unavailable: 2 }));
    expect(step.stop).toHaveLength(2);
    expect(step.start).toBe(4);
  });

  it('counts the current instances and those of them running', () => {
    const step = templateRolloutStep({ replicas: 3, maxSurge: 1, maxUnavailable: 0 }, ['r-new', 'p-new'], ['r-old'], running);
    expect(step).toEqual(rolloutStep({ replicas: 3, current: 2, currentRunning: 1, old: ['r-old'], isRunning: running, surge: 1, unavailable: 0 }));
  });

  it('lets one instance go unavailable when both bounds come out 0, or the rollout could never progress', () => {
    const step = templateRolloutStep({ replicas: 2, maxSurge: 0, maxUnavailable: '10%' }, [], ['r0', 'r1'], running);
    expect(step).toEqual({ stop: ['r0'], start: 1 });
  });

  it('starts whatever is missing outside a rollout', () => {
    expect(templateRolloutStep({ replicas: 5 }, ['r0', 'p1'], [], running)).toEqual({ stop: [], start: 3 });
  });
});
