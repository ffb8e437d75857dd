import { Cluster } from '../cluster/cluster-state.js';
import { createLatencySampler } from '../cluster/latency.js';
import { Network } from '../cluster/network.js';
import { type Engine } from '../engines/engine.js';
import { lookupEngine } from './engine-lookup.js';
import { type MetricEvent } from '../metrics/events.js';
import { Observer } from '../metrics/observer.js';
import { Rng } from '../sim/rng.js';
import { PRIORITY, type RunOutcome, Simulator } from '../sim/simulator.js';
import { addTime, type SimTime, toSeconds } from '../sim/time.js';
import { expandCluster, expandWorkload } from '../workload/expand.js';
import { type Fault, type Intent, type Perturbation } from '../intents/index.js';
import { loadTraceTables, type TraceTables } from '../workload/traces/trace-tables.js';
import { TraceFeed } from '../workload/traces/trace-feed.js';
import { applyFault, createEngineContext } from './engine-context.js';
import { PROGRESS_EVERY_MS, type ProgressListener } from './trial-progress.js';
import { type TrialResult, type TrialSpec } from './trial-types.js';

/**
 * A read-only tap into one trial, for property tests: it sees every intent the engine is handed and
 * every fault the harness applies (just before), and every metric event (cluster truth and engine
 * reports) as the observer does. It must not change anything; a trial without a probe is unchanged.
 */
export interface TrialProbe {
  onIntent?(intent: Intent): void;
  onFault?(fault: Fault): void;
  onEvent?(event: MetricEvent): void;
}

/** Events run between two wall-clock checks. */
const CHUNK = 20_000;

/** Thrown when a trial's engine options are invalid: bad input, not a failed trial. */
export class EngineOptionsError extends Error {}

/**
 * Runs one trial: builds fresh live state from the immutable spec (simulator, cluster, network,
 * engine, observer), feeds the expanded workload and faults, runs to the horizon, and returns the
 * metrics as plain data. Pure: the same spec gives the same result in a worker thread or not.
 * An exception inside the simulation becomes a failed result carrying the error. `onProgress`, if
 * given, hears the virtual time reached every {@link PROGRESS_EVERY_MS} of wall time (checked
 * between event chunks, like the wall-clock limit; it never changes what is computed).
 */
export function runTrial(spec: TrialSpec, probe?: TrialProbe, traces?: TraceTables, wallStartMs?: number, onProgress?: ProgressListener): TrialResult {
  const wallStart = wallStartMs ?? performance.now(); // wall-clock: harness cost only (perf.csv)
  let sim: Simulator | undefined;
  try {
    const built = buildTrial(spec, probe, traces);
    sim = built.sim;
    const horizon = spec.doc.spec.duration;
    const budget = spec.doc.spec.limits.eventBudget;
    const limitMs = spec.wallClockLimitMs ?? spec.doc.spec.limits.wallClock / 1000;
    let outcome: RunOutcome;
    let events = 0;
    let timedOut = false;
    let reportedAt = wallStart;
    for (;;) {
      outcome = sim.run(horizon, Math.min(CHUNK, budget - events));
      events += outcome.events;
      if (outcome.reason !== 'event-budget') break;
      if (events >= budget) break;
      const wallNow = performance.now(); // wall-clock: harness guard and progress only
      if (onProgress && wallNow - reportedAt >= PROGRESS_EVERY_MS) {
        reportedAt = wallNow;
        onProgress({ index: spec.index, id: spec.id, simulatedSeconds: toSeconds(sim.now()), events, wallMs: wallNow - wallStart });
      }
      if (wallNow - wallStart > limitMs) {
        // wall-clock: the limit is a harness guard, it never changes what the simulation computes
        timedOut = true;
        break;
      }
    }
    const end = sim.now();
    const metrics = built.observer.finish(end);
    const status = timedOut ? 'timeout' : outcome.reason === 'event-budget' ? 'event-budget' : 'ok';
    return {
      ...identity(spec),
      status,
      ...(status === 'timeout' ? { error: `wall-clock limit of ${limitMs} ms reached at ${toSeconds(end)} s of virtual time` } : {}),
      ...(status === 'event-budget' ? { error: `event budget of ${budget} events reached at ${toSeconds(end)} s of virtual time` } : {}),
      stopReason: outcome.reason,
      simulatedSeconds: toSeconds(end),
      events,
      metrics,
      perf: perf(wallStart, events),
    };
  } catch (err) {
    if (err instanceof EngineOptionsError) throw err;
    const events = sim?.eventsProcessed ?? 0;
    return {
      ...identity(spec),
      status: 'failed',
      error: describeError(err),
      simulatedSeconds: sim ? toSeconds(sim.now()) : 0,
      events,
      perf: perf(wallStart, events),
    };
  }
}

function identity(spec: TrialSpec): Pick<TrialResult, 'index' | 'id' | 'scenario' | 'engine' | 'seed' | 'sweep'> {
  return { index: spec.index, id: spec.id, scenario: spec.scenario, engine: spec.engine, seed: spec.seed, ...(spec.sweep ? { sweep: spec.sweep } : {}) };
}

function perf(wallStart: number, events: number): TrialResult['perf'] {
  const wallMs = performance.now() - wallStart; // wall-clock: perf.csv only
  return { wallMs, events, eventsPerSecond: wallMs > 0 ? (events * 1000) / wallMs : 0, peakRssBytes: process.memoryUsage().rss };
}

/**
 * Loads the trial's trace files (I/O, in the worker that runs the trial; tables are cached per
 * process) and then runs it with {@link runTrial}. The worker and the in-thread pool use this; a
 * scenario without Trace workloads reads no file. A trace that cannot be read fails the trial
 * with the file and line in its error. The wall time includes the loading.
 */
export async function runTrialLoadingTraces(spec: TrialSpec, probe?: TrialProbe, onProgress?: ProgressListener): Promise<TrialResult> {
  const wallStart = performance.now(); // wall-clock: harness cost only (perf.csv)
  if (!spec.doc.spec.workloads.some((w) => w.kind === 'Trace')) return runTrial(spec, probe, undefined, wallStart, onProgress);
  let traces: TraceTables;
  try {
    traces = await loadTraceTables(spec.doc, spec.scenarioDir, expandCluster(spec.doc));
  } catch (err) {
    return { ...identity(spec), status: 'failed', error: describeError(err), simulatedSeconds: 0, events: 0, perf: perf(wallStart, 0) };
  }
  return runTrial(spec, probe, traces, wallStart, onProgress);
}

/** Error text with its stack, for results and the console. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  return String(err);
}

interface BuiltTrial {
  readonly sim: Simulator;
  readonly observer: Observer;
  readonly engine: Engine;
}

/** Wires one trial's live state. Exported for tests that drive a trial step by step. */
export function buildTrial(spec: TrialSpec, probe?: TrialProbe, traces?: TraceTables): BuiltTrial {
  const factory = lookupEngine(spec.engine);
  if (!factory) throw new EngineOptionsError(`unknown engine "${spec.engine}"`);
  const parsed = factory.parseOptions(spec.doc.spec.engines[spec.engine] ?? {});
  if (!parsed.ok) {
    const lines = parsed.issues.map((i) => `spec.engines.${spec.engine}${i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}: ${i.message}`);
    throw new EngineOptionsError(`invalid options for engine ${spec.engine}:\n  ${lines.join('\n  ')}`);
  }
  const doc = spec.doc;
  const nodes = expandCluster(doc);
  const workload = expandWorkload(doc, spec.seed, nodes);
  const root = Rng.root(spec.seed);
  const sim = new Simulator();
  const latency = createLatencySampler(doc.spec.latency, root.split('network'));
  const observer = new Observer({ nodes, tenants: doc.spec.tenants, horizon: doc.spec.duration, detail: spec.detail ?? false, explain: spec.explain ?? false });
  const onEvent = probe?.onEvent;
  const sink = onEvent
    ? (e: MetricEvent): void => {
        onEvent(e);
        observer.sink(e);
      }
    : observer.sink;
  const cluster = new Cluster(sim, nodes, () => latency.taskStart(), sink);
  const net = new Network(sim, cluster, latency, sink);
  const ctx = createEngineContext({ sim, cluster, net, latency, rng: root.split(`engine:${spec.engine}`), tenants: doc.spec.tenants, emit: sink, explain: spec.explain ?? false });
  const engine = factory.create(ctx, parsed.options);
  engine.start();

  for (const p of mergeSameTime(workload.perturbations)) {
    sim.at(p.time, (q: Perturbation) => observer.onPerturbation(q, sim.now()), p, PRIORITY.fault - 1);
  }
  for (const f of workload.faults) {
    sim.at(
      f.time,
      (fault: Fault) => {
        probe?.onFault?.(fault);
        applyFault(fault, cluster, engine);
      },
      f,
      PRIORITY.fault,
    );
  }
  for (const intent of workload.intents) {
    sim.at(
      intent.time,
      (i: typeof intent) => {
        observer.onIntent(i);
        probe?.onIntent?.(i);
        engine.submit(i);
      },
      intent,
      PRIORITY.intent,
    );
  }
  feedTraces(spec, sim, observer, engine, probe, traces);
  const every = doc.spec.sampleEvery ?? defaultSampleEvery(doc.spec.duration);
  const sample = (): void => {
    observer.sample(sim.now());
    const next = addTime(sim.now(), every);
    if (next <= doc.spec.duration) sim.at(next, sample, undefined, PRIORITY.observe);
  };
  sim.at(0 as SimTime, sample, undefined, PRIORITY.observe);
  return { sim, observer, engine };
}

/**
 * Schedules the jobs of each Trace workload one at a time: each feed keeps a single pending event,
 * at its next job's time, that submits every job due then and re-arms itself. Only jobs already
 * submitted exist as objects. Results count the rows read, skipped as invalid, outside the window
 * and sampled out (`trace-*:<workload>` counters).
 */
function feedTraces(spec: TrialSpec, sim: Simulator, observer: Observer, engine: Engine, probe: TrialProbe | undefined, traces: TraceTables | undefined): void {
  const root = Rng.root(spec.seed).split('workload');
  spec.doc.spec.workloads.forEach((w) => {
    if (w.kind !== 'Trace') return;
    const table = traces?.get(w.name);
    if (!table) throw new Error(`trace workload ${w.name} was not loaded: run the trial with runTrialLoadingTraces`);
    observer.count(`trace-rows:${w.name}`, table.rows);
    observer.count(`trace-invalid-rows:${w.name}`, table.invalidRows);
    observer.count(`trace-outside-window:${w.name}`, table.outsideWindow);
    const feed = new TraceFeed(w, table, spec.doc.spec.duration, root.split(w.name).split('sample'));
    let counted = 0;
    const submitDue = (): void => {
      const now = sim.now();
      for (let t = feed.peekTime(); t !== undefined && t <= now; t = feed.peekTime()) {
        const intent = feed.take();
        observer.onIntent(intent);
        probe?.onIntent?.(intent);
        engine.submit(intent);
      }
      observer.count(`trace-sampled-out:${w.name}`, feed.sampledOut - counted);
      counted = feed.sampledOut;
      const next = feed.peekTime();
      if (next !== undefined) sim.at(next, submitDue, undefined, PRIORITY.intent);
    };
    const first = feed.peekTime();
    observer.count(`trace-sampled-out:${w.name}`, feed.sampledOut);
    counted = feed.sampledOut;
    if (first !== undefined) sim.at(first, submitDue, undefined, PRIORITY.intent);
  });
}

/** About 300 samples per trial, at least 100 ms apart, on whole milliseconds. */
function defaultSampleEvery(duration: SimTime): SimTime {
  return Math.max(100_000, Math.round(duration / 300 / 1000) * 1000) as SimTime;
}

/** Perturbations at the same instant form one window (their labels joined). */
function mergeSameTime(list: readonly Perturbation[]): Perturbation[] {
  const out: Perturbation[] = [];
  for (const p of list) {
    const last = out[out.length - 1];
    if (last && last.time === p.time) out[out.length - 1] = { ...last, label: `${last.label}; ${p.label}` };
    else out.push({ ...p, index: out.length });
  }
  return out;
}
