import { describe, expect, it } from 'vitest';
import { coincidingGroups, horizonOf, referenceOnTop, tickValues, timeX } from '../../../src/report/charts/chart.js';
import { samples, scenarioView } from './view.js';

describe('time axis', () => {
  it.each([
    { start: 0, end: 150, max: 9 },
    { start: 0, end: 360, max: 9 },
    { start: 0, end: 240, max: 9 },
    { start: 59, end: 68.3, max: 4 },
    { start: 0, end: 9.36, max: 4 },
  ])('ticks from $start to $end stay inside the domain, at most $max, on a round step', ({ start, end, max }) => {
    const ticks = tickValues(start, end, max);
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    expect(ticks.length).toBeLessThanOrEqual(max);
    expect(Math.min(...ticks)).toBeGreaterThanOrEqual(start);
    expect(Math.max(...ticks)).toBeLessThanOrEqual(end);
    const step = (ticks[1] as number) - (ticks[0] as number);
    expect(step / 10 ** Math.floor(Math.log10(step))).toSatisfy((f: number) => [1, 2, 2.5, 3, 5, 6].some((x) => Math.abs(x - f) < 1e-9));
  });

  it('ends exactly at the horizon: no nice rounding past it', () => {
    const x = timeX('time (s)', 150) as { scale: { domain: number[]; nice: boolean }; axis: { values: number[] } };
    expect(x.scale).toMatchObject({ domain: [0, 150], nice: false });
    expect(x.axis.values.at(-1)).toBe(150);
  });

  it('takes the horizon from the trials, the last sample otherwise', () => {
    const view = scenarioView(['oracle'], 150, { series: samples('oracle', 'util/cpu', 100, 10, () => 0.5) });
    expect(horizonOf(view)).toBe(150);
    expect(horizonOf({ ...view, runs: [] })).toBe(100);
  });
});

describe('coinciding curves', () => {
  const curves: Record<string, Map<number, number>> = {
    oracle: new Map([
      [0, 0.5],
      [1, 0.6],
      [2, 0.7],
    ]),
    kubernetes: new Map([
      [0, 0.5],
      [1, 0.601],
      [2, 0.7],
    ]),
    mesos: new Map([
      [0, 0.2],
      [1, 0.3],
      [2, 0.4],
    ]),
  };
  it('groups engines whose curves are within the tolerance on average, and only those', () => {
    expect(coincidingGroups(['oracle', 'mesos', 'kubernetes'], (e) => curves[e] as Map<number, number>, 0.005)).toEqual([['oracle', 'kubernetes']]);
    expect(coincidingGroups(['oracle', 'mesos'], (e) => curves[e] as Map<number, number>, 0.005)).toEqual([]);
  });

  it('draws the reference last, so it is on top', () => {
    const values = [
      { engine: 'oracle', v: 1 },
      { engine: 'mesos', v: 2 },
      { engine: 'oracle', v: 3 },
      { engine: 'kubernetes', v: 4 },
    ];
    expect(referenceOnTop(values).map((x) => x.v)).toEqual([2, 4, 1, 3]);
  });
});
