import { Cluster } from '../../../src/cluster/cluster-state.js';
import { createLatencySampler } from '../../../src/cluster/latency.js';
import { Network } from '../../../src/cluster/network.js';
import { type NodeSpec } from '../../../src/cluster/node.js';
import { type Engine, type EngineContext, type NodeAgentApi } from '../../../src/engines/engine.js';
import { mesosEngine } from '../../../src/engines/mesos/index.js';
import { type MetricEvent } from '../../../src/metrics/events.js';
import { Rng } from '../../../src/sim/rng.js';
import { PRIORITY, Simulator } from '../../../src/sim/simulator.js';
import { type SimTime } from '../../../src/sim/time.js';
import { expandCluster, expandWorkload } from '../../../src/workload/expand.js';
import { type Fault } from '../../../src/workload/intents.js';
import { scenarioFromYaml } from '../../support/scenario.js';

/** A hand-built trial of the Mesos engine that keeps every raw event (for engine-level tests). */
export interface MesosTrial {
  readonly sim: Simulator;
  readonly cluster: Cluster;
  readonly nodes: readonly NodeSpec[];
  readonly engine: Engine;
  readonly events: MetricEvent[];
  /** Runs to `until` seconds of virtual time. */
  runTo(seconds: number): void;
  ofKind<K extends MetricEvent['kind']>(kind: K): Extract<MetricEvent, { kind: K }>[];
}

/** Builds a trial from scenario YAML (engine options under spec.engines.mesos), wired like runner/trial.ts. */
export function mesosTrial(yaml: string, seed = 1, explain = false): MesosTrial {
  const doc = scenarioFromYaml(yaml).doc;
  const parsed = mesosEngine.parseOptions(doc.spec.engines['mesos'] ?? {});
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const nodes = expandCluster(doc);
  const workload = expandWorkload(doc, seed, nodes);
  const root = Rng.root(seed);
  const sim = new Simulator();
  const latency = createLatencySampler(doc.spec.latency, root.split('network'));
  const events: MetricEvent[] = [];
  const sink = (e: MetricEvent): void => {
    events.push(e);
  };
  const cluster = new Cluster(sim, nodes, () => latency.taskStart(), sink);
  const net = new Network(sim, cluster, latency, sink);
  const agentOf = (name: string): NodeAgentApi => ({
    node: cluster.node(name),
    launch: (task, listener) => cluster.launch(name, task, listener),
    stop: (id) => cluster.stop(name, id),
    fits: (task) => cluster.fits(name, task),
    used: () => cluster.used(name),
    free: () => cluster.free(name),
    instances: () => cluster.instancesOn(name),
    isRunning: (id) => cluster.isRunning(name, id),
    onLifecycle: (l) => cluster.onLifecycle(name, l),
  });
  const ctx: EngineContext = {
    now: () => sim.now(),
    after: (delay, fn) => sim.after(delay, fn, PRIORITY.engine),
    cancel: (h) => sim.cancel(h),
    rng: root.split('engine:mesos'),
    cluster: { nodes, agent: agentOf },
    net: { send: (c, f, t, l, d) => net.send(c, f, t, l, d) },
    latency,
    tenants: doc.spec.tenants,
    emit: sink,
    explain,
  };
  const engine = mesosEngine.create(ctx, parsed.options);
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

function applyFault(fault: Fault, cluster: Cluster, engine: Engine): void {
  if (fault.kind === 'scheduler-crash') engine.controlPlaneFault(fault);
  else for (const n of fault.nodes) cluster[fault.kind](n);
}
