import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../src/cli/folder-lock.js';
import { runCli } from '../support/cli.js';

/*
 * Reliability of the CLI (issue 13): no command loses or overwrites results it did not write.
 * --resume continues the recorded plan, a folder is held by one command at a time, a non-empty
 * folder is replaced only with --force and then only this tool's files, and a folder that cannot
 * take results is refused before any trial runs.
 */

const BIN = new URL('../../bin/schedbench.js', import.meta.url).pathname;
const FIXTURES = new URL('../fixtures/cli/', import.meta.url).pathname;
const BATCH = join(FIXTURES, 'tiny-batch.yaml');
const FAILURE = join(FIXTURES, 'tiny-failure.yaml');
/** Two scenarios outside the default suite, one engine, in this thread: 4 trials in about a second. */
const PLAN = [BATCH, FAILURE, '--engines', 'oracle', '--workers', '0', '-q', '--no-report'];

const tmp = (): string => mkdtempSync(join(tmpdir(), 'schedbench-rel-folders-'));

/** Every results file but perf.csv, by name (dotfiles are the tool's bookkeeping, not results). */
function resultFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir).sort()) if (f !== 'perf.csv' && f.includes('.') && !f.startsWith('.')) out[f] = readFileSync(join(dir, f), 'utf8');
  return out;
}

/** A folder as an interrupted run leaves it: meta.json written first, only the first trial checkpointed. */
function interruptedCopy(whole: string): string {
  const cut = tmp();
  copyFileSync(join(whole, 'meta.json'), join(cut, 'meta.json'));
  const first = readFileSync(join(whole, 'trials.jsonl'), 'utf8').split('\n')[0] as string;
  writeFileSync(join(cut, 'trials.partial.jsonl'), `${first}\n`);
  return cut;
}

describe('run --resume DIR', () => {
  it('runs the plan recorded in DIR (not the default suite) and ends with the uninterrupted files', async () => {
    const whole = tmp();
    expect((await runCli(['run', ...PLAN, '--out', whole])).code).toBe(0);
    const meta = JSON.parse(readFileSync(join(whole, 'meta.json'), 'utf8')) as { plan: { engines: string[]; scenarios: { file: string; sha256: string }[] } };
    expect(meta.plan.engines).toEqual(['oracle']);
    expect(meta.plan.scenarios.map((s) => s.sha256)).toHaveLength(2);
    const cut = interruptedCopy(whole);
    // Only the folder: what the Ctrl-C hint says.
    const r = await runCli(['run', '--resume', cut, '--workers', '0', '--no-report']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('3 to run, 1 already done');
    expect(resultFiles(cut)).toEqual(resultFiles(whole));
  });

  it('refuses (exit 2) another plan on the command line, naming what differs, and leaves DIR as it was', async () => {
    const whole = tmp();
    expect((await runCli(['run', ...PLAN, '--out', whole])).code).toBe(0);
    const before = resultFiles(whole);
    const r = await runCli(['run', BATCH, '--engines', 'mesos', '--seeds', '7', '--resume', whole, '--workers', '0', '--no-report']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/another plan than the run in that folder/);
    expect(r.stderr).toMatch(/scenarios: the run has tiny-batch .*, tiny-failure .*; the command names tiny-batch/);
    expect(r.stderr).toMatch(/engines: the run has oracle; the command gives mesos/);
    expect(r.stderr).toMatch(/seeds: the run has default; the command gives 7/);
    expect(resultFiles(whole)).toEqual(before);
    // The same plan spelt out again is fine.
    expect((await runCli(['run', ...PLAN, '--resume', whole])).code).toBe(0);
  });

  it('refuses a scenario file that changed since the run, naming it', async () => {
    const dir = tmp();
    const scenario = join(dir, 'batch.yaml');
    copyFileSync(BATCH, scenario);
    const out = join(dir, 'out');
    expect((await runCli(['run', scenario, '--engines', 'oracle', '--seeds', '1', '--workers', '0', '-q', '--no-report', '--out', out])).code).toBe(0);
    writeFileSync(scenario, readFileSync(scenario, 'utf8').replace('count: 5', 'count: 6'));
    const r = await runCli(['run', '--resume', out, '--workers', '0', '-q']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`scenario file ${scenario} changed since the run`);
  });

  it('refuses --out naming another folder, and --force', async () => {
    const whole = tmp();
    expect((await runCli(['run', ...PLAN, '--out', whole])).code).toBe(0);
    const other = await runCli(['run', '--resume', whole, '--out', tmp()]);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/name different folders/);
    expect((await runCli(['run', '--resume', whole, '--force'])).code).toBe(2);
  });

  it('names the file and line of a damaged trials.jsonl, and the field path of a mistyped record (exit 2, no stack)', async () => {
    const whole = tmp();
    expect((await runCli(['run', ...PLAN, '--out', whole])).code).toBe(0);
    const file = join(whole, 'trials.jsonl');
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    writeFileSync(file, `${lines[0]}\n${(lines[1] as string).slice(0, 30)}\n${lines.slice(2).join('\n')}\n`);
    const cut = await runCli(['run', '--resume', whole, '--workers', '0', '-q']);
    expect(cut.code).toBe(2);
    expect(cut.stderr).toContain(`${file}:2: not a JSON line`);
    expect(cut.stderr).not.toMatch(/\n\s+at /);
    const record = JSON.parse(lines[1] as string) as Record<string, unknown>;
    writeFileSync(file, `${lines[0]}\n${JSON.stringify({ ...record, seed: 'one' })}\n${lines.slice(2).join('\n')}\n`);
    const typed = await runCli(['run', '--resume', whole, '--workers', '0', '-q']);
    expect(typed.code).toBe(2);
    expect(typed.stderr).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2: not a trial record: seed: `));
  });
});

describe('a results folder is held by one command at a time', () => {
  it('refuses a folder a live command holds (exit 2, naming folder and pid), for run and report', async () => {
    const whole = tmp();
    expect((await runCli(['run', ...PLAN, '--out', whole])).code).toBe(0);
    // This test process stands for the other command: its pid is alive.
    writeFileSync(join(whole, LOCK_FILE), JSON.stringify({ pid: process.pid, host: hostname(), startedAt: 'now', command: 'schedbench run' }));
    const run = await runCli(['run', '--resume', whole, '--workers', '0', '-q']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${whole} is in use by another schedbench command (pid ${process.pid} on ${hostname()}`);
    const report = await runCli(['report', whole]);
    expect(report.code).toBe(2);
    expect(existsSync(join(whole, 'report.md'))).toBe(false);
  });

  it('takes over the lock of a process of this host that is gone, with a warning', async () => {
    const out = tmp();
    const gone = spawnSync(process.execPath, ['-e', '0']).pid as number;
    writeFileSync(join(out, LOCK_FILE), JSON.stringify({ pid: gone, host: hostname(), startedAt: 'then', command: 'schedbench run' }));
    const r = await runCli(['run', ...PLAN, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`taking over the lock of a schedbench command that is gone \\(pid ${gone} `));
    expect(existsSync(join(out, LOCK_FILE))).toBe(false);
  });

  it('lets exactly one of two runs started at once on the same --out write it', async () => {
    const out = join(tmp(), 'shared');
    const start = (): Promise<{ code: number | null; stderr: string }> =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, [BIN, 'run', BATCH, '--engines', 'oracle,mesos,kubernetes', '--workers', '1', '--no-report', '--out', out], {
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let stderr = '';
        child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
        child.on('close', (code) => resolve({ code, stderr }));
      });
    const runs = await Promise.all([start(), start()]);
    expect(runs.map((r) => r.code).sort(), runs.map((r) => r.stderr).join('\n')).toEqual([0, 2]);
    const refused = runs.find((r) => r.code === 2) as { stderr: string };
    // Refused by the lock while the other runs, or by the folder's results once it is done.
    expect(refused.stderr).toMatch(/is in use by another schedbench command \(pid \d+|the folder is not empty/);
    expect(readFileSync(join(out, 'runs.csv'), 'utf8').trim().split('\n')).toHaveLength(1 + 6);
  }, 60_000);
});

describe('--out on an existing folder', () => {
  it('refuses a non-empty folder (exit 2, suggesting --force or --resume); --force deletes only what schedbench wrote', async () => {
    const out = tmp();
    expect((await runCli(['run', BATCH, '--engines', 'oracle', '--seeds', '1', '--workers', '0', '-q', '--detail', '--explain', '--out', out])).code).toBe(0);
    expect(existsSync(join(out, 'tasks.csv'))).toBe(true);
    expect(existsSync(join(out, 'charts', 'tiny-batch--cdf-scheduling.svg')) || readdirSync(join(out, 'charts')).length > 0).toBe(true);
    writeFileSync(join(out, 'notes.md'), 'mine');
    writeFileSync(join(out, 'charts', 'my-figure.svg'), '<svg/>');
    const refused = await runCli(['run', ...PLAN, '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/the folder is not empty/);
    expect(refused.stderr).toMatch(/--resume/);
    expect(refused.stderr).toMatch(/--force/);
    const forced = await runCli(['run', ...PLAN, '--out', out, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    const files = readdirSync(out);
    // The run without --detail/--explain leaves no stale tasks.csv or explain.jsonl, and no old report.
    expect(files).not.toContain('tasks.csv');
    expect(files).not.toContain('explain.jsonl');
    expect(files).not.toContain('report.md');
    expect(readFileSync(join(out, 'notes.md'), 'utf8')).toBe('mine');
    expect(readdirSync(join(out, 'charts'))).toEqual(['my-figure.svg']);
    // Rebuilding the report keeps the user's svg too.
    expect((await runCli(['report', out])).code).toBe(0);
    expect(readdirSync(join(out, 'charts'))).toContain('my-figure.svg');
  });

  it('refuses, before any trial runs, a file, a path under a file, a pseudo file system, an unwritable folder', async () => {
    const dir = tmp();
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const locked = join(dir, 'read-only');
    mkdirSync(locked, { mode: 0o500 });
    const cases: [string, RegExp][] = [
      [file, /is a file, not a folder/],
      [join(file, 'sub'), /is a file, so no folder can be made under it/],
      ['/proc/schedbench', /\/proc is not a place for results/],
      ['/proc', /\/proc is not a place for results/],
    ];
    // root writes anywhere: the unwritable case needs an ordinary user.
    if (process.getuid?.() !== 0) cases.push([join(locked, 'out'), /cannot write results there \(EACCES/]);
    for (const [out, message] of cases) {
      const r = await runCli(['run', ...PLAN.filter((a) => a !== '-q'), '--out', out]);
      expect(r.code, out).toBe(2);
      expect(r.stderr, out).toMatch(message);
      expect(r.stderr, out).not.toMatch(/trial\(s\)|\[1\//);
    }
    rmSync(locked, { recursive: true, force: true });
  });
});
