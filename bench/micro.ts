/**
 * Micro-benchmark harness (`npm run bench:micro [-- <filter>…] [--time=<ms>] [--iterations=<n>]`).
 *
 * `--clock=cpu` times with this process's CPU time instead of the wall clock (for busy machines).
 *
 * Loads every bench/micro/*.bench.ts — each exports `register(bench: Bench): void` (tinybench 5) and
 * optionally `units: Record<taskName, { perOp, unit }>` when one operation stands for many units of
 * work (1 M events, 1 M draws) — runs them one file at a time, prints a table and writes the figures
 * as JSON to results/bench/micro-<UTC timestamp>.json for tracking. A filter keeps the tasks whose
 * `<file>/<task>` contains it (case-insensitive). Wall-clock time is what is measured here; nothing
 * of this runs inside a trial (DESIGN.md §5 rule 3).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, platform, release } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Bench } from 'tinybench';

/** What one operation of a task stands for, e.g. `{ perOp: 1_000_000, unit: 'events' }`. */
export interface BenchUnit {
  readonly perOp: number;
  readonly unit: string;
}

interface BenchModule {
  register(bench: Bench): void;
  units?: Readonly<Record<string, BenchUnit>>;
}

/** One row of the table and of the JSON file. */
interface Row {
  readonly file: string;
  readonly task: string;
  readonly opsPerSecond: number;
  readonly meanMs: number;
  /** Relative margin of error of the mean latency, in percent (95 % confidence). */
  readonly rmePercent: number;
  readonly samples: number;
  readonly throughput?: { readonly perSecond: number; readonly unit: string };
  readonly error?: string;
}

interface Options {
  readonly filters: readonly string[];
  /** Minimum time per task (ms); tinybench's default is 1000. */
  readonly time: number;
  /** Minimum samples per task; tinybench's default (64) would make 1 M-event tasks take minutes. */
  readonly iterations: number;
  /**
   * `wall` (default) or `cpu`: this process's CPU time (user + system, all its threads), which a
   * machine busy with other work does not inflate; use it to compare figures taken under load.
   */
  readonly clock: 'wall' | 'cpu';
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BENCH_DIR = join(ROOT, 'bench', 'micro');

function parseArgs(argv: readonly string[]): Options {
  const filters: string[] = [];
  let time = 1000;
  let iterations = 10;
  let clock: Options['clock'] = 'wall';
  for (const arg of argv) {
    const m = /^--(time|iterations)=(\d+)$/.exec(arg);
    if (m) {
      if (m[1] === 'time') time = Number(m[2]);
      else iterations = Number(m[2]);
    } else if (arg === '--clock=cpu' || arg === '--clock=wall') {
      clock = arg === '--clock=cpu' ? 'cpu' : 'wall';
    } else if (arg.startsWith('--')) {
      throw new Error(`unknown option ${arg} (use --time=<ms>, --iterations=<n>, --clock=wall|cpu, or a filter word)`);
    } else {
      filters.push(arg.toLowerCase());
    }
  }
  return { filters, time, iterations, clock };
}

function matches(filters: readonly string[], file: string, task: string): boolean {
  const id = `${file}/${task}`.toLowerCase();
  return filters.length === 0 || filters.some((f) => id.includes(f));
}

/** CPU time of this process in milliseconds (microsecond resolution). */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

async function runFile(file: string, opts: Options): Promise<Row[]> {
  const mod = (await import(pathToFileURL(join(BENCH_DIR, `${file}.bench.ts`)).href)) as BenchModule;
  if (typeof mod.register !== 'function') throw new Error(`bench/micro/${file}.bench.ts does not export register(bench)`);
  const bench = new Bench({
    name: file,
    time: opts.time,
    iterations: opts.iterations,
    warmupTime: 100,
    warmupIterations: 2,
    ...(opts.clock === 'cpu' ? { now: cpuMs } : {}),
  });
  mod.register(bench);
  for (const name of Object.keys(mod.units ?? {})) {
    if (!bench.getTask(name)) process.stderr.write(`warning: bench/micro/${file}.bench.ts names units for "${name}", which is not a task\n`);
  }
  for (const t of bench.tasks) if (!matches(opts.filters, file, t.name)) bench.remove(t.name);
  if (bench.tasks.length === 0) return [];
  process.stdout.write(`running ${file} (${bench.tasks.length} tasks)…\n`);
  await bench.run();
  return bench.tasks.map((t): Row => {
    const r = t.result;
    if (!r || r.error || !r.latency)
      return { file, task: t.name, opsPerSecond: NaN, meanMs: NaN, rmePercent: NaN, samples: 0, error: r?.error?.message ?? 'no result' };
    const unit = mod.units?.[t.name];
    return {
      file,
      task: t.name,
      opsPerSecond: r.throughput.mean,
      meanMs: r.latency.mean,
      rmePercent: r.latency.rme,
      samples: r.latency.samples.length,
      ...(unit ? { throughput: { perSecond: r.throughput.mean * unit.perOp, unit: unit.unit } } : {}),
    };
  });
}

/** 1234567 → "1.23 M"; keeps three significant digits. */
function si(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const steps: [number, string][] = [
    [1e9, ' G'],
    [1e6, ' M'],
    [1e3, ' k'],
  ];
  for (const [size, suffix] of steps) if (Math.abs(x) >= size) return `${(x / size).toPrecision(3)}${suffix}`;
  return x.toPrecision(3);
}

function duration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms >= 1000) return `${(ms / 1000).toPrecision(3)} s`;
  if (ms >= 1) return `${ms.toPrecision(3)} ms`;
  if (ms >= 1e-3) return `${(ms * 1e3).toPrecision(3)} µs`;
  return `${(ms * 1e6).toPrecision(3)} ns`;
}

function printTable(rows: readonly Row[]): void {
  const header = ['task', 'ops/s', 'mean', '±%', 'samples', 'throughput'];
  const body = rows.map((r) =>
    r.error
      ? [`${r.file}/${r.task}`, 'error', r.error, '', '', '']
      : [
          `${r.file}/${r.task}`,
          si(r.opsPerSecond),
          duration(r.meanMs),
          r.rmePercent.toFixed(2),
          String(r.samples),
          r.throughput ? `${si(r.throughput.perSecond)} ${r.throughput.unit}/s` : '',
        ],
  );
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] as string).length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  process.stdout.write(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${body.map(line).join('\n')}\n`);
}

function gitCommit(): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/** Writes the JSON atomically (temp file, then rename), as every results file is (DESIGN.md §7). */
function writeJson(rows: readonly Row[], opts: Options, started: Date): string {
  const dir = join(ROOT, 'results', 'bench');
  mkdirSync(dir, { recursive: true });
  const stamp = started
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
  const file = join(dir, `micro-${stamp}.json`);
  const doc = {
    kind: 'schedbench-micro',
    startedAt: started.toISOString(),
    commit: gitCommit() ?? null,
    node: process.version,
    platform: `${platform()} ${release()}`,
    cpu: cpus()[0]?.model ?? 'unknown',
    cpus: availableParallelism(),
    loadAverage: loadavg(),
    options: opts,
    results: rows,
  };
  writeFileSync(`${file}.tmp`, `${JSON.stringify(doc, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
  return file;
}

async function main(): Promise<void> {
  let opts: Options;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
    return;
  }
  const started = new Date(); // wall clock: names the results file only
  const files = readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith('.bench.ts'))
    .map((f) => f.slice(0, -'.bench.ts'.length))
    .sort();
  const rows: Row[] = [];
  for (const file of files) rows.push(...(await runFile(file, opts)));
  if (rows.length === 0) {
    process.stderr.write(`no benchmark matches ${opts.filters.join(', ')} (files: ${files.join(', ')})\n`);
    process.exitCode = 2;
    return;
  }
  printTable(rows);
  process.stdout.write(`\nwrote ${writeJson(rows, opts, started)}\n`);
  if (rows.some((r) => r.error)) process.exitCode = 1;
}

await main();
