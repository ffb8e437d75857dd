import { describe, expect, it } from 'vitest';
import { bandOf, isProd, mayPreempt } from '../../../src/engines/borg/bands.js';

describe('Borg priority bands', () => {
  it('maps priorities with the 2011 trace ranges: 0–1 free, 2–8 batch, 9–10 production, 11+ monitoring', () => {
    expect([-1, 0, 1, 2, 8, 9, 10, 11, 50].map(bandOf)).toEqual([
      'free',
      'free',
      'free',
      'batch',
      'batch',
      'production',
      'production',
      'monitoring',
      'monitoring',
    ]);
    expect(isProd(8)).toBe(false);
    expect(isProd(9)).toBe(true);
  });

  it('lets a higher priority preempt a lower one, but never one prod task another', () => {
    expect(mayPreempt(9, 0)).toBe(true);
    expect(mayPreempt(5, 2)).toBe(true);
    expect(mayPreempt(11, 8)).toBe(true);
    expect(mayPreempt(10, 9)).toBe(false);
    expect(mayPreempt(11, 10)).toBe(false);
    expect(mayPreempt(3, 3)).toBe(false);
    expect(mayPreempt(0, 1)).toBe(false);
  });
});
