import { DEFAULT_LATENCY } from '../../src/workload/schema.js';
import { defaultBorgOptions } from '../../src/engines/borg/options.js';
import { defaultMesosOptions } from '../../src/engines/mesos/options.js';
import { defaultOmegaOptions } from '../../src/engines/omega/options.js';
import { defaultOptions as defaultKubernetesOptions, profilePercentageOfNodesToScore } from '../../src/engines/kubernetes/options.js';
import { numFeasibleNodesToFind } from '../../src/engines/kubernetes/scheduler/num-feasible.js';
import { parseDuration } from '../../src/sim/duration.js';

/**
 * The shape of {@link UNCONTENDED_SCENARIO} a tight bound depends on: nodes, the one service's
 * replicas, and the most tasks anything is ever deciding about at once (a job's tasks or the
 * service's replicas). Written out here so that the bound is a formula over what it depends on.
 */
export interface UncontendedShape {
  readonly nodes: number;
  readonly replicas: number;
  readonly largestDecision: number;
}

/** Seconds of a default latency class (the uncontended scenario sets no latency: every class is a constant). */
function latency(c: keyof typeof DEFAULT_LATENCY): number {
  const r = parseDuration(DEFAULT_LATENCY[c]);
  if (!r.ok) throw new Error(`DEFAULT_LATENCY.${c}: ${r.error}`);
  return r.value / 1e6;
}

/** Batches of a slow start (1, 2, 4, … from the initial size) needed to create `n` objects. */
function slowStartBatches(n: number, initial: number): number {
  let batches = 0;
  for (let made = 0, size = initial; made < n; size *= 2) {
    made += size;
    batches++;
  }
  return batches;
}

/**
 * The worst scheduling latency (placement committed minus submission, seconds) each engine's own
 * model allows on an uncontended scenario with its defaults: room everywhere, no fault, no other
 * tenant. A regression that adds a hop, a wait or a filter shows up far below each engine's
 * stated `placementWithin` (≈ 20 s), which has to allow for contention, failures and back-offs.
 */
export const TIGHT_SCHEDULING_BOUND: Readonly<Record<string, (s: UncontendedShape) => number>> = {
  /** The oracle decides at the instant of submission: zero decision and message time. */
  oracle: () => 0,

  /**
   * Kubernetes: the longest chain is a Deployment's pod. The harness writes the Deployment
   * (a write is request rpc + store write + response rpc), its watch reaches the deployment
   * controller, which writes the ReplicaSet; its watch reaches the ReplicaSet controller, which
   * creates the pods in slow-start batches (1, 2, 4, …: one write per batch, each after the last);
   * the pod's watch reaches the scheduler, which runs at most one cycle per pending pod (the
   * replicas, queued together) before it, each `perCycle + perNode × nodes evaluated`; then the
   * binding is written. Writes: Deployment, ReplicaSet, the pod batches, the binding.
   */
  kubernetes: (s) => {
    const o = defaultKubernetesOptions();
    const write = 2 * latency('rpc') + latency('storeWrite');
    const watch = latency('watchDelivery');
    const evaluated = Math.min(s.nodes, numFeasibleNodesToFind(s.nodes, profilePercentageOfNodesToScore(o.scheduler)));
    const cycle = (o.scheduler.thinkTime.perCycle + o.scheduler.thinkTime.perNode * evaluated) / 1e6;
    const writes = 3 + slowStartBatches(s.replicas, o.replicaSet.slowStartInitialBatchSize);
    return writes * write + 3 * watch + s.replicas * cycle;
  },

  /**
   * Mesos: a workload declared at time 0 waits for the first agent to register (within the
   * registration backoff, then one rpc); the framework's REVIVE (one rpc) lets the allocator offer
   * at its next cycle at the latest (one allocation interval); the offer travels (one rpc); the
   * framework may first finish thinking about an earlier batch, then thinks about this one (each
   * t_job + t_task × tasks, while holding the offer), and its ACCEPT reaches the master (one rpc):
   * the placement is committed then.
   */
  mesos: (s) => {
    const o = defaultMesosOptions();
    const think = (o.thinkTime.tJob + o.thinkTime.tTask * s.largestDecision) / 1e6;
    return o.registrationBackoff / 1e6 + o.allocationInterval / 1e6 + 2 * think + 4 * latency('rpc');
  },

  /**
   * Borg: the client's request reaches the Borgmaster (one rpc) and is stored (one Paxos write); the
   * scheduler may first finish the turn it is in (another job's or the service's), then takes this
   * one, thinking t_job + t_task × (tasks placed + equivalence classes: one here); the assignments go
   * to the master (one rpc), which records them (one Paxos write): the placement is committed then.
   */
  borg: (s) => {
    const o = defaultBorgOptions();
    const turn = (o.thinkTime.perJob + o.thinkTime.perTask * (s.largestDecision + 1)) / 1e6;
    return 2 * latency('rpc') + 2 * latency('storeWrite') + 2 * turn;
  },

  /**
   * Omega: the request reaches the cell state (one rpc) and goes to its scheduler's queue, where it may
   * wait for the one attempt ahead of it (its think time, its commit as a store write and the verdict's
   * rpc back); its own attempt thinks t_job + t_task × tasks and commits (a store write): the placement
   * is committed when the cell state accepts the claim. No conflict is possible with room everywhere.
   */
  omega: (s) => {
    const o = defaultOmegaOptions();
    const think = (o.thinkTime.tJob + o.thinkTime.tTask * s.largestDecision) / 1e6;
    return 2 * latency('rpc') + 2 * latency('storeWrite') + 2 * think;
  },
};
