import { type NodeSpec } from '../../../../src/cluster/node.js';
import { type TaskLaunch, type TaskListener } from '../../../../src/cluster/task.js';
import { type EngineContext, type NodeAgentApi } from '../../../../src/engines/engine.js';
import { type JobSubmitted } from '../../../../src/intents/index.js';
import { type MetricEvent } from '../../../../src/metrics/events.js';
import { Rng } from '../../../../src/sim/rng.js';
import { PRIORITY, Simulator } from '../../../../src/sim/simulator.js';
import { type SimTime } from '../../../../src/sim/time.js';

/** A task the fake cluster ran: where, from when, until when (undefined while it runs). */
export interface RanTask {
  readonly id: string;
  readonly node: string;
  readonly start: number;
  end?: number;
}

/**
 * An EngineContext over a real Simulator with `machines` machines of `cpu` millicores and `memory`
 * bytes whose agents run a task for its runFor and then call its listener's onExit (no start delay),
 * and that keeps every emitted event: enough to drive the paper models by hand.
 */
export function paperContext(machines: number, cpu: number, memory: number, tenants = ['batch', 'service']) {
  const sim = new Simulator();
  const events: MetricEvent[] = [];
  const ran: RanTask[] = [];
  const nodes: NodeSpec[] = Array.from({ length: machines }, (_, i) => ({
    name: `m${i}`,
    allocatable: { cpu, memory, gpu: 0 },
    labels: {},
    taints: [],
    maxTasks: 1000,
  }));
  const agent = (node: NodeSpec): NodeAgentApi => ({
    node,
    launch(task: TaskLaunch, listener?: TaskListener) {
      const rec: RanTask = { id: task.id, node: node.name, start: sim.now() };
      ran.push(rec);
      sim.after(task.runFor ?? (0 as SimTime), () => {
        rec.end = sim.now();
        listener?.onExit?.('finished');
      });
      return { kind: 'launched' };
    },
    stop: () => false,
    fits: () => true,
    used: () => ({ cpu: 0, memory: 0, gpu: 0 }),
    free: () => node.allocatable,
    instances: () => [],
    isRunning: () => false,
    restart: () => false,
    deliverConfig: () => false,
    probeReady: () => false,
    onLifecycle: () => {},
  });
  const agents = new Map(nodes.map((n) => [n.name, agent(n)]));
  const ctx: EngineContext = {
    now: () => sim.now(),
    after: (delay, fn) => sim.after(delay, fn, PRIORITY.engine),
    cancel: (h) => sim.cancel(h),
    rng: Rng.root(1).split('engine:test'),
    cluster: { nodes, agent: (name) => agents.get(name) as NodeAgentApi },
    net: { send: () => false },
    latency: {
      taskStart: () => 0 as SimTime,
      sample: () => 0 as SimTime,
      nominal: () => 0 as SimTime,
      upper: () => 0 as SimTime,
    } as unknown as EngineContext['latency'],
    tenants: tenants.map((name) => ({ name, weight: 1 })),
    emit: (e) => void events.push(e),
    explain: false,
    explainLevel: 'top',
    apps: { scrape: () => undefined },
  };
  return {
    sim,
    ctx,
    events,
    ran,
    /** Runs the simulation up to `seconds` of virtual time. */
    runTo: (seconds: number) => void sim.run(Math.round(seconds * 1e6) as SimTime),
    /** Submits a job now at virtual time `seconds` (schedules it). */
    at: (seconds: number, fn: () => void) => void sim.at(Math.round(seconds * 1e6) as SimTime, fn, undefined, PRIORITY.intent),
  };
}

/** A `job-submitted` intent of `tasks` tasks of one shape (cpu millicores, memory bytes) running `runSeconds`. */
export function jobIntent(name: string, tenant: string, tasks: number, cpu: number, memory: number, runSeconds: number, time = 0): JobSubmitted {
  return {
    kind: 'job-submitted',
    time: time as SimTime,
    job: {
      name,
      workload: tenant,
      tenant,
      priority: 0,
      constraints: { nodeSelector: {}, tolerations: [], requiredTerms: [], preferredTerms: [] },
      tasks: Array.from({ length: tasks }, (_, index) => ({
        index,
        key: `${name}#${index}`,
        resources: { cpu, memory, gpu: 0 },
        runFor: Math.round(runSeconds * 1e6) as SimTime,
        firstAttempt: 'finished' as const,
      })),
      sync: false,
    },
  };
}

/** The times (s) of the `job-considered` events per job. */
export function consideredAt(events: readonly MetricEvent[]): Record<string, number> {
  return Object.fromEntries(events.flatMap((e) => (e.kind === 'job-considered' ? [[e.job, e.time / 1e6]] : [])));
}

/** Sum of counter events named `name`. */
export function counter(events: readonly MetricEvent[], name: string): number {
  return events.reduce((sum, e) => (e.kind === 'counter' && e.name === name ? sum + e.by : sum), 0);
}
