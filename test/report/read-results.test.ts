import { describe, expect, it } from 'vitest';
import { readResults } from '../../src/report/read-results.js';
import { FIXTURE, FIXTURE_CLI } from './support.js';

describe('readResults', () => {
  it('reads meta.json and every CSV of a results folder', () => {
    const data = readResults(FIXTURE);
    expect(data.meta.scenarios.map((s) => s.name)).toEqual(['node-crash', 'fair-share', 'ping-sweep']);
    expect(data.runs).toHaveLength(30);
    expect(data.convergence.filter((c) => c.censored).length).toBeGreaterThan(0);
    expect(data.startedAt).toBe('2026-01-01T00:00:00.000Z');
  });

  it('reads empty cells as NaN and keys as typed values', () => {
    const failed = readResults(FIXTURE).runs.find((r) => r.status === 'failed');
    expect(failed).toMatchObject({ scenario: 'fair-share', engine: 'kubernetes', seed: 2, sweepParameter: '' });
    expect(failed?.values.sched_p50_s).toBeNaN();
    const sweep = readResults(FIXTURE).runs.find((r) => r.scenario === 'ping-sweep');
    expect(sweep).toMatchObject({ sweepParameter: 'failureTimeout', sweepValue: '5' });
  });

  it('reads a folder written by the real CLI', () => {
    const data = readResults(FIXTURE_CLI);
    expect(data.runs.map((r) => `${r.engine}/${r.seed}/${r.status}`)).toEqual(['oracle/1/ok', 'oracle/2/ok']);
    expect(data.series.some((s) => s.series === 'desired/frontend')).toBe(true);
  });

  it('refuses a folder without meta.json', () => {
    expect(() => readResults('/nonexistent')).toThrow(/not a results folder/);
  });
});
