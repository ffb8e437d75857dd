import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/report/csv.js';
import { renderTrial, ROW_TABLES } from '../../src/report/trial-rows.js';
import { csvHeader } from '../../src/report/csv.js';
import { runTrials } from '../../src/runner/pool.js';
import { type TrialResult } from '../../src/runner/trial-types.js';
import { trialSpec, UNCONTENDED_SCENARIO } from '../engines/contract.js';

/** A failed result whose error needs CSV quoting (comma, quote and a line break). */
function failedWithAwkwardError(index: number): TrialResult {
  return {
    index,
    id: `x/oracle/seed-${index}`,
    scenario: 'x',
    engine: 'oracle',
    seed: index,
    sweep: { parameter: 'spec.a', value: 'one, "two"' },
    status: 'failed',
    error: 'Error: a, "quoted" thing\n    at somewhere',
    simulatedSeconds: 0,
    events: 0,
    perf: { wallMs: 1, events: 0, eventsPerSecond: 0, peakRssBytes: 0 },
  };
}

describe('renderTrial', () => {
  it('gives, joined in plan order, the same bytes as rendering every trial at once', async () => {
    const specs = ['oracle', 'mesos', 'kubernetes'].map((engine, index) => ({
      ...trialSpec(UNCONTENDED_SCENARIO, engine, 3),
      index,
      id: `t${index}/${engine}`,
      detail: true,
      explain: true,
    }));
    const results = [...(await runTrials(specs, { workers: 0 })), failedWithAwkwardError(3)];
    const rendered = results.map(renderTrial);
    for (const [file, table] of Object.entries(ROW_TABLES)) {
      const joined = csvHeader(table([]).columns) + rendered.map((r) => r.rows[file as keyof typeof ROW_TABLES]).join('');
      expect(joined, file).toBe(toCsv(table(results)));
    }
    // Every engine produced rows (the comparison above is not over empty files).
    expect(rendered.slice(0, 3).every((r) => r.rows['timeseries.csv'].length > 0 && r.rows['tasks.csv'].length > 0)).toBe(true);
  });

  it('keeps the trials.jsonl line without perf, and says whether the trial kept tasks and explanations', () => {
    const failed = failedWithAwkwardError(0);
    const r = renderTrial(failed);
    expect(JSON.parse(r.json)).toEqual({ ...failed, perf: undefined });
    expect(r.json).not.toContain('wallMs');
    expect([r.hasTasks, r.hasExplain, r.explain]).toEqual([false, false, '']);
    expect(r.head).toEqual(failed);
  });
});
