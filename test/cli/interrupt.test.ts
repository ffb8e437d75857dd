import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';

const BIN = new URL('../../bin/schedbench.js', import.meta.url).pathname;

/**
 * About a second of wall time per oracle trial (two hours of virtual time, thousands of batch
 * tasks, a crash), so that Ctrl-C lands while later trials are still running.
 */
const SLOW_SCENARIO = `apiVersion: schedbench/v1
kind: Scenario
metadata:
  name: slow
spec:
  duration: 2h
  seeds: [1, 2, 3, 4]
  cluster:
    nodeGroups:
      - name: node
        count: 40
        resources: { cpu: 16, memory: 64Gi }
  workloads:
    - kind: Service
      name: web
      replicas: 100
      resources: { cpu: 1, memory: 1Gi }
    - kind: BatchJob
      name: jobs
      tasks: { kind: uniform, min: 1, max: 8 }
      resources: { cpu: 1, memory: 1Gi }
      duration: { kind: exponential, mean: 30s }
      arrivals: { meanInterArrival: 1s, count: 4000 }
  events:
    - kind: crash
      at: 5m
      nodes: { count: 3 }
      recoverAfter: 2m
`;

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

/** Runs the CLI; with `interruptAfter`, sends SIGINT once stderr shows that many trials finished. */
function schedbench(args: readonly string[], interruptAfter?: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let sent = false;
    const guard = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      // Progress on a pipe is one line per finished trial: `[k/n] <id> <status> (…)`.
      const finished = (stderr.match(/^\[\d+\/\d+\] /gm) ?? []).length;
      if (interruptAfter !== undefined && !sent && finished >= interruptAfter) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      resolve({ code, signal, stderr });
    });
  });
}

/** Every file of a results folder but perf.csv, by name. */
function deterministicFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir).sort()) if (f !== 'perf.csv' && f.includes('.') && !f.startsWith('.')) out[f] = readFileSync(join(dir, f), 'utf8');
  return out;
}

describe('Ctrl-C during schedbench run', () => {
  it('writes the finished trials whole, exits 130, and --resume runs only the rest, ending with the uninterrupted files', async () => {
    const base = mkdtempSync(join(tmpdir(), 'schedbench-interrupt-'));
    const scenario = join(base, 'slow.yaml');
    writeFileSync(scenario, SLOW_SCENARIO);
    const common = ['run', scenario, '--engines', 'oracle', '--workers', '1', '--no-report'];
    const whole = join(base, 'whole');
    const cut = join(base, 'cut');

    // The reference run and the interrupted one side by side (two cores): the suite stays fast.
    const [reference, interrupted] = await Promise.all([schedbench([...common, '--out', whole]), schedbench([...common, '--out', cut], 1)]);
    expect(reference.code, reference.stderr).toBe(0);
    expect(interrupted.code, interrupted.stderr).toBe(130);
    expect(interrupted.stderr).toMatch(/interrupted: \d+ of 4 trial\(s\) written/);
    // The hint names only the folder: the plan is read from its meta.json.
    expect(interrupted.stderr).toContain(`continue with: schedbench run --resume ${cut}`);

    // Finished trials are written, and nothing is half-written: no temp file left, every file parses.
    const files = readdirSync(cut);
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const trials = readFileSync(join(cut, 'trials.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; status: string });
    expect(trials.length).toBeGreaterThanOrEqual(1);
    expect(trials.length).toBeLessThan(4);
    expect(trials.every((t) => t.status === 'ok')).toBe(true);
    for (const f of files.filter((x) => x.endsWith('.csv'))) {
      const rows = parse(readFileSync(join(cut, f), 'utf8'), { columns: true }) as Record<string, string>[];
      if (f === 'runs.csv') expect(rows).toHaveLength(trials.length);
    }
    JSON.parse(readFileSync(join(cut, 'meta.json'), 'utf8'));

    // --resume, as the hint says it, runs only what is missing and ends with the files of the uninterrupted run.
    const resumed = await schedbench(['run', '--resume', cut, '--workers', '1', '--no-report']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`${4 - trials.length} to run`);
    expect(resumed.stderr).toContain(`${trials.length} already done`);
    expect((resumed.stderr.match(/^\[\d+\/\d+\] /gm) ?? []).length).toBe(4 - trials.length);
    expect(deterministicFiles(cut)).toEqual(deterministicFiles(whole));
  }, 180_000);
});
