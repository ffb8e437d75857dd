import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXACT_CAPACITY, EXACT_QUANTILE_LIMIT, Sample } from '../../src/metrics/quantiles.js';
import { checkProperty } from '../support/props.js';
import { ReferenceSample } from './reference-sample.js';

/** One step of a generated sample: `count` copies of `value`, plain or censored. */
interface Step {
  readonly value: number;
  readonly count: number;
  readonly censored: boolean;
}

/** Feeds the steps to the weighted sample in runs and to the reference one value at a time. */
function both(steps: readonly Step[]): { weighted: Sample; expanded: ReferenceSample } {
  const weighted = new Sample();
  const expanded = new ReferenceSample();
  for (const s of steps) {
    if (s.censored) weighted.addCensored(s.value, s.count);
    else if (s.count === 1) weighted.add(s.value);
    else weighted.addMany(s.value, s.count);
    for (let i = 0; i < s.count; i++) {
      if (s.censored) expanded.addCensored(s.value, 1);
      else expanded.add(s.value);
    }
  }
  return { weighted, expanded };
}

/** Latencies as the observer records them: whole microseconds in seconds, few distinct values so that ties are common. */
const stepArb = fc.record({
  value: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 3_000_000_000 })).map((micros) => micros / 1e6),
  count: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 40 })),
  censored: fc.boolean(),
});

describe('Sample with weights (runs of equal values)', () => {
  it('knows where the unweighted sample switched to the histogram', () => {
    expect(EXACT_CAPACITY).toBe(1_048_576);
    expect(EXACT_CAPACITY).toBeGreaterThanOrEqual(EXACT_QUANTILE_LIMIT);
  });

  it('gives the same summary and CDF as the same values added one by one', () => {
    checkProperty(
      'weighted sample equals the expanded one',
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 80 }), fc.integer({ min: 0, max: 100 }), (steps, pct) => {
        const { weighted, expanded } = both(steps);
        expect(weighted.count).toBe(expanded.count);
        expect(weighted.censored).toBe(expanded.censored);
        expect(weighted.summary()).toEqual(expanded.summary());
        expect(weighted.quantile(pct / 100)).toBe(expanded.quantile(pct / 100));
        expect(weighted.cdf(11)).toEqual(expanded.cdf(11));
      }),
      { kind: 'pure' },
    );
  });

  it('keeps agreeing when values come after a quantile was read (runs re-sorted)', () => {
    checkProperty(
      'weighted sample equals the expanded one across reads',
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 30 }), fc.array(stepArb, { minLength: 1, maxLength: 30 }), (first, second) => {
        const { weighted, expanded } = both(first);
        expect(weighted.summary()).toEqual(expanded.summary());
        for (const s of second) {
          weighted.addMany(s.value, s.count);
          for (let i = 0; i < s.count; i++) expanded.add(s.value);
        }
        expect(weighted.summary()).toEqual(expanded.summary());
        expect(weighted.cdf()).toEqual(expanded.cdf());
      }),
      { kind: 'pure' },
    );
  });

  it('switches to the histogram at the same value, a run straddling the capacity split as single adds would be', () => {
    const steps: Step[] = [
      { value: 0.25, count: EXACT_CAPACITY - 7, censored: false },
      { value: 1.5, count: 3, censored: false },
      { value: 3.75, count: 20, censored: true },
      { value: 0.125, count: 5, censored: false },
    ];
    const { weighted, expanded } = both(steps);
    expect(weighted.count).toBe(EXACT_CAPACITY + 21);
    expect(weighted.summary()).toEqual(expanded.summary());
    expect(weighted.cdf()).toEqual(expanded.cdf());
  });

  it('keeps a run of many copies in one slot: a million censored tasks cost no million values', () => {
    const s = new Sample();
    s.add(2);
    s.addCensored(9, 900_000);
    s.add(1);
    expect(s.summary()).toMatchObject({ count: 900_002, min: 1, p50: 9, max: 9, censored: 900_000, censoredMin: 9 });
    expect(s.quantile(1 / 900_002)).toBe(1);
    expect(s.quantile(2 / 900_002)).toBe(2);
    expect(s.quantile(3 / 900_002)).toBe(9);
  });
});
