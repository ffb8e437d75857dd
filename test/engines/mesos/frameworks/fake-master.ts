import { NO_CONSTRAINTS } from '../../../../src/cluster/constraints.js';
import { type NodeSpec } from '../../../../src/cluster/node.js';
import { resources, type Resources } from '../../../../src/cluster/resources.js';
import { type TaskLaunch } from '../../../../src/cluster/task.js';
import { BatchFramework } from '../../../../src/engines/mesos/frameworks/batch-framework.js';
import { type SchedulerDeps } from '../../../../src/engines/mesos/frameworks/scheduler.js';
import { ServiceFramework } from '../../../../src/engines/mesos/frameworks/service-framework.js';
import { type MesosMaster } from '../../../../src/engines/mesos/master/master.js';
import { type MesosOptions, parseMesosOptions } from '../../../../src/engines/mesos/options.js';
import {
  type FrameworkClient,
  type FrameworkInfo,
  type Offer,
  type OfferReplies,
  type TaskState,
  type TaskStatus,
} from '../../../../src/engines/mesos/types.js';
import { type SimDuration, type SimTime } from '../../../../src/sim/time.js';
import { type BatchTask, type JobSubmitted, type ServiceTemplate } from '../../../../src/intents/index.js';
import { PRIORITY } from '../../../../src/sim/simulator.js';
import { miniContext } from '../../kubernetes/mini-context.js';

/** One call a framework scheduler made on the master, with the virtual time (seconds) it arrived. */
export type MasterCall =
  | { readonly at: number; readonly call: 'subscribe'; readonly info: FrameworkInfo }
  | { readonly at: number; readonly call: 'reply'; readonly replies: OfferReplies }
  | { readonly at: number; readonly call: 'suppress' }
  | { readonly at: number; readonly call: 'revive' }
  | { readonly at: number; readonly call: 'disconnected' }
  | { readonly at: number; readonly call: 'request'; readonly demand: Resources | undefined }
  | { readonly at: number; readonly call: 'kill'; readonly taskId: string }
  | { readonly at: number; readonly call: 'acknowledge'; readonly taskId: string; readonly state: TaskState };

/**
 * A stand-in for the Mesos master that only records what a framework scheduler asks of it, so that
 * a test plays the master's side by hand (offers, status updates) and asserts every call with its
 * time. It implements the part of {@link MesosMaster} the schedulers call.
 */
export class FakeMaster {
  readonly calls: MasterCall[] = [];
  client: FrameworkClient | undefined;

  constructor(private readonly now: () => number) {}

  subscribe(client: FrameworkClient, info: FrameworkInfo): void {
    this.client = client;
    this.calls.push({ at: this.now(), call: 'subscribe', info });
  }
  reply(_fid: string, replies: OfferReplies): void {
    this.calls.push({ at: this.now(), call: 'reply', replies });
  }
  suppress(): void {
    this.calls.push({ at: this.now(), call: 'suppress' });
  }
  revive(): void {
    this.calls.push({ at: this.now(), call: 'revive' });
  }
  request(_fid: string, demand: Resources | undefined): void {
    this.calls.push({ at: this.now(), call: 'request', demand });
  }
  kill(_fid: string, taskId: string): void {
    this.calls.push({ at: this.now(), call: 'kill', taskId });
  }
  acknowledge(_fid: string, status: TaskStatus): void {
    this.calls.push({ at: this.now(), call: 'acknowledge', taskId: status.taskId, state: status.state });
  }
  disconnected(): void {
    this.calls.push({ at: this.now(), call: 'disconnected' });
  }
  disconnectedByName(): void {
    this.calls.push({ at: this.now(), call: 'disconnected' });
  }

  /** The calls of some kinds, in order (times in seconds). */
  of<C extends MasterCall['call']>(...kinds: C[]): Extract<MasterCall, { call: C }>[] {
    return this.calls.filter((c): c is Extract<MasterCall, { call: C }> => (kinds as string[]).includes(c.call));
  }

  /** Replies in order, each as launch ids per offer. */
  replies(): { at: number; launches: string[][]; refuseAccepted: number; refuseDeclined: number }[] {
    return this.of('reply').map((r) => ({
      at: r.at,
      launches: r.replies.offers.map((_, i) => (r.replies.launches[i] ?? []).map((t) => t.id)),
      refuseAccepted: r.replies.refuseAccepted / 1e6,
      refuseDeclined: r.replies.refuseDeclined / 1e6,
    }));
  }

  /** Every task launched so far, in order. */
  launched(): TaskLaunch[] {
    return this.of('reply').flatMap((r) => r.replies.launches.flatMap((l) => l ?? []));
  }
}

/** A framework under test with the clock, the fake master and what it emitted. */
export interface FrameworkBench<F> {
  readonly fw: F;
  readonly master: FakeMaster;
  readonly options: MesosOptions;
  readonly mini: ReturnType<typeof miniContext>;
  /** Runs `fn` at `seconds` of virtual time (as the master's delivery would). */
  at(seconds: number, fn: () => void): void;
  runTo(seconds: number): void;
  /** The master's answer to SUBSCRIBE, delivered at `seconds`. */
  subscribed(seconds: number, live?: readonly TaskStatus[]): void;
  /** An offer of one agent (cpu in cores, memory in GiB) to this framework. */
  offer(id: number, agent: string, cpu: number, memoryGi: number, slots?: number, labels?: Record<string, string>): Offer;
  /** A status update of a launched task, as the master forwards it (from agent `agent`). */
  status(task: TaskLaunch, state: TaskState, agent?: string): TaskStatus;
}

const FID = 'fw-1';

function bench<F extends ServiceFramework | BatchFramework>(
  kind: 'service' | 'batch',
  raw: unknown,
  build: (deps: SchedulerDeps, o: MesosOptions) => F,
): FrameworkBench<F> {
  const parsed = parseMesosOptions(raw);
  if (!parsed.ok) throw new Error(`bad Mesos options in a test: ${JSON.stringify(parsed.issues)}`);
  const options = parsed.options;
  const mini = miniContext();
  const master = new FakeMaster(() => mini.sim.now() / 1e6);
  const deps: SchedulerDeps = {
    ctx: mini.ctx,
    master: master as unknown as MesosMaster,
    options,
    kind: options[kind],
    think: { ...options.thinkTime, ...options[kind].thinkTime },
    name: `${kind}-test`,
    role: 'tenant',
    minReviveInterval: kind === 'service' ? options.service.minReviveInterval : (0 as SimDuration),
  };
  const fw = build(deps, options);
  const at = (seconds: number, fn: () => void): void => void mini.sim.at(Math.round(seconds * 1e6) as SimTime, fn, undefined, PRIORITY.engine);
  return {
    fw,
    master,
    options,
    mini,
    at,
    runTo: (s) => mini.runTo(s),
    subscribed: (seconds, live = []) => at(seconds, () => fw.onSubscribed(FID, live)),
    offer: (id, agent, cpu, memoryGi, slots = 100, labels = {}) => {
      const node: NodeSpec = {
        name: agent,
        allocatable: resources({ cpu: cpu * 1000, memory: memoryGi * 2 ** 30, gpu: 0 }),
        labels,
        taints: [],
        maxTasks: 110,
      };
      return { id, framework: FID, agent, resources: node.allocatable, slots, node };
    },
    status: (task, state, agent = 'a1') => ({ taskId: task.id, framework: FID, agent, state, task }),
  };
}

/** A Marathon-like service framework over a fake master (Mesos options as in `spec.engines.mesos`). */
export function serviceBench(raw: unknown = {}): FrameworkBench<ServiceFramework> {
  return bench('service', raw, (deps, o) => new ServiceFramework(deps, o.service));
}

/** A Spark/Chronos-like batch framework over a fake master. */
export function batchBench(raw: unknown = {}): FrameworkBench<BatchFramework> {
  return bench('batch', raw, (deps, o) => new BatchFramework(deps, o.batch));
}

/** A service template of `replicas` instances of (cpu cores, memory GiB). */
export function service(name: string, replicas: number, cpu = 1, memoryGi = 1, extra: Partial<ServiceTemplate> = {}): ServiceTemplate {
  return {
    name,
    tenant: 'tenant',
    replicas,
    resources: resources({ cpu: cpu * 1000, memory: memoryGi * 2 ** 30, gpu: 0 }),
    priority: 0,
    constraints: NO_CONSTRAINTS,
    version: 'v1',
    ...extra,
  };
}

/** A batch job of `tasks` equal tasks of (cpu cores, memory GiB) running `runFor` seconds. */
export function job(name: string, tasks: number, cpu = 1, memoryGi = 1, extra: Partial<JobSubmitted['job']> = {}): JobSubmitted['job'] {
  const list: BatchTask[] = Array.from({ length: tasks }, (_, index) => ({
    index,
    key: `${name}#${index}`,
    resources: resources({ cpu: cpu * 1000, memory: memoryGi * 2 ** 30, gpu: 0 }),
    runFor: 10_000_000 as SimDuration,
    firstAttempt: 'finished',
  }));
  return { name, workload: name, tenant: 'tenant', priority: 0, constraints: NO_CONSTRAINTS, tasks: list, sync: false, ...extra };
}
