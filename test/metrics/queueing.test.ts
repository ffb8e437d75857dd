import { describe, expect, it } from 'vitest';
import {
  erlangC,
  isOverloaded,
  meanResponse,
  meanWait,
  normalCdf,
  type QueueState,
  responseQuantile,
  responseTail,
  serviceTail,
  utilization,
} from '../../src/metrics/queueing.js';

const exp = { kind: 'exponential' } as const;
const det = { kind: 'deterministic' } as const;
const mm = (lambda: number, servers: number, meanService: number): QueueState => ({ lambda, servers, meanService, shape: exp });

describe('erlangC', () => {
  it('is ρ for one server (M/M/1: an arrival waits when the server is busy)', () => {
    expect(erlangC(1, 0.7)).toBeCloseTo(0.7, 12);
  });
  it('matches textbook values: c = 2, a = 1 gives 1/3; c = 10, a = 8 gives 0.4092', () => {
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
    // Gross & Harris's tables / any Erlang C calculator: C(10, 8) = 0.40918.
    expect(erlangC(10, 8)).toBeCloseTo(0.40918, 4);
  });
  it('is 1 at or beyond saturation and 0 without load', () => {
    expect(erlangC(4, 4)).toBe(1);
    expect(erlangC(4, 0)).toBe(0);
  });
  it('rejects a fractional server count', () => {
    expect(() => erlangC(1.5, 1)).toThrow(RangeError);
  });
});

describe('mean waits', () => {
  it('M/M/1: E[W] = ρ / (μ − λ), E[T] = 1 / (μ − λ)', () => {
    const q = mm(8, 1, 0.1); // μ = 10
    expect(meanWait(q)).toBeCloseTo(0.8 / 2, 10);
    expect(meanResponse(q)).toBeCloseTo(1 / 2, 10);
  });
  it('M/D/1 through Allen–Cunneen equals Pollaczek–Khinchine: E[W] = ρ / (2μ(1 − ρ))', () => {
    const q: QueueState = { lambda: 8, servers: 1, meanService: 0.1, shape: det };
    expect(meanWait(q)).toBeCloseTo(0.8 / (2 * 10 * 0.2), 10);
  });
  it('M/M/2 with a = 1: E[W] = C / (cμ − λ) = (1/3) / 1', () => {
    expect(meanWait(mm(1, 2, 1))).toBeCloseTo(1 / 3, 10);
  });
});

describe('response-time quantiles', () => {
  it('M/M/1 response time is exponential with rate μ − λ: p50 = ln 2 / (μ − λ), p99 = ln 100 / (μ − λ)', () => {
    const parts = [{ queue: mm(8, 1, 0.1), weight: 1 }];
    expect(responseQuantile(parts, 0.5)).toBeCloseTo(Math.log(2) / 2, 5);
    expect(responseQuantile(parts, 0.99)).toBeCloseTo(Math.log(100) / 2, 5);
  });
  it('without load the response time is the service time: p99 of exponential service is ln 100 · E[S]', () => {
    const parts = [{ queue: mm(1e-9, 50, 0.02), weight: 1 }];
    expect(responseQuantile(parts, 0.99)).toBeCloseTo(Math.log(100) * 0.02, 4);
  });
  it('deterministic service: never below the service time', () => {
    const parts = [{ queue: { lambda: 1, servers: 4, meanService: 0.05, shape: det }, weight: 1 }];
    expect(responseQuantile(parts, 0.5)).toBeGreaterThanOrEqual(0.05);
  });
  it('log-normal service with cv 1 tracks the exponential at light load within a few per cent', () => {
    const logn: QueueState = { lambda: 1, servers: 10, meanService: 0.1, shape: { kind: 'lognormal', cv: 1 } };
    const p50 = responseQuantile([{ queue: logn, weight: 1 }], 0.5);
    // The log-normal median with mean 0.1 and cv 1 is 0.1 / √2.
    expect(p50).toBeCloseTo(0.1 / Math.SQRT2, 3);
  });
  it('overload is unbounded (Infinity), never a number, once its requests exceed the tail share', () => {
    const over = { queue: mm(20, 1, 0.1), weight: 2 };
    const fine = { queue: mm(1, 1, 0.1), weight: 98 };
    expect(isOverloaded(over.queue)).toBe(true);
    expect(responseQuantile([over, fine], 0.99)).toBe(Infinity);
    expect(responseQuantile([over, fine], 0.5)).toBeLessThan(1);
    expect(responseTail(over.queue, 100)).toBe(1);
  });
  it('no server with requests arriving is overloaded; no requests gives NaN', () => {
    expect(utilization(mm(5, 0, 0.1))).toBe(Infinity);
    expect(responseQuantile([{ queue: mm(5, 0, 0.1), weight: 1 }], 0.5)).toBe(Infinity);
    expect(responseQuantile([{ queue: mm(0, 3, 0.1), weight: 1 }], 0.5)).toBeNaN();
  });
});

describe('helpers', () => {
  it('normalCdf matches Φ(1.96) = 0.975', () => {
    expect(normalCdf(1.96)).toBeCloseTo(0.975, 4);
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
  });
  it('serviceTail of a deterministic time is a step', () => {
    expect(serviceTail(det, 1, 0.999)).toBe(1);
    expect(serviceTail(det, 1, 1)).toBe(0);
  });
});
