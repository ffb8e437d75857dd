/**
 * Memory over simulated time (`npm run bench:memory [-- --scenario=omega-la] [--engine=kubernetes]
 * [--hours=24] [--every=15m] [--limit=<s>] [--runs=gc,no-gc] [--parallel]`).
 *
 * Runs one scenario on one engine twice, each in a child process of its own (one core, its own
 * memory): `gc` with the engine's options as the scenario sets them (for Kubernetes: the PodGC
 * controller at its default `--terminated-pod-gc-threshold` 12,500) and `no-gc` with the
 * Kubernetes engine's `podGC.terminatedPodGCThreshold: 0` (terminated pods are never deleted, the
 * model before PodGC). Every `--every` of simulated time each child records the objects the
 * Kubernetes store holds (pods and all kinds), the process's RSS and the live heap (after a full
 * collection: the children run with --expose-gc). A child stops at `--hours` of simulated time or
 * after `--limit` seconds of wall time (default 300), whichever comes first. Writes
 * results/bench/memory-<scenario>-<engine>-<UTC>.csv (one row per sample and run) and a chart of
 * both series (.svg) beside it. Wall-clock time and process memory are read here, between chunks
 * of simulated time, never inside a trial.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'csv-stringify/sync';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MIB = 2 ** 20;

/** One sample of one run. */
interface Sample {
  readonly run: string;
  readonly simHours: number;
  readonly wallS: number;
  readonly events: number;
  readonly pods: number;
  readonly storeObjects: number;
  readonly rssMiB: number;
  readonly heapUsedMiB: number;
}

/** The runs this benchmark knows: the scenario as it is, and the same with terminated pods never collected. */
const RUNS: Readonly<Record<string, (raw: Record<string, unknown>) => Record<string, unknown>>> = {
  gc: (raw) => raw,
  'no-gc': (raw) => ({ ...raw, podGC: { ...((raw.podGC as object | undefined) ?? {}), terminatedPodGCThreshold: 0 } }),
};

/** Child mode: runs the trial in steps of `everyS` simulated seconds and prints one JSON sample per step. */
async function child(scenario: string, engine: string, run: string, hours: number, everyS: number, limitMs: number): Promise<void> {
  const { loadScenarioFile } = await import('../src/workload/load.js');
  const { buildTrial } = await import('../src/runner/trial.js');
  const { engineOptionsOrThrow } = await import('../src/runner/engine-options.js');
  const { expandCluster } = await import('../src/workload/expand.js');
  const { loadTraceTables } = await import('../src/workload/traces/trace-tables.js');
  const { KubernetesEngine } = await import('../src/engines/kubernetes/kubernetes-engine.js');
  const file = join(ROOT, 'scenarios', `${scenario}.yaml`);
  const load = loadScenarioFile(file);
  if (!load.ok) throw new Error(`${file}: invalid scenario`);
  const original = load.scenario.doc;
  const engines = original.spec.engines as Record<string, Record<string, unknown> | undefined>;
  const adjust = RUNS[run];
  if (adjust === undefined) throw new Error(`unknown run "${run}" (known: ${Object.keys(RUNS).join(', ')})`);
  const horizon = Math.min(original.spec.duration, Math.round(hours * 3600e6));
  const doc = {
    ...original,
    spec: { ...original.spec, duration: horizon, engines: { ...engines, [engine]: engine === 'kubernetes' ? adjust(engines[engine] ?? {}) : engines[engine] } },
  } as typeof original;
  const seed = doc.spec.seeds[0] as number;
  const nodes = expandCluster(doc);
  const traces = doc.spec.workloads.some((w) => w.kind === 'Trace') ? await loadTraceTables(doc, dirname(file), nodes) : undefined;
  const start = performance.now(); // wall clock: this benchmark's figures only
  const built = buildTrial(
    {
      index: 0,
      id: `${scenario}/${engine}/seed-${seed}`,
      scenario,
      doc,
      scenarioDir: dirname(file),
      engine,
      engineOptions: engineOptionsOrThrow(doc, engine, file),
      seed,
    },
    undefined,
    { nodes, ...(traces ? { traces } : {}) },
  );
  const gc = (globalThis as { gc?: () => void }).gc;
  const step = Math.round(everyS * 1e6);
  for (let t = 0; t <= horizon; t += step) {
    built.sim.run(t as Parameters<typeof built.sim.run>[0]);
    gc?.();
    const counts = built.engine instanceof KubernetesEngine ? built.engine.api.objectCounts() : {};
    const memory = process.memoryUsage();
    const sample: Sample = {
      run,
      simHours: t / 3600e6,
      wallS: (performance.now() - start) / 1000,
      events: built.sim.eventsProcessed,
      pods: counts.Pod ?? 0,
      storeObjects: Object.values(counts).reduce((a, b) => a + b, 0),
      rssMiB: memory.rss / MIB,
      heapUsedMiB: memory.heapUsed / MIB,
    };
    process.stdout.write(`${JSON.stringify(sample)}\n`);
    if (performance.now() - start > limitMs) break;
  }
}

/** Runs one child (tsx loader, --expose-gc) and collects its samples, echoing progress. */
function runChild(args: readonly string[]): Promise<Sample[]> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--child', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const samples: Sample[] = [];
    let buffer = '';
    p.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith('{')) continue;
        const s = JSON.parse(line) as Sample;
        samples.push(s);
        process.stdout.write(
          `  ${s.run} ${s.simHours.toFixed(2)} h: ${s.pods} pods, ${s.storeObjects} objects, RSS ${s.rssMiB.toFixed(0)} MiB (${s.wallS.toFixed(0)} s)\n`,
        );
      }
    });
    p.on('close', () => resolve(samples));
  });
}

/** A chart of pods in the store, RSS and live heap over simulated hours, one line per run (Vega-Lite, rendered as the report does). */
async function chart(samples: readonly Sample[], title: string): Promise<string> {
  const { renderSvg } = await import('../src/report/render-svg.js');
  const values = samples.flatMap((s) => [
    { run: s.run, hours: s.simHours, panel: 'pods in the store', value: s.pods },
    { run: s.run, hours: s.simHours, panel: 'RSS (MiB)', value: Math.round(s.rssMiB) },
    { run: s.run, hours: s.simHours, panel: 'live heap after a full GC (MiB)', value: Math.round(s.heapUsedMiB) },
  ]);
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    data: { values },
    facet: { row: { field: 'panel', type: 'nominal', title: null } },
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: 560,
      height: 180,
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'hours', type: 'quantitative', title: 'simulated hours' },
        y: { field: 'value', type: 'quantitative', title: null },
        color: { field: 'run', type: 'nominal', title: 'run' },
      },
    },
  };
  return renderSvg(spec as Parameters<typeof renderSvg>[0], 'memory');
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') {
    const [scenario, engine, run, hours, every, limit] = argv.slice(1);
    await child(scenario as string, engine as string, run as string, Number(hours), Number(every), Number(limit));
    return;
  }
  const opt = (name: string): string | undefined => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const scenario = opt('scenario') ?? 'omega-la';
  const engine = opt('engine') ?? 'kubernetes';
  const hours = Number(opt('hours') ?? 24);
  const every = opt('every') ?? '15m';
  const everyS = Number(/^(\d+)m$/.exec(every)?.[1] ?? NaN) * 60 || Number(/^(\d+)s?$/.exec(every)?.[1] ?? NaN);
  if (!(everyS > 0)) throw new Error(`--every=${every}: give minutes (15m) or seconds (900)`);
  const limitS = Number(opt('limit') ?? 300);
  const runs = (opt('runs') ?? 'gc,no-gc').split(',');
  const started = new Date(); // wall clock: names the results file only
  const samples: Sample[] = [];
  const one = (run: string): Promise<Sample[]> => {
    process.stdout.write(`running ${scenario} on ${engine} (${run}) for up to ${hours} simulated hours or ${limitS} s…\n`);
    return runChild([scenario, engine, run, String(hours), String(everyS), String(limitS * 1000)]);
  };
  // `--parallel`: the runs at the same time (one process each), for a machine with a core per run.
  if (argv.includes('--parallel')) for (const s of await Promise.all(runs.map(one))) samples.push(...s);
  else for (const run of runs) samples.push(...(await one(run)));
  const dir = join(ROOT, 'results', 'bench');
  mkdirSync(dir, { recursive: true });
  const stamp = started
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
  let commit = '';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    commit = 'unknown';
  }
  const base = join(dir, `memory-${scenario}-${engine}-${stamp}`);
  const csv = stringify(
    samples.map((s) => ({
      run: s.run,
      sim_hours: s.simHours.toFixed(3),
      wall_s: s.wallS.toFixed(1),
      events: s.events,
      pods: s.pods,
      store_objects: s.storeObjects,
      rss_mib: s.rssMiB.toFixed(1),
      heap_used_mib: s.heapUsedMiB.toFixed(1),
    })),
    { header: true },
  );
  const svg = await chart(samples, `${scenario} on ${engine} (${commit}): pods in the store and RSS, with PodGC (gc) and without (no-gc)`);
  for (const [ext, text] of [
    ['csv', csv],
    ['svg', svg],
  ] as const) {
    writeFileSync(`${base}.${ext}.tmp`, text);
    renameSync(`${base}.${ext}.tmp`, `${base}.${ext}`);
    process.stdout.write(`wrote ${base}.${ext}\n`);
  }
}

await main();
