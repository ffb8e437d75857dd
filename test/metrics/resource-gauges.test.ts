import { describe, expect, it } from 'vitest';
import { resources } from '../../src/cluster/resources.js';
import { ResourceGauge } from '../../src/metrics/resource-gauges.js';
import { type SimTime } from '../../src/sim/time.js';

const t = (n: number): SimTime => n as SimTime;
const GI = 2 ** 30;

describe('ResourceGauge', () => {
  it('tracks fractions per dimension, the dominant share, and their time-weighted averages', () => {
    const g = new ResourceGauge(t(0), resources({ cpu: 10_000, memory: 10 * GI }));
    g.add(t(0), resources({ cpu: 5_000, memory: GI }), 1); // cpu 0.5, memory 0.1
    g.add(t(50), resources({ cpu: 0, memory: 8 * GI }), 1); // cpu 0.5, memory 0.9
    expect(g.current('cpu')).toBe(0.5);
    expect(g.current('memory')).toBeCloseTo(0.9, 12);
    expect(g.current('gpu')).toBe(0); // no gpu in the total: 0, not NaN
    expect(g.dominant()).toBeCloseTo(0.9, 12);
    expect(g.average('cpu', t(100))).toBeCloseTo(0.5, 12);
    expect(g.average('memory', t(100))).toBeCloseTo(0.5, 12);
    expect(g.averageDominant(t(100))).toBeCloseTo(0.7, 12); // 0.5 for 50, then 0.9 for 50
    expect(g.peak('memory')).toBeCloseTo(0.9, 12);
  });

  it('releases with sign −1, and a negative delta with sign +1 is the same thing', () => {
    const a = new ResourceGauge(t(0), resources({ cpu: 1000 }));
    const b = new ResourceGauge(t(0), resources({ cpu: 1000 }));
    for (const g of [a, b]) g.add(t(0), resources({ cpu: 1000 }), 1);
    a.add(t(25), resources({ cpu: 1000 }), -1);
    b.add(t(25), resources({ cpu: -1000 }), 1);
    expect(a.average('cpu', t(100))).toBeCloseTo(0.25, 12);
    expect(b.average('cpu', t(100))).toBeCloseTo(0.25, 12);
    expect(a.current('cpu')).toBe(0);
  });
});
