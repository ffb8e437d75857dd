import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const BIN = new URL('../../bin/schedbench.js', import.meta.url).pathname;
const FIXTURES = new URL('../fixtures/cli/', import.meta.url).pathname;
const SCENARIOS = [join(FIXTURES, 'tiny-batch.yaml'), join(FIXTURES, 'tiny-failure.yaml')];

/** Every file of a results folder but perf.csv (the only one allowed to differ), by name. */
function deterministicFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir).sort()) if (f !== 'perf.csv' && f.includes('.')) out[f] = readFileSync(join(dir, f), 'utf8');
  return out;
}

const tmp = (): string => mkdtempSync(join(tmpdir(), 'schedbench-cli-'));

describe('the schedbench command (a real process)', () => {
  it('validate names file, line, field path and a suggestion for a misspelt field, and exits 2', () => {
    const r = spawnSync(process.execPath, [BIN, 'validate', join(FIXTURES, 'misspelt.yaml')], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/misspelt\.yaml:15:\d+: spec\.workloads\[0\]\.replcias/);
    expect(r.stderr).toMatch(/did you mean "replicas"/);
  });
});

describe('schedbench validate', () => {
  it('accepts a valid file and exits 0', async () => {
    const r = await runCli(['validate', SCENARIOS[0] as string]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/tiny-batch\.yaml: ok/);
    expect(r.code).toBe(0);
  });

  it('exits 2 for a file that does not exist', async () => {
    const r = await runCli(['validate', join(FIXTURES, 'nope.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope\.yaml: no such file/);
  });
});

describe('schedbench run', () => {
  it('exits 2 on an unknown engine, before running anything', async () => {
    const r = await runCli(['run', SCENARIOS[0] as string, '--engines', 'oracel', '--out', tmp(), '--no-report']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown engine "oracel"/);
  });

  it('exits 2 on bad flags: seeds, workers, shard', async () => {
    for (const flags of [
      ['--seeds', 'x'],
      ['--workers', '-1'],
      ['--shard', '4/3'],
    ]) {
      const r = await runCli(['run', SCENARIOS[0] as string, '--engines', 'oracle', ...flags, '--out', tmp(), '--no-report']);
      expect(r.code, flags.join(' ')).toBe(2);
    }
  });

  it('writes byte-identical results (all but perf.csv) with 1 and 2 workers', async () => {
    const a = tmp();
    const b = tmp();
    expect((await runCli(['run', ...SCENARIOS, '--engines', 'oracle', '--workers', '1', '--out', a, '--no-report', '-q'])).code).toBe(0);
    expect((await runCli(['run', ...SCENARIOS, '--engines', 'oracle', '--workers', '2', '--out', b, '--no-report', '-q'])).code).toBe(0);
    const fa = deterministicFiles(a);
    expect(Object.keys(fa)).toEqual(
      expect.arrayContaining(['meta.json', 'runs.csv', 'latency.csv', 'cdf.csv', 'convergence.csv', 'timeseries.csv', 'counters.csv', 'trials.jsonl']),
    );
    expect(deterministicFiles(b)).toEqual(fa);
  });

  it('gives the unsharded files when three shards are merged', async () => {
    const common = [...SCENARIOS, '--engines', 'oracle', '--workers', '0', '-q'];
    const whole = tmp();
    expect((await runCli(['run', ...common, '--out', whole, '--no-report'])).code).toBe(0);
    const shards: string[] = [];
    for (const i of [1, 2, 3]) {
      const d = tmp();
      expect((await runCli(['run', ...common, '--shard', `${i}/3`, '--out', d])).code).toBe(0);
      shards.push(d);
    }
    const merged = tmp();
    expect((await runCli(['merge', ...shards, '--out', merged, '--no-report'])).code).toBe(0);
    expect(deterministicFiles(merged)).toEqual(deterministicFiles(whole));
  });

  it('writes tasks.csv with --detail: one row per task instance', async () => {
    const out = tmp();
    expect(
      (await runCli(['run', SCENARIOS[1] as string, '--engines', 'oracle', '--seeds', '1', '--workers', '0', '--detail', '--out', out, '--no-report', '-q']))
        .code,
    ).toBe(0);
    const rows = readFileSync(join(out, 'tasks.csv'), 'utf8').trim().split('\n');
    expect(rows[0]).toBe(
      'scenario,sweep_parameter,sweep_value,engine,seed,id,workload,tenant,task_key,version,submitted_s,placed_s,running_s,ended_s,node,state',
    );
    // 8 replicas, and the ones on the two crashed nodes were lost and replaced.
    expect(rows.filter((r) => r.endsWith(',running')).length).toBe(8);
    expect(rows.length - 1).toBeGreaterThanOrEqual(8);
  });
});

describe('a run that is killed', () => {
  it('leaves a checkpoint of its finished trials that --resume completes to the uninterrupted files', async () => {
    const { appendFileSync, rmSync, writeFileSync } = await import('node:fs');
    const common = [...SCENARIOS, '--engines', 'oracle', '--workers', '0', '-q', '--no-report'];
    const whole = tmp();
    expect((await runCli(['run', ...common, '--out', whole])).code).toBe(0);
    // Simulate a kill after two trials: only the checkpoint exists, its last line cut in half.
    const killed = tmp();
    const lines = readFileSync(join(whole, 'trials.jsonl'), 'utf8').trim().split('\n');
    writeFileSync(join(killed, 'trials.partial.jsonl'), `${lines[0]}\n${lines[1]}\n`);
    appendFileSync(join(killed, 'trials.partial.jsonl'), (lines[2] as string).slice(0, 40));
    rmSync(join(killed, 'meta.json'), { force: true });
    expect((await runCli(['run', ...common, '--resume', killed])).code).toBe(0);
    expect(deterministicFiles(killed)).toEqual(deterministicFiles(whole));
    expect(readdirSync(killed)).not.toContain('trials.partial.jsonl');
  });
});
