import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isSummaryColumn, SUMMARY_COLUMN_MEANINGS, SUMMARY_COLUMNS, type SummaryColumn } from '../../src/metrics/summary-columns.js';
import { FIGURES, type FigureKey } from '../../src/report/headline.js';
import { RUN_VALUE_COLUMNS, readResults } from '../../src/report/read-results.js';
import { type RunMeta, writeResultsFolder } from '../../src/report/results-folder.js';
import { okOracleTrial } from '../support/trial-result.js';
import { ObserverScript } from './observer-script.js';

const dir = mkdtempSync(join(tmpdir(), 'schedbench-summary-columns-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const trial = okOracleTrial;

const META: RunMeta = {
  tool: { name: 'schedbench', version: 'test' },
  gitCommit: null,
  node: 'test',
  command: 'test',
  engines: ['oracle'],
  planned: 1,
  shard: null,
  scenarios: [{ name: 's', file: '', hash: '', title: '', description: '', lesson: '', tags: [], seeds: [1], sweep: null, setup: '' }],
};

describe('SUMMARY_COLUMNS: the one typed list of runs.csv summary columns', () => {
  const result = trial(new ObserverScript().submit(10, 'j', 2, { workload: 'etl' }).start('a', 'j#0', 'n1', 12, 14).finish(100));
  writeResultsFolder(dir, META, [result], { workers: 1, startedAt: 'test' });

  it('is the tail of the header of runs.csv as the writer writes it, in order', () => {
    const header = readFileSync(join(dir, 'runs.csv'), 'utf8').split('\n')[0]?.split(',') ?? [];
    expect(header).toEqual([
      'scenario',
      'sweep_parameter',
      'sweep_value',
      'engine',
      'seed',
      'status',
      'error',
      'stop_reason',
      'simulated_s',
      'events',
      ...SUMMARY_COLUMNS,
    ]);
  });

  it('is the key order of the observer summary', () => {
    expect(Object.keys(result.metrics?.summary ?? {})).toEqual([...SUMMARY_COLUMNS]);
  });

  it('is what the reader reads back, every column by name', () => {
    const row = readResults(dir).runs[0];
    expect(Object.keys(row?.values ?? {})).toEqual([...RUN_VALUE_COLUMNS]);
    expect(row?.values.tasks_submitted).toBe(2);
    expect(row?.values.sched_censored).toBe(1);
  });

  it('has a meaning for every column and nothing else', () => {
    expect(Object.keys(SUMMARY_COLUMN_MEANINGS)).toEqual([...SUMMARY_COLUMNS]);
    for (const c of SUMMARY_COLUMNS) expect(SUMMARY_COLUMN_MEANINGS[c].length).toBeGreaterThan(0);
  });

  it('types every headline figure: each FIGURES key is a summary column but the one read from convergence.csv', () => {
    // FigureDef.key is a FigureKey, so the compiler already refuses a misspelt key; this documents it.
    const fromConvergence: FigureKey[] = ['convergence'];
    const keys = FIGURES.map((f) => f.key).filter((k): k is SummaryColumn => !fromConvergence.includes(k));
    expect(keys.length).toBe(FIGURES.length - fromConvergence.length);
    for (const k of keys) expect(isSummaryColumn(k), k).toBe(true);
  });

  it('tells summary columns from other names', () => {
    expect(isSummaryColumn('sched_p50_s')).toBe(true);
    expect(isSummaryColumn('sched_p50')).toBe(false);
    expect(isSummaryColumn('messages-dropped')).toBe(false);
  });
});
