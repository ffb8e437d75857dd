import { describe, expect, it } from 'vitest';
import { abandonsJob } from '../../../../src/engines/mesos/frameworks/abandonment.js';

describe('abandonsJob', () => {
  it('never abandons when no limit is set, however many attempts missed', () => {
    expect(abandonsJob({}, 1_000_000, 0)).toBe(false);
    expect(abandonsJob({}, 1_000_000, 5)).toBe(false);
  });

  it('applies the Omega simulator limits: more than N attempts with nothing placed, or more than M in all', () => {
    const omega = { abandonAfterAttemptsWithoutProgress: 100, abandonAfterAttempts: 1000 };
    expect(abandonsJob(omega, 100, 0)).toBe(false);
    expect(abandonsJob(omega, 101, 0)).toBe(true);
    expect(abandonsJob(omega, 101, 1)).toBe(false);
    expect(abandonsJob(omega, 1000, 3)).toBe(false);
    expect(abandonsJob(omega, 1001, 3)).toBe(true);
  });

  it('applies either limit alone', () => {
    expect(abandonsJob({ abandonAfterAttemptsWithoutProgress: 2 }, 3, 0)).toBe(true);
    expect(abandonsJob({ abandonAfterAttemptsWithoutProgress: 2 }, 3_000, 1)).toBe(false);
    expect(abandonsJob({ abandonAfterAttempts: 5 }, 6, 2)).toBe(true);
    expect(abandonsJob({ abandonAfterAttempts: 5 }, 5, 0)).toBe(false);
  });
});
