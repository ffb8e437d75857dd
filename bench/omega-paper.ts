/**
 * The Omega paper's models on the full omega-la input, for `npm run bench:scale` (issue #19): each of
 * monolithic, mesos and omega (resource-fit, incremental) runs scenarios/omega-paper-la.yaml through the
 * registered engine's switch (borg, mesos, omega with `model: omega-paper`) in a child process of its own (one core, its own peak RSS), and the figures are printed next to the peer's
 * (google/cluster-scheduler-simulator at b882f26 on the same job list: docs/reference/omega-simulator.md
 * §6.2, run LA) with their ratios. The job wait is the simulator's "queue time till first scheduled":
 * submission until the model's `job-considered`, taken from the trial's events by a probe; p90 is the
 * simulator's (sorted[floor((n − 1) · 0.9)]) over the jobs considered.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { projectRoot } from '../src/runner/bundle-cache.mjs';

// From bench/ or from the children's bundle under node_modules/.cache/ alike.
const ROOT = projectRoot(import.meta.url);
export const PAPER_SCENARIO = 'omega-paper-la';
export const PAPER_MODELS = ['monolithic', 'mesos', 'omega', 'omega-sn-aon'] as const;
type Model = (typeof PAPER_MODELS)[number];

/** The architecture of a row and its Omega modes: `omega-sn-aon` is omega with sequence-numbers and all-or-nothing (§6.2's "sn/aon"). */
function architectureOf(model: Model): { readonly architecture: 'monolithic' | 'mesos' | 'omega'; readonly variant?: string } {
  return model === 'omega-sn-aon' ? { architecture: 'omega', variant: 'sequence-numbers:all-or-nothing' } : { architecture: model };
}

/** The registered engine that runs each architecture under `model: omega-paper`. */
const ENGINE_OF = { monolithic: 'borg', mesos: 'mesos', omega: 'omega' } as const;

/** The peer's figures (issue #19's table; omega-simulator.md §6.2 run LA) and our speed goals. */
export const PEER: Readonly<Record<Model, Readonly<Record<string, number>>>> = {
  monolithic: { 'batch wait mean': 10.56, 'batch wait p90': 27.4, 'service wait mean': 10.51, 'service wait p90': 27.5, 'busy monolithic': 0.755 },
  mesos: {
    'batch wait mean': 2.456,
    'batch wait p90': 6.87,
    'service wait mean': 1.364,
    'service wait p90': 3.29,
    'busy batch': 0.274,
    'busy service': 0.499,
    'avg cpu locked': 0.476,
    offers: 86_549,
  },
  omega: {
    'batch wait mean': 0.174,
    'batch wait p90': 0.632,
    'service wait mean': 5.05,
    'service wait p90': 15.2,
    'busy batch': 0.256,
    'busy service': 0.503,
    'failed tx batch': 7,
    'failed tx service': 90,
  },
  // omega-simulator.md §6.2, run LA, row "omega sn/aon" (not in the issue's table; a check of the conflict rules).
  'omega-sn-aon': {
    'batch wait mean': 0.18,
    'batch wait p90': 0.66,
    'service wait mean': 40.0,
    'service wait p90': 102,
    'busy batch': 0.261,
    'busy service': 0.856,
    'failed tx batch': 825,
    'failed tx service': 9_169,
    'ok tx service': 12_854,
  },
};
const GOAL_WALL_S: Readonly<Record<Model, number>> = { monolithic: 6, mesos: 60, omega: 7, 'omega-sn-aon': 7 };
const GOAL_RSS_GIB = 2;

/** One model's run. */
export interface PaperRow {
  readonly model: Model;
  readonly status: string;
  readonly error?: string;
  readonly simulatedSeconds: number;
  readonly wallMs: number;
  /** CPU time of the whole child process (user + system, every thread: the collector's too), from its start. */
  readonly cpuMs?: number;
  /** Where that CPU time went: start-up (node, modules), loading (scenario, trace), the run (simulation, observer, summary); and the collector's pauses. */
  readonly cpuByPhaseMs?: Readonly<Record<string, number>>;
  /** Kernel events, intents and metric events by kind. */
  readonly events?: Readonly<Record<string, number>>;
  readonly peakRssBytes: number;
  readonly figures: Readonly<Record<string, number>>;
}

/** CPU time of this process so far (user + system, all threads), in ms. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function p90(xs: number[]): number {
  if (xs.length === 0) return NaN;
  xs.sort((a, b) => a - b);
  return xs[Math.floor((xs.length - 1) * 0.9)] as number;
}

/** Child mode: runs one model on the scenario in this process and prints its row as JSON on the last line. */
export async function paperChild(model: Model, limitMs: number, scenario = PAPER_SCENARIO): Promise<void> {
  let gcMs = 0;
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcMs += e.duration;
  });
  gc.observe({ entryTypes: ['gc'] });
  const { architecture, variant } = architectureOf(model);
  const { loadScenarioFile } = await import('../src/workload/load.js');
  const { runTrial } = await import('../src/runner/trial.js');
  const { expandCluster } = await import('../src/workload/expand.js');
  const { loadTraceTables } = await import('../src/workload/traces/trace-tables.js');
  const { lookupEngine } = await import('../src/runner/engine-lookup.js');
  const { engineOptionsOrThrow } = await import('../src/runner/engine-options.js');
  const file = join(ROOT, 'scenarios', `${scenario}.yaml`);
  const load = loadScenarioFile(file);
  if (!load.ok) throw new Error(`${file}: invalid scenario`);
  const seed = load.scenario.doc.spec.seeds[0] as number;
  // The registered engine whose `model: omega-paper` switch runs this architecture (engines/kit/omega-paper/switch.ts).
  const engine = ENGINE_OF[architecture];
  const factory = lookupEngine(engine);
  if (!factory) throw new Error(`no engine ${engine} is registered`);
  // `variant` "conflictMode:transactionMode" overrides the scenario's Omega modes (e.g. sequence-numbers:all-or-nothing).
  const [conflictMode, transactionMode] = variant?.split(':') ?? [];
  const own = load.scenario.doc.spec.engines[engine] ?? {};
  if (own['model'] !== 'omega-paper') throw new Error(`${file}: spec.engines.${engine}.model must be omega-paper`);
  const doc = {
    ...load.scenario.doc,
    spec: {
      ...load.scenario.doc.spec,
      engines: {
        ...load.scenario.doc.spec.engines,
        [engine]: { ...own, omegaPaper: { ...(own['omegaPaper'] as object), ...(conflictMode ? { conflictMode, transactionMode } : {}) } },
      },
    },
  };
  const engineOptions = engineOptionsOrThrow(doc, engine, file);
  const start = performance.now(); // wall clock: benchmark only
  const beforeLoadMs = cpuMs();
  const nodes = expandCluster(doc);
  const traces = await loadTraceTables(doc, dirname(file), nodes);
  const loadedMs = cpuMs();
  const kinds: Record<string, number> = {};
  const submitted = new Map<string, { workload: string; at: number }>();
  const waits = new Map<string, number[]>();
  const r = runTrial(
    {
      index: 0,
      id: `${scenario}/${engine}-${model}/seed-${seed}`,
      scenario,
      doc,
      scenarioDir: dirname(file),
      engine,
      engineOptions,
      seed,
      wallClockLimitMs: limitMs,
    },
    {
      onIntent: (i) => {
        kinds[`intent ${i.kind}`] = (kinds[`intent ${i.kind}`] ?? 0) + 1;
        if (i.kind === 'job-submitted') submitted.set(i.job.name, { workload: i.job.workload, at: i.time });
      },
      onEvent: (e) => {
        kinds[e.kind] = (kinds[e.kind] ?? 0) + 1;
        if (e.kind !== 'job-considered') return;
        const s = submitted.get(e.job);
        if (!s) return;
        submitted.delete(e.job);
        let list = waits.get(s.workload);
        if (!list) waits.set(s.workload, (list = []));
        list.push((e.time - s.at) / 1e6);
      },
    },
    { nodes, traces, factory },
    start,
  );
  const ranMs = cpuMs();
  // The collector's entries arrive on a later turn of the event loop.
  await new Promise((resolve) => setImmediate(resolve));
  gc.disconnect();
  const figures: Record<string, number> = {};
  for (const [workload, list] of waits) {
    figures[`${workload} wait mean`] = list.reduce((a, b) => a + b, 0) / list.length;
    figures[`${workload} wait p90`] = p90(list);
    figures[`${workload} jobs considered`] = list.length;
  }
  const counters = r.metrics?.counters ?? {};
  for (const [k, v] of Object.entries(counters)) {
    const busy = /^busy:(?:mesos-|omega-)?(.+)$/.exec(k);
    if (busy) figures[`busy ${busy[1] as string}`] = v;
    // Engine counters are kept as `counter:<name>` (the observer's counters.csv rows).
    const failed = /^(?:counter:)?tx-failed:omega-(.+)$/.exec(k);
    if (failed) figures[`failed tx ${failed[1] as string}`] = v;
    const ok = /^(?:counter:)?tx-committed:omega-(.+)$/.exec(k);
    if (ok) figures[`ok tx ${ok[1] as string}`] = v;
    if (/^(?:counter:)?offers-made:/.test(k)) figures['offers'] = (figures['offers'] ?? 0) + v;
    if (/^locked-avg:.*:cpu$/.test(k)) figures['avg cpu locked'] = (figures['avg cpu locked'] ?? 0) + v;
  }
  if (architecture === 'omega') for (const w of ['batch', 'service']) figures[`failed tx ${w}`] ??= 0;
  const row: PaperRow = {
    model,
    status: r.status,
    ...(r.error !== undefined ? { error: r.error.split('\n')[0] as string } : {}),
    simulatedSeconds: r.simulatedSeconds,
    wallMs: performance.now() - start, // wall clock: benchmark only
    cpuMs: ranMs,
    cpuByPhaseMs: {
      'start-up (node, modules, scenario file)': beforeLoadMs,
      'load (machines, trace)': loadedMs - beforeLoadMs,
      'run (simulation, observer, summary)': ranMs - loadedMs,
      'collector pauses (within the above)': gcMs,
    },
    events: { 'kernel events': r.events, ...kinds },
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    figures,
  };
  process.stdout.write(`\n${JSON.stringify(row)}\n`);
}

/** Runs one model in a child process (`node <childArgs>`: the bench's bundle, or tsx) and parses its row. */
export function runPaperChild(childArgs: readonly string[], model: Model, limitMs: number): Promise<PaperRow> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [...childArgs, '--paper-child', model, String(limitMs)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.on('close', (code) => {
      try {
        resolve(JSON.parse(out.trim().split('\n').pop() ?? '') as PaperRow);
      } catch {
        resolve({ model, status: 'crashed', error: `child exited with ${code}`, simulatedSeconds: 0, wallMs: 0, peakRssBytes: 0, figures: {} });
      }
    });
  });
}

const fmt = (x: number | undefined): string => (x === undefined || Number.isNaN(x) ? '—' : Math.abs(x) >= 1000 ? x.toFixed(0) : x.toPrecision(3));

/** The markdown section: per model, ours / peer / ratio for each of the peer's figures, then wall time and RSS against the goals. */
export function paperSection(rows: readonly PaperRow[]): string[] {
  const lines = ['', `## The Omega paper's models on omega-la (${PAPER_SCENARIO}) next to the peer's`, ''];
  lines.push(
    'Goal: every figure within ±10 % of the peer (ratio 0.90–1.10); wall ≤ 6 s monolithic, ≤ 60 s mesos, ≤ 7 s omega, peak RSS ≤ 2 GiB, one core.',
    '',
  );
  lines.push('| model | figure | ours | peer | ratio |', '|---|---|---|---|---|');
  for (const r of rows) {
    for (const [name, peer] of Object.entries(PEER[r.model])) {
      const ours = r.figures[name];
      const ratio = ours === undefined ? undefined : peer === 0 ? (ours === 0 ? 1 : Infinity) : ours / peer;
      const mark = ratio === undefined ? '' : ratio >= 0.9 && ratio <= 1.1 ? ' ✔' : ' ✘';
      lines.push(`| ${r.model} | ${name} | ${fmt(ours)} | ${fmt(peer)} | ${ratio === undefined ? '—' : ratio.toFixed(2)}${mark} |`);
    }
  }
  lines.push(
    '',
    "CPU s: user + system time of the model's whole child process (every thread), which machine load moves far less than wall time; the goal is checked on it.",
    '',
    '| model | status | simulated s | CPU s | wall s | goal s | peak RSS GiB |',
    '|---|---|---|---|---|---|---|',
  );
  for (const r of rows) {
    const cpuS = r.cpuMs === undefined ? undefined : r.cpuMs / 1000;
    const timed = cpuS ?? r.wallMs / 1000;
    lines.push(
      `| ${r.model} | ${r.status}${r.error ? ` (${r.error})` : ''} | ${r.simulatedSeconds.toFixed(0)} | ${cpuS === undefined ? '—' : cpuS.toFixed(1)} ${timed <= GOAL_WALL_S[r.model] ? '✔' : '✘'} | ${(r.wallMs / 1000).toFixed(1)} | ${GOAL_WALL_S[r.model]} | ${(r.peakRssBytes / 2 ** 30).toFixed(2)} ${r.peakRssBytes / 2 ** 30 <= GOAL_RSS_GIB ? '✔' : '✘'} |`,
    );
  }
  for (const r of rows) {
    if (r.cpuByPhaseMs === undefined && r.events === undefined) continue;
    lines.push('', `Where the time of ${r.model} went:`, '');
    for (const [phase, ms] of Object.entries(r.cpuByPhaseMs ?? {})) lines.push(`- ${phase}: ${(ms / 1000).toFixed(2)} s`);
    const events = Object.entries(r.events ?? {}).sort((a, b) => b[1] - a[1]);
    if (events.length > 0) lines.push(`- events: ${events.map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`).join(', ')}`);
  }
  return lines;
}
