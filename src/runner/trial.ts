import { Cluster } from '../cluster/cluster-state.js';
import { createLatencySampler } from '../cluster/latency.js';
import { Network } from '../cluster/network.js';
import { type Engine, type EngineExtension, type EngineFactory } from '../engines/engine.js';
import { loadExtensions } from './extension-loader.js';
import { lookupEngine } from './engine-lookup.js';
import { type MetricEvent } from '../metrics/events.js';
import { Observer } from '../metrics/observer.js';
import { Rng } from '../sim/rng.js';
import { PRIORITY, type RunOutcome, Simulator } from '../sim/simulator.js';
import { addTime, type SimTime, toSeconds } from '../sim/time.js';
import { appCatalog, usesLifecycle } from '../workload/app-catalog.js';
import { expandCluster } from '../workload/expand.js';
import { type FeedStep, WorkloadFeed } from '../workload/feed.js';
import { type Fault, type Intent } from '../intents/index.js';
import { type NodeSpec } from '../cluster/node.js';
import { loadTraceTables, type TraceTables } from '../workload/traces/trace-tables.js';
import { resolveTraffic } from '../workload/rate-file.js';
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

/** Thrown when a trial names an engine that is not registered: bad input, not a failed trial (the plan checks names first). */
export class UnknownEngineError extends Error {}

/**
 * Runs one trial: builds fresh live state from the immutable spec (simulator, cluster, network,
 * engine, observer), hands out the workload's feed (intents and faults: workload/feed.ts), runs to
 * the horizon, and returns the metrics as plain data. Pure: the same spec gives the same result in a
 * worker thread or not. `loaded` carries what runTrialLoadingTraces prepared (machines, trace tables).
 * An exception inside the simulation becomes a failed result carrying the error. `onProgress`, if
 * given, hears the virtual time reached every {@link PROGRESS_EVERY_MS} of wall time (checked
 * between event chunks, like the wall-clock limit; it never changes what is computed).
 */
export function runTrial(spec: TrialSpec, probe?: TrialProbe, loaded?: LoadedInputs, wallStartMs?: number, onProgress?: ProgressListener): TrialResult {
  const wallStart = wallStartMs ?? performance.now(); // wall-clock: harness cost only (perf.csv)
  let sim: Simulator | undefined;
  try {
    const built = buildTrial(spec, probe, loaded);
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
    built.engine.finish?.(end);
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
    if (err instanceof UnknownEngineError) throw err;
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
 * Loads the trial's trace files and user modules (I/O, in the worker that runs the trial; tables and
 * module bundles are cached per process) and then runs it with {@link runTrial}. The worker and the
 * in-thread pool use this; a scenario without Trace workloads or extensions reads no file. A trace
 * that cannot be read fails the trial with the file and line in its error; a module that is missing,
 * throws at load or misses the API fails it with the scenario file, field path and reason
 * (extension-loader.ts). The wall time includes the loading.
 */
export async function runTrialLoadingTraces(spec: TrialSpec, probe?: TrialProbe, onProgress?: ProgressListener): Promise<TrialResult> {
  const wallStart = performance.now(); // wall-clock: harness cost only (perf.csv)
  const hasTraces = spec.doc.spec.workloads.some((w) => w.kind === 'Trace');
  const hasExtensions = (spec.doc.spec.extensions ?? []).some((x) => x.engine === spec.engine);
  if (!hasTraces && !hasExtensions) return runTrial(spec, probe, undefined, wallStart, onProgress);
  const failed = (error: string): TrialResult => ({ ...identity(spec), status: 'failed', error, simulatedSeconds: 0, events: 0, perf: perf(wallStart, 0) });
  const nodes = expandCluster(spec.doc);
  let traces: TraceTables | undefined;
  if (hasTraces) {
    try {
      traces = await loadTraceTables(spec.doc, spec.scenarioDir, nodes);
    } catch (err) {
      return failed(describeError(err));
    }
  }
  const extensions = hasExtensions ? await loadExtensions(spec, lookupEngine(spec.engine)) : undefined;
  if (extensions !== undefined && !extensions.ok) return failed(extensions.error);
  const loaded: LoadedInputs = { nodes, ...(traces ? { traces } : {}), ...(extensions?.ok ? { extensions: extensions.extensions } : {}) };
  return runTrial(spec, probe, loaded, wallStart, onProgress);
}

/** Error text with its stack, for results and the console. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  return String(err);
}

/**
 * What a trial's worker prepared before the trial (runTrialLoadingTraces): the scenario's machines
 * (expandCluster, made once per trial) and the loaded tables of its Trace workloads.
 */
export interface LoadedInputs {
  readonly nodes: readonly NodeSpec[];
  readonly traces?: TraceTables;
  /**
   * An engine factory to run instead of the registered `spec.engine` (benchmarks and tests of an engine
   * model the registry does not list, e.g. the Omega paper's models before their engines exist).
   */
  readonly factory?: EngineFactory<unknown>;
  /** The scenario's user modules for the trial's engine, loaded and checked (extension-loader.ts). */
  readonly extensions?: readonly EngineExtension[];
}

interface BuiltTrial {
  readonly sim: Simulator;
  readonly observer: Observer;
  readonly engine: Engine;
}

/** Wires one trial's live state. Exported for tests that drive a trial step by step. */
export function buildTrial(spec: TrialSpec, probe?: TrialProbe, loaded?: LoadedInputs): BuiltTrial {
  const factory = loaded?.factory ?? lookupEngine(spec.engine);
  if (!factory) throw new UnknownEngineError(`unknown engine "${spec.engine}"`);
  const doc = spec.doc;
  const nodes = loaded?.nodes ?? expandCluster(doc);
  const root = Rng.root(spec.seed);
  const sim = new Simulator();
  const latency = createLatencySampler(doc.spec.latency, root.split('network'));
  const hasTraffic = doc.spec.workloads.some((w) => w.kind === 'Service' && w.traffic !== undefined);
  const apps = appCatalog(doc, root);
  const observer = new Observer({
    nodes,
    tenants: doc.spec.tenants,
    horizon: doc.spec.duration,
    detail: spec.detail ?? false,
    explain: spec.explain ?? false,
    ...(hasTraffic
      ? {
          traffic: {
            traffic: resolveTraffic(doc, spec.scenarioDir),
            serviceLevels: doc.spec.serviceLevels,
            ...(doc.spec.prices !== undefined ? { prices: doc.spec.prices } : {}),
          },
        }
      : {}),
    ...(usesLifecycle(doc) ? { lifecycle: { apps: [...apps.keys()] } } : {}),
  });
  const onEvent = probe?.onEvent;
  const sink = onEvent
    ? (e: MetricEvent): void => {
        onEvent(e);
        observer.sink(e);
      }
    : observer.sink;
  const cluster = new Cluster(sim, nodes, () => latency.taskStart(), sink, apps);
  const net = new Network(sim, cluster, latency, sink);
  const ctx = createEngineContext({
    sim,
    cluster,
    net,
    latency,
    rng: root.split(`engine:${spec.engine}`),
    tenants: doc.spec.tenants,
    emit: sink,
    explain: spec.explain ?? false,
    ...(spec.explainLevel ? { explainLevel: spec.explainLevel } : {}),
    ...(loaded?.extensions ? { extensions: loaded.extensions } : {}),
    scrapeApp: (service, period) => observer.scrapeApp(service, sim.now(), period),
  });
  const engine = factory.create(ctx, spec.engineOptions);
  engine.start();

  const feed = new WorkloadFeed(doc, root, nodes, loaded?.traces);
  for (const c of feed.initialCounts) observer.count(c.name, c.amount);
  const deliver = (step: FeedStep): void => {
    if (step.kind === 'perturbation') observer.onPerturbation(step.perturbation, sim.now());
    else if (step.kind === 'fault') {
      probe?.onFault?.(step.fault);
      applyFault(step.fault, cluster, engine);
    } else {
      for (const intent of step.intents) {
        observer.onIntent(intent);
        probe?.onIntent?.(intent);
        engine.submit(intent);
      }
      for (const c of step.counts) observer.count(c.name, c.amount);
    }
  };
  // One feed event pending at a time: it delivers its step and arms the next.
  const next = (): void => {
    deliver(feed.take());
    const at = feed.peek();
    if (at) sim.at(at.time, next, undefined, at.priority);
  };
  const first = feed.peek();
  if (first) sim.at(first.time, next, undefined, first.priority);
  const every = doc.spec.sampleEvery ?? defaultSampleEvery(doc.spec.duration);
  const sample = (): void => {
    observer.sample(sim.now());
    const next = addTime(sim.now(), every);
    if (next <= doc.spec.duration) sim.at(next, sample, undefined, PRIORITY.observe);
  };
  sim.at(0 as SimTime, sample, undefined, PRIORITY.observe);
  return { sim, observer, engine };
}

/** About 300 samples per trial, at least 100 ms apart, on whole milliseconds. */
function defaultSampleEvery(duration: SimTime): SimTime {
  return Math.max(100_000, Math.round(duration / 300 / 1000) * 1000) as SimTime;
}
