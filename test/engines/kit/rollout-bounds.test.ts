import { describe, expect, it } from 'vitest';
import { rolloutBounds } from '../../../src/engines/kit/rollout-bounds.js';

describe('rolloutBounds', () => {
  it('rounds a percentage surge up and a percentage unavailability down', () => {
    expect(rolloutBounds('25%', '25%', 10, 'one-unavailable')).toEqual({ surge: 3, unavailable: 2 });
    expect(rolloutBounds('25%', '25%', 100, 'one-surge')).toEqual({ surge: 25, unavailable: 25 });
  });

  it('takes counts as they are', () => {
    expect(rolloutBounds(2, 0, 10, 'one-unavailable')).toEqual({ surge: 2, unavailable: 0 });
  });

  it('relaxes a rollout that could never move (both bounds 0) the way the caller names', () => {
    // Kubernetes's ResolveFenceposts: one pod may go unavailable.
    expect(rolloutBounds(0, 0, 10, 'one-unavailable')).toEqual({ surge: 0, unavailable: 1 });
    expect(rolloutBounds('0%', '10%', 5, 'one-unavailable')).toEqual({ surge: 0, unavailable: 1 });
    // Marathon: one instance may surge.
    expect(rolloutBounds(0, 0, 10, 'one-surge')).toEqual({ surge: 1, unavailable: 0 });
  });

  it('gives Marathon’s default (100 % over capacity, none unavailable) as a surge of the whole app', () => {
    expect(rolloutBounds('100%', 0, 7, 'one-surge')).toEqual({ surge: 7, unavailable: 0 });
  });
});
