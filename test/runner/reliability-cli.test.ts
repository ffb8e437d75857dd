import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';

const BIN = new URL('../../bin/schedbench.js', import.meta.url).pathname;
const SCENARIO = new URL('../fixtures/cli/tiny-batch.yaml', import.meta.url).pathname;

describe('schedbench run with a trial that throws and one that hangs', () => {
  it('reports both with their errors, writes every other trial, and exits 1', () => {
    const out = mkdtempSync(join(tmpdir(), 'schedbench-reliability-cli-'));
    const r = spawnSync(
      process.execPath,
      [BIN, 'run', SCENARIO, '--engines', 'oracle,faulty-throw,faulty-hang', '--seeds', '1', '--workers', '2', '--timeout', '8', '--out', out, '--no-report'],
      { encoding: 'utf8', env: { ...process.env, SCHEDBENCH_FAULTY_ENGINES: '1' }, timeout: 120_000 },
    );
    expect(r.status, r.stderr).toBe(1);
    // Each failure is named on the console with its id (scenario/engine/seed) and error.
    expect(r.stderr).toMatch(/FAILED tiny-batch\/faulty-throw\/seed-1: failed: Error: faulty-throw: refusing intent/);
    expect(r.stderr).toMatch(/FAILED tiny-batch\/faulty-hang\/seed-1: timeout: trial did not finish within 8000 ms/);
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const runs = parse(readFileSync(join(out, 'runs.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(runs.map((x) => [x.engine, x.seed, x.status])).toEqual([
      ['oracle', '1', 'ok'],
      ['faulty-throw', '1', 'failed'],
      ['faulty-hang', '1', 'timeout'],
    ]);
    expect(Number(runs[0]?.tasks_submitted)).toBeGreaterThan(0);
    const trials = readFileSync(join(out, 'trials.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; error?: string });
    expect(trials.map((t) => t.id)).toEqual(['tiny-batch/oracle/seed-1', 'tiny-batch/faulty-throw/seed-1', 'tiny-batch/faulty-hang/seed-1']);
    expect(trials[1]?.error).toMatch(/faulty-throw: refusing intent .*\n\s+at /);
  }, 120_000);
});
