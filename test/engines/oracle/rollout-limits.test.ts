import { describe, expect, it } from 'vitest';
import { rolloutLimits } from '../../../src/engines/oracle/rollout-limits.js';

describe('rolloutLimits', () => {
  it.each([
    { surge: 1, unav: 0, desired: 4, want: { surge: 1, unavailable: 0 } },
    { surge: '25%', unav: '25%', desired: 10, want: { surge: 3, unavailable: 2 } },
    { surge: undefined, unav: undefined, desired: 10, want: { surge: 3, unavailable: 2 } },
    { surge: '100%', unav: 0, desired: 4, want: { surge: 4, unavailable: 0 } },
    { surge: '10%', unav: '10%', desired: 4, want: { surge: 1, unavailable: 0 } },
  ])('maxSurge $surge, maxUnavailable $unav of $desired: surge rounds up, unavailability down', ({ surge, unav, desired, want }) => {
    expect(rolloutLimits(surge, unav, desired)).toEqual(want);
  });

  it('lets one instance be unavailable when both budgets come out 0 (a rollout must be able to move)', () => {
    expect(rolloutLimits(0, 0, 4)).toEqual({ surge: 0, unavailable: 1 });
    expect(rolloutLimits('10%', '10%', 3)).toEqual({ surge: 1, unavailable: 0 });
    expect(rolloutLimits(0, '10%', 3)).toEqual({ surge: 0, unavailable: 1 });
  });
});
