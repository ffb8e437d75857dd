import { describe, expect, it } from 'vitest';
import { latencyFromRuns, placedCell } from '../../src/report/headline.js';
import { en } from '../../src/report/i18n/en.js';
import { zhCN } from '../../src/report/i18n/zh-CN.js';
import { type RunRow } from '../../src/report/read-results.js';

/** A runs.csv row of the oracle with the given headline columns. */
function row(values: Record<string, number>, seed = 1): RunRow {
  return { scenario: 's', sweepParameter: '', sweepValue: '', engine: 'oracle', seed, status: 'ok', error: '', simulatedS: 100, values };
}

describe('latency figures with censored values (DESIGN.md §6)', () => {
  const read = latencyFromRuns('sched_p50_s', 'sched');
  const rows: readonly { name: string; values: Record<string, number>; censored: boolean }[] = [
    { name: 'exact when nothing is censored', values: { sched_p50_s: 3, sched_censored: 0 }, censored: false },
    { name: 'exact when below the smallest censored value', values: { sched_p50_s: 3, sched_censored: 5, sched_censored_min_s: 10 }, censored: false },
    { name: 'a lower bound at the smallest censored value', values: { sched_p50_s: 10, sched_censored: 5, sched_censored_min_s: 10 }, censored: true },
    { name: 'a lower bound above it', values: { sched_p50_s: 80, sched_censored: 5, sched_censored_min_s: 10 }, censored: true },
    { name: 'exact in a folder written before the columns existed', values: { sched_p50_s: 80 }, censored: false },
  ];
  it.each(rows)('$name', ({ values, censored }) => {
    expect(read(row(values))).toEqual({ value: values.sched_p50_s, censored });
  });
});

describe('placedCell', () => {
  it('writes placed / submitted with the fraction, means over the seeds, highlighted when work was left', () => {
    const runs = [row({ sched_count: 455, sched_censored: 410 }, 1), row({ sched_count: 455, sched_censored: 409 }, 2)];
    expect(placedCell(en, runs)).toEqual({ inlines: ['45.5 / 455 (10%)'], mark: 'censored' });
    expect(placedCell(zhCN, runs)).toEqual({ inlines: ['45.5 / 455（10%）'], mark: 'censored' });
  });

  it('is not highlighted when everything was placed', () => {
    expect(placedCell(en, [row({ sched_count: 13, sched_censored: 0 })])).toEqual({ inlines: ['13 / 13 (100%)'] });
  });

  it('is undefined for a folder written before the columns existed', () => {
    expect(placedCell(en, [row({ sched_p50_s: 1 })])).toBeUndefined();
  });
});
