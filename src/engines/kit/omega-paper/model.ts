import { type Fault, type Intent, type JobSubmitted } from '../../../intents/index.js';
import { type SimTime } from '../../../sim/time.js';
import { type Engine, type EngineBounds, type EngineContext } from '../../engine.js';
import { BatchTasks } from '../batch-tasks.js';
import { engineBounds } from '../engine-bounds.js';
import { PaperHost } from './host.js';
import { type PaperJob } from './job.js';
import { MesosAllocatorModel } from './mesos-allocator.js';
import { MonolithicModel } from './monolithic.js';
import { OmegaModel } from './omega.js';
import { type OmegaPaperOptions, type PaperArchitecture, thinkTimeOf } from './options.js';

/** Counter of intents the models do not take (services, scaling, rollouts: the simulator has jobs only). */
export const IGNORED_INTENTS_COUNTER = 'omega-paper-ignored-intents';

/** The name of the monolithic model's one scheduler. */
export const MONOLITHIC_SCHEDULER = 'monolithic';

/**
 * One of the Omega paper simulator's three models as an engine (docs/reference/omega-simulator.md §4):
 * batch jobs go to the model's scheduler for their tenant (Mesos: one framework per tenant; Omega: one
 * scheduler per tenant; monolithic: one scheduler for all), in the order the scenario lists tenants.
 * There are no agents, pings or failures: the harness's faults do not reach it (a crash of a machine
 * still kills what runs there, which the model, like the simulator, never learns; keep such scenarios
 * away from it). Services and rollouts are not modelled and counted as ignored.
 */
export class OmegaPaperModel implements Engine {
  private readonly host: PaperHost;
  private readonly route: (job: PaperJob) => void;

  constructor(
    private readonly ctx: EngineContext,
    readonly architecture: PaperArchitecture,
    private readonly options: OmegaPaperOptions,
  ) {
    const tenants = ctx.tenants.map((t) => t.name);
    const names = architecture === 'monolithic' ? [MONOLITHIC_SCHEDULER] : tenants.map((t) => `${architecture}-${t}`);
    this.host = new PaperHost(ctx, options, names);
    const rngFor = (scheduler: string) => ctx.rng.split(`omega-paper:${scheduler}`);
    const index = new Map(tenants.map((t, i) => [t, i]));
    const tenantIndex = (job: PaperJob): number => {
      const i = index.get(job.tenant);
      if (i === undefined) throw new Error(`omega-paper: job ${job.name} names tenant ${job.tenant}, which the scenario does not list`);
      return i;
    };
    if (architecture === 'monolithic') {
      const model = new MonolithicModel(this.host, rngFor(MONOLITHIC_SCHEDULER));
      this.route = (job) => model.add(job);
    } else if (architecture === 'omega') {
      const models = names.map((n, s) => new OmegaModel(this.host, rngFor(n), s));
      this.route = (job) => (models[tenantIndex(job)] as OmegaModel).add(job);
    } else {
      const allocator = new MesosAllocatorModel(this.host, rngFor);
      this.route = (job) => allocator.frameworks[tenantIndex(job)]?.add(job);
    }
  }

  start(): void {}

  submit(intent: Intent): void {
    if (intent.kind !== 'job-submitted') {
      this.ctx.emit({ kind: 'counter', time: this.ctx.now(), name: IGNORED_INTENTS_COUNTER, by: 1 });
      return;
    }
    const job = paperJob(intent, this.options, this.ctx.now());
    if (job.numTasks > 0) this.route(job);
  }

  controlPlaneFault(_fault: Extract<Fault, { kind: 'scheduler-crash' }>): void {
    this.ctx.emit({ kind: 'counter', time: this.ctx.now(), name: 'control-plane-fault-ignored', by: 1 });
  }

  /**
   * With room everywhere a job waits at most one job's think time ahead of it per queued job, which
   * no fixed bound covers; the bound given is one decision of the largest think time the options name
   * for 100 tasks plus one offer round and the allocator's time: what the uncontended case takes.
   */
  bounds(): EngineBounds {
    const o = this.options;
    const slowest = Math.max(o.thinkTime.tJob + 100 * o.thinkTime.tTask, ...Object.values(o.thinkTimes).map((t) => t.tJob + 100 * t.tTask));
    const offers = this.architecture === 'mesos' ? o.offerBatchInterval + o.allocatorThinkTime : 0;
    return engineBounds(slowest + offers + this.ctx.latency.upper('taskStart'), Infinity);
  }
}

/**
 * The simulator's job from a `job-submitted` intent: one shape for all tasks (§4.1). A job whose tasks
 * differ in shape is refused, naming the job: the model has no per-task shapes.
 */
export function paperJob(intent: JobSubmitted, options: OmegaPaperOptions, now: SimTime): PaperJob {
  const { job } = intent;
  const tasks = new BatchTasks(job);
  // A count-form job has one shape by construction; a list is checked task by task, without making tasks.
  const first = tasks.count > 0 ? tasks.resources(0) : undefined;
  for (let i = 1; tasks.shape === undefined && first !== undefined && i < tasks.count; i++)
    if (tasks.resources(i).cpu !== first.cpu || tasks.resources(i).memory !== first.memory)
      throw new Error(`omega-paper: job ${job.name} has tasks of different shapes; the model keeps one shape per job (omega-simulator.md §4.1)`);
  return {
    name: job.name,
    workload: job.workload,
    tenant: job.tenant,
    priority: job.priority,
    submitted: now,
    numTasks: tasks.count,
    cpu: first?.cpu ?? 0,
    memory: first?.memory ?? 0,
    tasks,
    think: thinkTimeOf(options, job.tenant),
    unscheduledTasks: tasks.count,
    nextTask: 0,
    attempts: 0,
    considered: false,
  };
}
