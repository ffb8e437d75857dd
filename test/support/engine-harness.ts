import { Cluster } from '../../src/cluster/cluster-state.js';
import { createLatencySampler } from '../../src/cluster/latency.js';
import { Network } from '../../src/cluster/network.js';
import { type NodeSpec } from '../../src/cluster/node.js';
import { type AnyEngineFactory, type Engine, type ExplainLevel } from '../../src/engines/engine.js';
import { type MetricEvent } from '../../src/metrics/events.js';
import { applyFault, createEngineContext } from '../../src/runner/engine-context.js';
import { Rng } from '../../src/sim/rng.js';
import { PRIORITY, Simulator } from '../../src/sim/simulator.js';
import { type SimTime } from '../../src/sim/time.js';
import { appCatalog } from '../../src/workload/app-catalog.js';
import { expandCluster, expandWorkload } from '../../src/workload/expand.js';
import { type Fault } from '../../src/intents/index.js';
import { scenarioFromYaml } from './scenario.js';

/** A hand-built trial of one engine that keeps every raw event (for engine-level tests). */
export interface EngineTrial<E extends Engine = Engine> {
  readonly sim: Simulator;
  readonly cluster: Cluster;
  readonly nodes: readonly NodeSpec[];
  readonly engine: E;
  readonly events: MetricEvent[];
  /** Runs to `seconds` of virtual time. */
  runTo(seconds: number): void;
  ofKind<K extends MetricEvent['kind']>(kind: K): Extract<MetricEvent, { kind: K }>[];
}

/**
 * Builds a trial of `factory` from scenario YAML (options under spec.engines.<name>), wired as
 * runner/trial.ts wires it (same context, same priorities), but keeping every event instead of
 * folding them into metrics.
 */
export function engineTrial<E extends Engine = Engine>(
  factory: AnyEngineFactory,
  yaml: string,
  seed = 1,
  explain: boolean | ExplainLevel = false,
): EngineTrial<E> {
  const doc = scenarioFromYaml(yaml).doc;
  const parsed = factory.parseOptions(doc.spec.engines[factory.name] ?? {});
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const nodes = expandCluster(doc);
  const workload = expandWorkload(doc, Rng.root(seed), nodes);
  const root = Rng.root(seed);
  const sim = new Simulator();
  const latency = createLatencySampler(doc.spec.latency, root.split('network'));
  const events: MetricEvent[] = [];
  const sink = (e: MetricEvent): void => {
    events.push(e);
  };
  const cluster = new Cluster(sim, nodes, () => latency.taskStart(), sink, appCatalog(doc, root));
  const net = new Network(sim, cluster, latency, sink);
  const ctx = createEngineContext({
    sim,
    cluster,
    net,
    latency,
    rng: root.split(`engine:${factory.name}`),
    tenants: doc.spec.tenants,
    emit: sink,
    explain: explain !== false,
    explainLevel: explain === 'full' ? 'full' : 'top',
  });
  const engine = factory.create(ctx, parsed.options) as E;
  engine.start();
  for (const f of workload.faults) sim.at(f.time, (fault: Fault) => applyFault(fault, cluster, engine), f, PRIORITY.fault);
  for (const intent of workload.intents) sim.at(intent.time, (i: typeof intent) => engine.submit(i), intent, PRIORITY.intent);
  return {
    sim,
    cluster,
    nodes,
    engine,
    events,
    runTo: (s) => void sim.run(Math.round(s * 1e6) as SimTime),
    ofKind: <K extends MetricEvent['kind']>(kind: K) => events.filter((e): e is Extract<MetricEvent, { kind: K }> => e.kind === kind),
  };
}
