import { describe, expect, it } from 'vitest';
import { engineBounds, worstHops } from '../../../src/engines/kit/engine-bounds.js';
import { type SimDuration } from '../../../src/sim/time.js';

describe('engine bounds', () => {
  it('rounds both promises to whole microseconds', () => {
    expect(engineBounds(1000.4, 2000.6)).toEqual({ placementWithin: 1000, recoveryWithin: 2001 });
  });

  it('counts hops of one message class at the latency model’s worst case', () => {
    const latency = { upper: (c: string): SimDuration => (c === 'rpc' ? 3000 : 9) as SimDuration };
    expect(worstHops(latency, 'rpc', 8)).toBe(24_000);
    expect(worstHops(latency, 'taskStart', 0)).toBe(0);
  });
});
