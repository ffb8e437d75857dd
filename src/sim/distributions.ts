import { type Rng } from './rng.js';

/**
 * Data describing a distribution of non-negative numbers (the unit is the caller's: seconds for
 * durations, jobs per second for rates). Descriptions are validated at the workload edge.
 */
export type DistributionSpec =
  | { readonly kind: 'constant'; readonly value: number }
  | { readonly kind: 'uniform'; readonly min: number; readonly max: number }
  | { readonly kind: 'exponential'; readonly mean: number }
  | { readonly kind: 'normal'; readonly mean: number; readonly stddev: number }
  | { readonly kind: 'lognormal'; readonly mu: number; readonly sigma: number }
  | { readonly kind: 'empirical'; readonly samples: readonly number[] };

/** A sampler: every draw takes numbers only from the stream it is given. */
export interface Distribution {
  sample(rng: Rng): number;
  /** Expected value (for documentation and sanity checks). */
  readonly mean: number;
}

/** Builds a sampler from a description. Normal and lognormal draws are truncated at 0. */
export function createDistribution(spec: DistributionSpec): Distribution {
  switch (spec.kind) {
    case 'constant':
      return { mean: spec.value, sample: () => spec.value };
    case 'uniform':
      return { mean: (spec.min + spec.max) / 2, sample: (rng) => spec.min + rng.float() * (spec.max - spec.min) };
    case 'exponential':
      return { mean: spec.mean, sample: (rng) => -spec.mean * Math.log(1 - rng.float()) };
    case 'normal':
      return { mean: spec.mean, sample: (rng) => Math.max(0, spec.mean + spec.stddev * standardNormal(rng)) };
    case 'lognormal':
      return {
        mean: Math.exp(spec.mu + (spec.sigma * spec.sigma) / 2),
        sample: (rng) => Math.exp(spec.mu + spec.sigma * standardNormal(rng)),
      };
    case 'empirical': {
      const samples = spec.samples;
      if (samples.length === 0) throw new RangeError('empirical distribution needs at least one sample');
      const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
      return { mean, sample: (rng) => rng.pick(samples) };
    }
  }
}

/** One standard normal draw (Box–Muller, two uniforms per draw so the stream use is fixed). */
function standardNormal(rng: Rng): number {
  const u1 = 1 - rng.float(); // (0, 1]
  const u2 = rng.float();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
