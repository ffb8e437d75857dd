import { describe, expect, it } from 'vitest';
import { type ClaimData, type ClaimTrial } from '../../../src/report/claims/claim-data.js';
import { evaluateClaim, tallyClaims } from '../../../src/report/claims/evaluate.js';
import { type ClaimSpec } from '../../../src/metrics/claims.js';

/** A trial with made-up numbers: runs columns, counters, one latency row, one series. */
function trial(engine: string, seed: number, runs: Record<string, number>, extra: Partial<ClaimTrial> = {}): ClaimTrial {
  return { engine, seed, sweepValue: '', ok: true, runs, counters: {}, latency: new Map(), series: new Map(), ...extra };
}

/** jain by engine and seed: mesos 0.9, 0.8, 0.95; kubernetes 0.85 on every seed. */
const data: ClaimData = {
  trials: [
    trial('mesos', 1, { jain: 0.9 }, { counters: { 'share-avg:a': 0.5, 'share-avg:b': 0.4 } }),
    trial('mesos', 2, { jain: 0.8 }, { counters: { 'share-avg:a': 0.6, 'share-avg:b': 0.3 } }),
    trial('mesos', 3, { jain: 0.95 }, { counters: { 'share-avg:a': 0.5, 'share-avg:b': 0.5 } }),
    ...[1, 2, 3].map((seed) =>
      trial(
        'kubernetes',
        seed,
        { jain: 0.85 },
        {
          counters: { 'share-avg:a': 0.8, 'share-avg:b': 0.4 },
          latency: new Map([['sync-informed:all', { count: 10, mean: 3.5, min: 3, p50: 3.4, p90: 3.9, p99: 4, max: 4 }]]),
          series: new Map([['locked/cpu', [0, 10, 20, 30, 40].map((time) => ({ time, value: time / 100 }))]]),
        },
      ),
    ),
  ],
};

function claim(c: Partial<ClaimSpec>): ClaimSpec {
  return { id: 'c', text: 'a claim', metric: 'jain', engines: ['mesos'], relation: '>', on: 'every-seed', ...c } as ClaimSpec;
}

describe('evaluateClaim', () => {
  it('checks each seed on every-seed, and fails when one seed does not hold', () => {
    const r = evaluateClaim(claim({ relation: '>', than: { engine: 'kubernetes', factor: 1 } }), data);
    expect(r.verdict).toBe('fails');
    expect(r.checks.map((c) => [c.seed, c.left, c.right, c.holds])).toEqual([
      [1, 0.9, 0.85, true],
      [2, 0.8, 0.85, false],
      [3, 0.95, 0.85, true],
    ]);
  });

  it('compares the means over seeds on mean', () => {
    const r = evaluateClaim(claim({ on: 'mean', than: { engine: 'kubernetes', factor: 1 } }), data);
    expect(r.verdict).toBe('holds');
    expect(r.checks).toHaveLength(1);
    expect(r.checks[0]?.seed).toBe('mean');
    expect(r.checks[0]?.left).toBeCloseTo(0.8833, 4);
  });

  it.each([
    ['<', 0.96, 'holds'],
    ['<', 0.95, 'fails'],
    ['<=', 0.95, 'holds'],
    ['>', 0.79, 'holds'],
    ['>=', 0.8, 'holds'],
    ['>', 0.8, 'fails'],
  ] as const)('relation %s against the constant %s %s on every seed', (relation, value, verdict) => {
    expect(evaluateClaim(claim({ relation, than: { value, factor: 1 } }), data).verdict).toBe(verdict);
  });

  it('≈ holds within an absolute or a relative tolerance, and not outside it', () => {
    const near = (tolerance: ClaimSpec['tolerance']): string =>
      evaluateClaim(claim({ relation: '≈', than: { value: 0.875, factor: 1 }, tolerance }), data).verdict;
    expect(near({ kind: 'absolute', value: 0.075 })).toBe('holds');
    expect(near({ kind: 'absolute', value: 0.07 })).toBe('fails');
    expect(near({ kind: 'relative', fraction: 0.1 })).toBe('holds'); // 10 % of 0.875 = 0.0875
    expect(near({ kind: 'relative', fraction: 0.05 })).toBe('fails');
  });

  it('between holds inside the bounds, both included, loosened by the tolerance', () => {
    expect(evaluateClaim(claim({ relation: 'between', bounds: [0.8, 0.95] }), data).verdict).toBe('holds');
    expect(evaluateClaim(claim({ relation: 'between', bounds: [0.81, 0.95] }), data).verdict).toBe('fails');
    expect(evaluateClaim(claim({ relation: 'between', bounds: [0.81, 0.95], tolerance: { kind: 'absolute', value: 0.01 } }), data).verdict).toBe('holds');
    expect(evaluateClaim(claim({ relation: 'between', bounds: [0.8, 0.95] }), data).checks[0]?.right).toEqual([0.8, 0.95]);
  });

  it('compares two metrics of one engine, with a factor', () => {
    const r = evaluateClaim(
      claim({ metric: 'counter:share-avg:a', engines: ['kubernetes'], relation: '>', than: { metric: 'counter:share-avg:b', factor: 1.5 } }),
      data,
    );
    expect(r.verdict).toBe('holds');
    expect(r.checks.map((c) => c.right)).toEqual([0.6000000000000001, 0.6000000000000001, 0.6000000000000001]);
  });

  it('reads latency statistics and series means over a window', () => {
    expect(
      evaluateClaim(
        claim({
          metric: 'latency:sync-informed:all:p50',
          engines: ['kubernetes'],
          relation: '≈',
          than: { value: 3.4, factor: 1 },
          tolerance: { kind: 'absolute', value: 0 },
        }),
        data,
      ).verdict,
    ).toBe('holds');
    const late = evaluateClaim(
      claim({
        metric: 'series:locked/cpu',
        window: { from: 30, to: 40 },
        engines: ['kubernetes'],
        relation: '>',
        than: { metric: 'series:locked/cpu', window: { from: 0, to: 10 }, factor: 2 },
      }),
      data,
    );
    expect(late.checks[0]).toMatchObject({ left: 0.35, right: 0.1, holds: true });
  });

  it('does not evaluate a claim naming an engine that did not run, and says why', () => {
    const r = evaluateClaim(claim({ engines: ['oracle'], than: { value: 0, factor: 1 } }), data);
    expect(r).toMatchObject({ verdict: 'not-evaluated', reason: 'oracle did not run', checks: [] });
    expect(evaluateClaim(claim({ than: { engine: 'oracle', factor: 1 } }), data).verdict).toBe('not-evaluated');
    expect(evaluateClaim(claim({ than: { value: 0, factor: 1 }, sweepValues: ['1s'] }), data)).toMatchObject({
      verdict: 'not-evaluated',
      reason: 'sweep value 1s did not run',
    });
  });

  it('calls a metric no trial has an error, with the nearest name', () => {
    const r = evaluateClaim(claim({ metric: 'counter:share-avg:c', than: { value: 0, factor: 1 } }), data);
    expect(r.verdict).toBe('error');
    expect(r.reason).toBe('unknown metric counter:share-avg:c: the results have no counter "share-avg:c" (did you mean share-avg:a?)');
    expect(evaluateClaim(claim({ metric: 'jian', than: { value: 0, factor: 1 } }), data)).toMatchObject({
      verdict: 'error',
      why: { kind: 'unknown-metric', metric: 'jian' },
    });
  });

  it('fails a check whose trial failed or lacks the number (never passes it silently)', () => {
    const broken: ClaimData = { trials: [...data.trials.filter((t) => t.seed !== 2 || t.engine !== 'mesos'), { ...trial('mesos', 2, {}), ok: false }] };
    const r = evaluateClaim(claim({ than: { value: 0, factor: 1 } }), broken);
    expect(r.verdict).toBe('fails');
    expect(r.checks.find((c) => c.seed === 2)).toMatchObject({ holds: false });
    expect(Number.isNaN(r.checks.find((c) => c.seed === 2)?.left)).toBe(true);
    expect(evaluateClaim(claim({ on: 'mean', than: { value: 0, factor: 1 } }), broken).verdict).toBe('fails');
  });

  it('evaluates each sweep value on its own', () => {
    const swept: ClaimData = {
      trials: [trial('mesos', 1, { locked_cpu_avg: 0.01 }, { sweepValue: '1s' }), trial('mesos', 1, { locked_cpu_avg: 0.5 }, { sweepValue: '100s' })],
    };
    expect(evaluateClaim(claim({ metric: 'locked_cpu_avg', relation: '<', than: { value: 0.05, factor: 1 }, sweepValues: ['1s'] }), swept).verdict).toBe(
      'holds',
    );
    const all = evaluateClaim(claim({ metric: 'locked_cpu_avg', relation: '<', than: { value: 0.05, factor: 1 } }), swept);
    expect(all.checks.map((c) => [c.sweepValue, c.holds])).toEqual([
      ['1s', true],
      ['100s', false],
    ]);
  });

  it('tallies verdicts', () => {
    const results = [
      evaluateClaim(claim({ than: { value: 0, factor: 1 } }), data),
      evaluateClaim(claim({ than: { value: 1, factor: 1 } }), data),
      evaluateClaim(claim({ engines: ['oracle'], than: { value: 0, factor: 1 } }), data),
      evaluateClaim(claim({ metric: 'nope', than: { value: 0, factor: 1 } }), data),
    ];
    expect(tallyClaims(results)).toEqual({ total: 4, holds: 1, fails: 1, notEvaluated: 1, errors: 1 });
  });
});
