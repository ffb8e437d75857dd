import { describe, expect, it } from 'vitest';
import { LaunchBackoff } from '../../../../src/engines/mesos/frameworks/backoff.js';
import { duration } from '../../../../src/sim/duration.js';
import { type SimTime } from '../../../../src/sim/time.js';

const s = (x: number) => Math.round(x * 1e6) as SimTime;

describe('LaunchBackoff (Marathon: 1 s × 1.15 up to 300 s)', () => {
  const options = { initial: duration('1s'), factor: 1.15, max: duration('300s') };

  it('starts at 1 s, grows by 1.15 per failure and stops at 300 s', () => {
    const b = new LaunchBackoff(options);
    b.failed(s(0));
    expect(b.current).toBe(duration('1s'));
    b.failed(s(1));
    expect(b.current).toBe(duration('1.15s'));
    for (let i = 0; i < 60; i++) b.failed(s(2 + i));
    expect(b.current).toBe(duration('300s'));
    expect(b.ready(s(61))).toBe(false);
    expect(b.ready(s(61 + 300))).toBe(true);
  });

  it('resets on a new version and after a quiet period of delay + max', () => {
    const b = new LaunchBackoff(options);
    b.failed(s(0));
    b.failed(s(1));
    b.reset();
    expect(b.current).toBe(0);
    b.failed(s(10));
    b.failed(s(11));
    b.failed(s(11 + 1.15 + 300 + 1)); // quiet for longer than delay + max
    expect(b.current).toBe(duration('1s'));
  });
});
