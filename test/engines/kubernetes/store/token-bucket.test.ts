import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../../src/engines/kubernetes/store/token-bucket.js';
import { type SimTime } from '../../../../src/sim/time.js';

const at = (seconds: number): SimTime => Math.round(seconds * 1e6) as SimTime;

describe('TokenBucket (client-go token bucket rate limiter)', () => {
  it('lets a full burst through at once, then spaces requests 1/qps apart in the order they came', () => {
    const b = new TokenBucket(20, 30);
    const waits = Array.from({ length: 33 }, () => b.reserve(at(0)));
    expect(waits.slice(0, 30).every((w) => w === 0)).toBe(true);
    // The 31st waits one refill (50 ms at 20 qps), the next ones one more each: tokens are reserved.
    expect(waits.slice(30)).toEqual([50_000, 100_000, 150_000]);
  });

  it('refills at qps up to burst while idle, never above', () => {
    const b = new TokenBucket(10, 2);
    expect([b.reserve(at(0)), b.reserve(at(0)), b.reserve(at(0))]).toEqual([0, 0, 100_000]);
    // At 0.1 s the reserved token is there (the bucket at 0); after 10 idle seconds it holds 2, not 100.
    expect(b.reserve(at(10))).toBe(0);
    expect(b.reserve(at(10))).toBe(0);
    expect(b.reserve(at(10))).toBe(100_000);
  });

  it('charges a steady stream faster than qps the growing wait, and one at qps nothing', () => {
    const slow = new TokenBucket(50, 1);
    expect([0, 0.02, 0.04, 0.06].map((s) => slow.reserve(at(s)))).toEqual([0, 0, 0, 0]);
    const fast = new TokenBucket(50, 1);
    expect([0, 0.01, 0.02, 0.03].map((s) => fast.reserve(at(s)))).toEqual([0, 10_000, 20_000, 30_000]);
  });

  it('rejects a qps that is not positive and a burst below 1', () => {
    expect(() => new TokenBucket(0, 10)).toThrow(/qps > 0/);
    expect(() => new TokenBucket(5, 0)).toThrow(/burst ≥ 1/);
  });
});
