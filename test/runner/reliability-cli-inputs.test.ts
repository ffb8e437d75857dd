import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWorkers } from '../../src/cli/run-inputs.js';
import { RENDERING_WORKER } from '../../src/report/rendering-worker.js';
import { createProgress } from '../../src/cli/progress.js';
import { planTrials } from '../../src/runner/plan.js';
import { runTrialsWith } from '../../src/runner/pool.js';
import { type TrialProgress } from '../../src/runner/trial-progress.js';
import { runCli } from '../support/cli.js';
import { scenarioFromYaml } from '../support/scenario.js';

/*
 * Reliability of the CLI (issue 13): bad input is a message and exit 2, never a stack trace or a
 * silent run of nothing; work that can never be placed is said; a comparison of runs with different
 * inputs is refused unless asked for; a long trial shows how far it has got.
 */

const BIN = new URL('../../bin/schedbench.js', import.meta.url).pathname;
const FIXTURES = new URL('../fixtures/cli/', import.meta.url).pathname;
const BATCH = join(FIXTURES, 'tiny-batch.yaml');
const QUICK = ['--workers', '0', '-q', '--no-report'];
const tmp = (): string => mkdtempSync(join(tmpdir(), 'schedbench-rel-inputs-'));
const noStack = /\n\s+at /;

describe('a folder that is not a results folder', () => {
  it('is a message and exit 2 for report and merge: missing, not results, a file, a truncated meta.json', async () => {
    const empty = tmp();
    const file = join(empty, 'file.txt');
    writeFileSync(file, 'x');
    const truncated = tmp();
    expect((await runCli(['run', BATCH, '--engines', 'oracle', '--seeds', '1', ...QUICK, '--out', truncated])).code).toBe(0);
    const meta = join(truncated, 'meta.json');
    writeFileSync(meta, readFileSync(meta, 'utf8').slice(0, 100));
    const cases: [string[], RegExp][] = [
      [['report', join(empty, 'missing')], /missing: no such folder/],
      [['report', empty], /is not a results folder \(no meta\.json\)/],
      [['report', file], /is a file, not a results folder/],
      [['report', truncated], /meta\.json: not valid JSON .*cut off/],
      [['merge', join(empty, 'missing'), '--out', join(empty, 'm')], /no such folder/],
      [['merge', file, '--out', join(empty, 'm')], /is a file, not a results folder/],
      [['report', '--compare', empty, truncated], /not a results folder|not valid JSON/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr, args.join(' ')).not.toMatch(noStack);
    }
  });
});

describe('schedbench list | head -1', () => {
  it('ends quietly when the reader goes away', () => {
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" list | head -1; exit "\${PIPESTATUS[0]}"`], { encoding: 'utf8' });
    expect(r.stdout).toBe('Scenarios (scenarios/):\n');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('lists and counts on the command line', () => {
  it('refuses an empty --seeds or --engines (exit 2) instead of running nothing', async () => {
    for (const flags of [
      ['--seeds', ''],
      ['--engines', ','],
      ['--engines', ' , '],
    ]) {
      const r = await runCli(['run', BATCH, ...flags, ...QUICK, '--out', tmp()]);
      expect(r.code, flags.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/names nothing/);
    }
  });

  it('runs a seed or engine given twice once, with a warning', async () => {
    const out = tmp();
    const r = await runCli(['run', BATCH, '--engines', 'oracle,oracle', '--seeds', '1,1', ...QUICK, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/--engines: oracle given more than once; each runs once/);
    expect(r.stderr).toMatch(/--seeds: 1 given more than once/);
    expect(readFileSync(join(out, 'runs.csv'), 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('caps --workers at the core count with a warning', () => {
    const warnings: string[] = [];
    expect(parseWorkers('1000', (l) => warnings.push(l), 2)).toBe(2);
    expect(warnings).toEqual(["warning: --workers 1000 is more than this machine's 2 core(s); using 2"]);
    expect(parseWorkers('0', (l) => warnings.push(l), 2)).toBe(0);
    expect(() => parseWorkers('-1', () => undefined, 2)).toThrow(/not a whole number/);
  });

  it('starts with the plan in numbers: scenarios × engines × seeds = trials', async () => {
    const r = await runCli(['run', BATCH, '--engines', 'oracle,mesos', '--workers', '0', '--no-report', '--out', tmp()]);
    expect(r.stderr).toContain('schedbench: 1 scenario(s) × 2 engine(s) × 2 seed(s) = 4 trial(s)');
    expect(r.stderr).toContain('4 to run, on 0 worker(s)');
  });
});

const UNFITTABLE = `apiVersion: schedbench/v1
kind: Scenario
metadata:
  name: never-fits
spec:
  duration: 1m
  seeds: [1]
  cluster:
    nodeGroups:
      - name: node
        count: 2
        resources: { cpu: 2, memory: 4Gi }
  workloads:
    - kind: Service
      name: web
      replicas: 5
      resources: { cpu: 1, memory: 1Gi }
    - kind: BatchJob
      name: huge
      tasks: 1
      resources: { cpu: 8, memory: 1Gi }
      duration: 10s
      submitAt: 1s
`;

describe('work that can never be placed', () => {
  it('is said on the console at the end of the run, recorded in meta.json and shown in the report', async () => {
    const dir = tmp();
    const scenario = join(dir, 'never-fits.yaml');
    writeFileSync(scenario, UNFITTABLE);
    const out = join(dir, 'out');
    const r = await runCli(['run', scenario, '--engines', 'oracle', '--workers', '0', '-q', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: never-fits: service web asks for 5 replicas but the whole cluster holds at most 4/);
    expect(r.stderr).toMatch(/warning: never-fits: a task of workload huge is larger than every node it may run on/);
    const meta = JSON.parse(readFileSync(join(out, 'meta.json'), 'utf8')) as { scenarios: { warnings?: unknown[] }[] };
    expect(meta.scenarios[0]?.warnings).toEqual([
      { workload: 'web', kind: 'replicas-exceed-capacity', replicas: 5, capacity: 4 },
      { workload: 'huge', kind: 'task-fits-no-node' },
    ]);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('Service web asks for 5 replicas, but the whole cluster holds at most 4');
    expect(readFileSync(join(out, 'report.zh-CN.md'), 'utf8')).toContain('服务 web 需要 5 个副本');
  });
});

describe('report --compare', () => {
  it('refuses runs of other seeds or another scenario text (exit 2, naming each); --allow-different compares with a warning', async () => {
    const dir = tmp();
    const run = async (out: string, seeds: string, scenario = BATCH): Promise<string> => {
      expect((await runCli(['run', scenario, '--engines', 'oracle', '--seeds', seeds, ...QUICK, '--out', join(dir, out)])).code).toBe(0);
      return join(dir, out);
    };
    const a = await run('a', '1');
    const same = await run('same', '1');
    const otherSeed = await run('seed-2', '2');
    const changed = join(dir, 'tiny-batch.yaml');
    writeFileSync(changed, readFileSync(BATCH, 'utf8').replace('count: 5', 'count: 6'));
    const otherText = await run('other-text', '1', changed);

    expect((await runCli(['report', '--compare', a, same, '--out', join(dir, 'cmp-same')])).code).toBe(0);
    expect(readFileSync(join(dir, 'cmp-same', 'comparison.md'), 'utf8')).not.toMatch(/Warning/);

    const seeds = await runCli(['report', '--compare', a, otherSeed, '--out', join(dir, 'cmp-seeds')]);
    expect(seeds.code).toBe(2);
    expect(seeds.stderr).toMatch(/did not run the same inputs/);
    expect(seeds.stderr).toMatch(/scenario tiny-batch ran other seeds \(A: 1; B: 2\)/);
    const text = await runCli(['report', '--compare', a, otherText, '--out', join(dir, 'cmp-text')]);
    expect(text.code).toBe(2);
    expect(text.stderr).toMatch(/scenario tiny-batch is another file text \(SHA-256 [0-9a-f]{12}… in A, [0-9a-f]{12}… in B\)/);

    const allowed = await runCli(['report', '--compare', a, otherSeed, '--allow-different', '--out', join(dir, 'cmp-allowed')]);
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toMatch(/warning: scenario tiny-batch ran other seeds/);
    const md = readFileSync(join(dir, 'cmp-allowed', 'comparison.md'), 'utf8');
    expect(md.split('\n').find((l) => l.length > 0 && !l.startsWith('#'))).toMatch(/^\*\*Warning: the two runs did not get the same input/);
    expect(md).toContain('scenario tiny-batch ran other seeds (A: 1; B: 2)');
  });
});

const LONG = `apiVersion: schedbench/v1
kind: Scenario
metadata:
  name: long
spec:
  duration: 4h
  seeds: [1]
  cluster:
    nodeGroups:
      - name: node
        count: 40
        resources: { cpu: 16, memory: 64Gi }
  workloads:
    - kind: BatchJob
      name: jobs
      tasks: { kind: uniform, min: 1, max: 8 }
      resources: { cpu: 1, memory: 1Gi }
      duration: { kind: exponential, mean: 30s }
      arrivals: { meanInterArrival: 1s, count: 14000 }
`;

describe('progress of a long trial', () => {
  it('comes from the worker thread every ~2 s with the virtual time reached', async () => {
    const plan = planTrials([scenarioFromYaml(LONG, 'long.yaml')], { engines: ['oracle'] });
    if (!plan.ok) throw new Error(plan.errors.join('\n'));
    const seen: TrialProgress[] = [];
    const [result] = (await runTrialsWith(RENDERING_WORKER, plan.trials, { workers: 1, onProgress: (p) => seen.push(p) })).flat();
    expect(result?.head.status).toBe('ok');
    // Only a trial that runs past 2 s reports; on a fast machine this one may not.
    if ((result?.head.perf.wallMs ?? 0) > 3_000) expect(seen.length, `${result?.head.perf.wallMs} ms`).toBeGreaterThan(0);
    else console.warn(`the long trial took ${result?.head.perf.wallMs} ms: too fast to see progress`);
    for (const p of seen) {
      expect(p.id).toBe('long/oracle/seed-1');
      expect(p.simulatedSeconds).toBeGreaterThan(0);
      expect(p.simulatedSeconds).toBeLessThanOrEqual(result?.head.simulatedSeconds ?? 0);
      expect(p.wallMs).toBeGreaterThanOrEqual(2_000);
    }
  }, 60_000);

  it('is a line at most every 10 s per trial when the output is not a terminal', () => {
    let text = '';
    const stream = { isTTY: false, write: (s: string) => ((text += s), true) } as unknown as NodeJS.WriteStream;
    const progress = createProgress(2, stream);
    const at = (index: number, wallMs: number, simulatedSeconds: number): void =>
      progress.running({ index, id: `s/oracle/seed-${index}`, simulatedSeconds, events: 1, wallMs });
    at(0, 2_000, 10);
    at(0, 10_500, 3_723);
    at(1, 10_600, 60);
    at(0, 14_000, 4_000);
    at(0, 20_600, 7_200);
    expect(text.trimEnd().split('\n')).toEqual([
      '  … s/oracle/seed-0 running: 1h2m3s of virtual time reached (11 s)',
      '  … s/oracle/seed-1 running: 1m of virtual time reached (11 s)',
      '  … s/oracle/seed-0 running: 2h of virtual time reached (21 s)',
    ]);
  });
});
