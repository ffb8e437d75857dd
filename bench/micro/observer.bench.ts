/**
 * Observer micro-benchmark: folding a recorded stream of intents, cluster truth and engine reports
 * into metrics, as a trial does. The stream is built once (deterministically) and replayed per
 * operation into a fresh Observer, ending with finish().
 */
import { type Bench } from 'tinybench';
import { NO_CONSTRAINTS } from '../../src/cluster/constraints.js';
import { type NodeSpec } from '../../src/cluster/node.js';
import { resources } from '../../src/cluster/resources.js';
import { type TaskLaunch } from '../../src/cluster/task.js';
import { type MetricEvent } from '../../src/metrics/events.js';
import { Observer } from '../../src/metrics/observer.js';
import { Rng } from '../../src/sim/rng.js';
import { seconds, type SimTime } from '../../src/sim/time.js';
import { type Intent, type Perturbation } from '../../src/intents/index.js';

type Step =
  | { readonly kind: 'intent'; readonly intent: Intent }
  | { readonly kind: 'perturbation'; readonly p: Perturbation }
  | { readonly kind: 'event'; readonly e: MetricEvent }
  | { readonly kind: 'sample'; readonly time: SimTime };

const NODES: NodeSpec[] = Array.from({ length: 200 }, (_, i) => ({
  name: `n${i}`,
  allocatable: resources({ cpu: 16_000, memory: 64 * 2 ** 30 }),
  labels: {},
  taints: [],
  maxTasks: 110,
}));
const TENANTS = [
  { name: 'web', weight: 1 },
  { name: 'batch', weight: 2 },
];
const HORIZON = seconds(3600);

/**
 * About 200 k steps over an hour: a 1 000-replica service with ten scale perturbations, 4 000 batch
 * jobs of 5 tasks (placed, launched, running, finished), one message per placement and per task end,
 * heartbeats, decisions and offers, and 300 samples.
 */
function buildStream(): Step[] {
  const rng = Rng.root(1).split('bench:observer');
  const steps: { t: number; order: number; step: Step }[] = [];
  let order = 0;
  const at = (t: number, step: Step): void => void steps.push({ t, order: order++, step });
  const ev = (e: MetricEvent): void => at(e.time, { kind: 'event', e });
  const node = (): string => `n${rng.int(0, NODES.length - 1)}`;
  const unit = resources({ cpu: 500, memory: 2 ** 30 });

  const service = { name: 'api', tenant: 'web', replicas: 1000, resources: unit, priority: 0, constraints: NO_CONSTRAINTS, version: 'v1' };
  at(0, { kind: 'perturbation', p: { index: 0, time: 0 as SimTime, kind: 'deploy', label: 'deploy api' } });
  at(0, { kind: 'intent', intent: { kind: 'service-declared', time: 0 as SimTime, service } });
  let replica = 0;
  const startReplica = (t: number): void => {
    const id = `api-${replica++}`;
    const n = node();
    const task: TaskLaunch = { id, workload: 'api', tenant: 'web', version: 'v1', priority: 0, resources: unit };
    ev({ kind: 'task-placed', time: t as SimTime, taskId: id, workload: 'api', tenant: 'web', version: 'v1', node: n });
    ev({ kind: 'message', time: t as SimTime, channel: 'rpc', label: 'launch', delivered: true });
    ev({ kind: 'task-launched', time: (t + 1000) as SimTime, node: n, task });
    ev({ kind: 'task-running', time: (t + 1_001_000) as SimTime, node: n, task });
  };
  for (let i = 0; i < 1000; i++) startReplica(seconds(rng.float() * 30));
  for (let k = 1; k <= 10; k++) {
    const t = seconds(300 * k);
    at(t, { kind: 'perturbation', p: { index: k, time: t, kind: 'scale', label: `scale ${k}` } });
    at(t, { kind: 'intent', intent: { kind: 'service-scaled', time: t, service: 'api', replicas: 1000 + 10 * k } });
    for (let i = 0; i < 10; i++) startReplica(t + seconds(1 + rng.float() * 5));
  }

  for (let j = 0; j < 4000; j++) {
    const submitted = seconds(rng.float() * 3000);
    const name = `job-${j}`;
    const tasks = Array.from({ length: 5 }, (_, index) => ({
      index,
      key: `${name}#${index}`,
      resources: unit,
      runFor: seconds(30),
      firstAttempt: 'finished' as const,
    }));
    at(submitted, {
      kind: 'intent',
      intent: {
        kind: 'job-submitted',
        time: submitted,
        job: { name, workload: 'etl', tenant: 'batch', priority: 0, constraints: NO_CONSTRAINTS, tasks, sync: false },
      },
    });
    for (const bt of tasks) {
      const placed = submitted + seconds(rng.float() * 2);
      const n = node();
      const task: TaskLaunch = { id: `${bt.key}.0`, workload: 'etl', tenant: 'batch', taskKey: bt.key, priority: 0, resources: unit, runFor: bt.runFor };
      ev({ kind: 'decision', time: placed as SimTime, scheduler: 'scheduler', duration: 1000 as SimTime });
      ev({ kind: 'task-placed', time: placed as SimTime, taskId: task.id, workload: 'etl', tenant: 'batch', taskKey: bt.key, node: n });
      ev({ kind: 'task-launched', time: (placed + 1000) as SimTime, node: n, task });
      ev({ kind: 'task-running', time: (placed + 1_001_000) as SimTime, node: n, task });
      ev({ kind: 'task-ended', time: (placed + 1_001_000 + bt.runFor) as SimTime, node: n, task, how: 'finished', wasRunning: true });
      ev({ kind: 'message', time: (placed + 1_001_000 + bt.runFor) as SimTime, channel: 'rpc', label: 'status-update', delivered: true });
    }
  }
  for (let t = 0; t < HORIZON; t += seconds(10)) {
    for (let i = 0; i < NODES.length; i += 8) ev({ kind: 'message', time: t as SimTime, channel: 'heartbeat', label: 'ping', delivered: true });
    ev({ kind: 'offer', time: t as SimTime, action: 'made', framework: 'etl', node: node(), resources: unit });
    ev({ kind: 'locked', time: t as SimTime, holder: 'etl', delta: unit });
    ev({ kind: 'locked', time: (t + 5000) as SimTime, holder: 'etl', delta: resources({ cpu: -500, memory: -(2 ** 30) }) });
  }
  for (let t = 0; t <= HORIZON; t += seconds(12)) at(t, { kind: 'sample', time: t as SimTime });
  steps.sort((a, b) => a.t - b.t || a.order - b.order);
  return steps.map((s) => s.step);
}

const NAME = 'observer: fold a 1-hour trial (≈140k events) + finish';

/** What one operation stands for (read by bench/micro.ts); filled in by register(). */
export const units: Record<string, { perOp: number; unit: string }> = {};

export function register(bench: Bench): void {
  const stream = buildStream(); // built here, not at import, so filtered-out runs do not pay for it
  units[NAME] = { perOp: stream.length, unit: 'events' };
  bench.add(NAME, () => {
    const o = new Observer({ nodes: NODES, tenants: TENANTS, horizon: HORIZON, detail: false, explain: false });
    for (const s of stream) {
      switch (s.kind) {
        case 'intent':
          o.onIntent(s.intent);
          break;
        case 'perturbation':
          o.onPerturbation(s.p, s.p.time);
          break;
        case 'event':
          o.sink(s.e);
          break;
        case 'sample':
          o.sample(s.time);
          break;
      }
    }
    const m = o.finish(HORIZON);
    if (m.accounting.tasksFinished !== 20_000) throw new Error(`finished ${m.accounting.tasksFinished} tasks`);
  });
}
