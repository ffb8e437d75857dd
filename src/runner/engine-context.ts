import { type Cluster } from '../cluster/cluster-state.js';
import { type LatencySampler } from '../cluster/latency.js';
import { type Network } from '../cluster/network.js';
import { type Engine, type EngineContext, type EngineExtension, type ExplainLevel, type NodeAgentApi } from '../engines/engine.js';
import { type AppSample, type MetricEvent } from '../metrics/events.js';
import { type SimDuration } from '../sim/time.js';
import { type Rng } from '../sim/rng.js';
import { PRIORITY, type Simulator } from '../sim/simulator.js';
import { type Fault } from '../intents/index.js';

/** The live parts of a trial an engine's context is made from. */
export interface ContextParts {
  readonly sim: Simulator;
  readonly cluster: Cluster;
  readonly net: Network;
  readonly latency: LatencySampler;
  /** The engine's own stream (`engine:<name>` of the trial seed). */
  readonly rng: Rng;
  readonly tenants: readonly { readonly name: string; readonly weight: number }[];
  readonly emit: (event: MetricEvent) => void;
  readonly explain: boolean;
  /** How much explanations list (default `top`). */
  readonly explainLevel?: ExplainLevel;
  /** The scenario's user modules for this engine, loaded (extension-loader.ts). */
  readonly extensions?: readonly EngineExtension[];
  /** The observer's scrape of application metrics (Observer.scrapeApp at the current time); absent: no service has traffic. */
  readonly scrapeApp?: (service: string, period: SimDuration) => AppSample | undefined;
}

/**
 * The EngineContext of a trial: the narrow view of the simulation an engine may use (DESIGN.md §4).
 * Node-agent handles are made once per node and cached.
 */
export function createEngineContext(p: ContextParts): EngineContext {
  const { sim, cluster, net } = p;
  const agents = new Map<string, NodeAgentApi>();
  const agentOf = (name: string): NodeAgentApi => {
    let a = agents.get(name);
    if (!a) {
      a = {
        node: cluster.node(name),
        launch: (task, listener) => cluster.launch(name, task, listener),
        stop: (id) => cluster.stop(name, id),
        fits: (task) => cluster.fits(name, task),
        used: () => cluster.used(name),
        free: () => cluster.free(name),
        instances: () => cluster.instancesOn(name),
        isRunning: (id) => cluster.isRunning(name, id),
        restart: (id, options) => cluster.restart(name, id, options),
        deliverConfig: (id, config) => cluster.deliverConfig(name, id, config),
        probeReady: (id) => cluster.isReady(name, id),
        onLifecycle: (l) => cluster.onLifecycle(name, l),
      };
      agents.set(name, a);
    }
    return a;
  };
  return {
    now: () => sim.now(),
    after: (delay, fn) => sim.after(delay, fn, PRIORITY.engine),
    cancel: (h) => sim.cancel(h),
    rng: p.rng,
    cluster: { nodes: cluster.nodes, agent: agentOf },
    net: {
      send: (channel, from, to, label, deliver) => net.send(channel, from, to, label, deliver),
      closedForm: {
        fixed: (channel) => net.fixed(channel),
        onReachabilityChange: (node, listener) => net.onReachabilityChange(node, listener),
        arrive: (channel, from, to, label, at, deliver) => net.arrive(channel, from, to, label, at, deliver),
      },
    },
    latency: p.latency,
    tenants: p.tenants,
    emit: p.emit,
    explain: p.explain,
    explainLevel: p.explainLevel ?? 'top',
    ...(p.extensions !== undefined && p.extensions.length > 0 ? { extensions: p.extensions } : {}),
    apps: { scrape: (service, period) => p.scrapeApp?.(service, period) },
  };
}

/** Applies a harness fault: node faults to the cluster's truth, a control-plane fault to the engine. */
export function applyFault(fault: Fault, cluster: Cluster, engine: Engine): void {
  switch (fault.kind) {
    case 'crash':
      for (const n of fault.nodes) cluster.crash(n);
      return;
    case 'recover':
      for (const n of fault.nodes) cluster.recover(n);
      return;
    case 'partition':
      for (const n of fault.nodes) cluster.partition(n);
      return;
    case 'heal':
      for (const n of fault.nodes) cluster.heal(n);
      return;
    case 'scheduler-crash':
      engine.controlPlaneFault(fault);
      return;
  }
}
