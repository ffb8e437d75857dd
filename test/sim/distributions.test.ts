import { describe, expect, it } from 'vitest';
import { createDistribution, type DistributionSpec } from '../../src/sim/distributions.js';
import { Rng } from '../../src/sim/rng.js';

const N = 50_000;

function drawMany(spec: DistributionSpec, seed = 1): number[] {
  const d = createDistribution(spec);
  const rng = Rng.root(seed).split('dist');
  return Array.from({ length: N }, () => d.sample(rng));
}

const meanOf = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('createDistribution', () => {
  const rows: readonly { name: string; spec: DistributionSpec; mean: number; tolerance: number; min: number; max: number }[] = [
    { name: 'constant', spec: { kind: 'constant', value: 2.5 }, mean: 2.5, tolerance: 0, min: 2.5, max: 2.5 },
    { name: 'uniform', spec: { kind: 'uniform', min: 2, max: 6 }, mean: 4, tolerance: 0.03, min: 2, max: 6 },
    { name: 'exponential', spec: { kind: 'exponential', mean: 3 }, mean: 3, tolerance: 0.05, min: 0, max: Infinity },
    { name: 'normal far from 0', spec: { kind: 'normal', mean: 10, stddev: 2 }, mean: 10, tolerance: 0.04, min: 0, max: Infinity },
    { name: 'lognormal', spec: { kind: 'lognormal', mu: 0, sigma: 0.5 }, mean: Math.exp(0.125), tolerance: 0.02, min: 0, max: Infinity },
    { name: 'empirical', spec: { kind: 'empirical', samples: [1, 2, 3, 10] }, mean: 4, tolerance: 0.1, min: 1, max: 10 },
  ];
  it.each(rows)('$name: declared mean is right and the sample mean is within tolerance', ({ spec, mean, tolerance, min, max }) => {
    const d = createDistribution(spec);
    expect(d.mean).toBeCloseTo(mean, 12);
    const xs = drawMany(spec);
    expect(Math.abs(meanOf(xs) - mean)).toBeLessThanOrEqual(tolerance);
    // One assertion over all draws: expect() per draw would dominate the run time.
    expect(xs.filter((x) => !Number.isFinite(x) || x < min || x > max)).toEqual([]);
  });

  it('exponential has a standard deviation equal to its mean', () => {
    const xs = drawMany({ kind: 'exponential', mean: 2 });
    const m = meanOf(xs);
    const sd = Math.sqrt(meanOf(xs.map((x) => (x - m) ** 2)));
    expect(sd).toBeGreaterThan(1.9);
    expect(sd).toBeLessThan(2.1);
  });

  it('normal is truncated at 0: no negative draw, and about half are exactly 0 when the mean is 0', () => {
    const xs = drawMany({ kind: 'normal', mean: 0, stddev: 1 });
    expect(Math.min(...xs)).toBe(0);
    const zeros = xs.filter((x) => x === 0).length / xs.length;
    expect(zeros).toBeGreaterThan(0.48);
    expect(zeros).toBeLessThan(0.52);
  });

  it('empirical picks only the given samples, each about equally often', () => {
    const samples = [0.5, 7, 7, 42];
    const xs = drawMany({ kind: 'empirical', samples });
    const counts = new Map<number, number>();
    for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([0.5, 7, 42]);
    expect((counts.get(7) as number) / N).toBeCloseTo(0.5, 1);
    expect((counts.get(42) as number) / N).toBeCloseTo(0.25, 1);
  });

  it('rejects an empirical distribution without samples', () => {
    expect(() => createDistribution({ kind: 'empirical', samples: [] })).toThrow(/at least one sample/);
  });

  it('constant draws nothing from the stream', () => {
    const rng = Rng.root(1).split('x');
    createDistribution({ kind: 'constant', value: 1 }).sample(rng);
    expect(rng.nextUint32()).toBe(Rng.root(1).split('x').nextUint32());
  });

  it.each<DistributionSpec>([
    { kind: 'uniform', min: 0, max: 1 },
    { kind: 'exponential', mean: 1 },
    { kind: 'normal', mean: 1, stddev: 1 },
    { kind: 'lognormal', mu: 0, sigma: 1 },
  ])('$kind uses a fixed number of draws per sample, so the same seed gives the same sequence', (spec) => {
    expect(drawMany(spec, 77).slice(0, 100)).toEqual(drawMany(spec, 77).slice(0, 100));
    expect(drawMany(spec, 77).slice(0, 100)).not.toEqual(drawMany(spec, 78).slice(0, 100));
  });
});
