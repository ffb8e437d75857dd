import { type TaskLaunch } from '../../../cluster/task.js';
import { type SimDuration, type SimTime } from '../../../sim/time.js';
import { type EngineContext, type NodeAgentApi } from '../../engine.js';
import { PaperCell } from './cell.js';
import { type PaperJob } from './job.js';
import { type OmegaPaperOptions } from './options.js';

/** Counter names the models report (counters.csv), each followed by `:<scheduler>`. */
export const PAPER_COUNTERS = {
  /** Think time the simulator counts as useful, µs (§4.2). */
  useful: 'busy-useful-us',
  /** Think time the simulator counts as wasted (Omega: a commit with any conflict), µs (§4.2). */
  wasted: 'busy-wasted-us',
  /** Attempts that placed (Mesos, monolithic) or committed without conflict (Omega). */
  committed: 'tx-committed',
  /** Omega commits with any conflicting claim (§4.5 `numFailedTransactions`). */
  failed: 'tx-failed',
  /** Attempts that found no room for one task (`numNoResourcesFoundSchedulingAttempts`). */
  noFit: 'attempts-no-fit',
} as const;

/**
 * What the three models share: the engine context, the options, the live shared cell (machines in
 * scenario order), and the bridge to the harness. The models decide on the cell alone, as the
 * simulator does; the cluster runs what they commit (through each machine's agent handle, no agent
 * loop, pings or failures: §4), and a task's end as the cluster reports it frees the cell. With the
 * scenario's task start latency at 0 a task ends `duration` after it was placed, as in the simulator.
 */
export class PaperHost {
  readonly cell: PaperCell;
  private readonly agents: readonly NodeAgentApi[];
  private readonly counterNames = new Map<string, string[]>();

  /** `schedulers` are the models' scheduler names, in the order DRF breaks ties (§4.4). */
  constructor(
    readonly ctx: EngineContext,
    readonly options: OmegaPaperOptions,
    readonly schedulers: readonly string[],
  ) {
    const nodes = ctx.cluster.nodes;
    const cpu = new Float64Array(nodes.length);
    const memory = new Float64Array(nodes.length);
    nodes.forEach((n, i) => {
      cpu[i] = n.allocatable.cpu;
      memory[i] = n.allocatable.memory;
    });
    this.cell = new PaperCell(cpu, memory, schedulers.length);
    this.agents = nodes.map((n) => ctx.cluster.agent(n.name));
  }

  now(): SimTime {
    return this.ctx.now();
  }

  /** The first attempt of `job` starts now: `job-considered` (§4.6: the wait ends at the attempt's start). */
  considered(job: PaperJob): void {
    if (job.considered) return;
    job.considered = true;
    this.ctx.emit({ kind: 'job-considered', time: this.ctx.now(), job: job.name });
  }

  /**
   * Think time the simulator counts (§4.2): a `decision` of scheduler `s` that began at `start` (the
   * observer's busyness, `busy:<name>`), and the useful or wasted counter.
   */
  busy(s: number, start: SimTime, duration: SimDuration, kind: 'useful' | 'wasted'): void {
    const scheduler = this.schedulers[s] as string;
    if (duration > 0) this.ctx.emit({ kind: 'decision', time: start, scheduler, duration });
    this.count(kind === 'useful' ? PAPER_COUNTERS.useful : PAPER_COUNTERS.wasted, s, duration);
  }

  /** Resources locked (+) or unlocked (−) in an offer to scheduler `s`: the observer's `locked-avg:<name>`. */
  locked(s: number, cpu: number, memory: number): void {
    this.ctx.emit({ kind: 'locked', time: this.ctx.now(), holder: this.schedulers[s] as string, delta: { cpu, memory, gpu: 0 } });
  }

  /** Adds `by` to counter `name:<scheduler s>`. */
  count(name: string, s: number, by = 1): void {
    this.ctx.emit({ kind: 'counter', time: this.ctx.now(), name: this.counterName(name, s), by });
  }

  /** `name:<scheduler s>`, made once per name and scheduler (a counter is bumped on every attempt). */
  private counterName(name: string, s: number): string {
    let names = this.counterNames.get(name);
    if (names === undefined) this.counterNames.set(name, (names = this.schedulers.map((scheduler) => `${name}:${scheduler}`)));
    return names[s] as string;
  }

  /** The job is given up (§4.1). */
  abandon(job: PaperJob): void {
    this.ctx.emit({
      kind: 'job-abandoned',
      time: this.ctx.now(),
      job: job.name,
      reason: `omega-paper: ${job.attempts} attempts, ${job.unscheduledTasks} of ${job.numTasks} tasks unplaced`,
    });
  }

  /**
   * Runs the tasks of `job` committed on `machines` (already claimed in the shared cell by scheduler
   * `s`): the job's next tasks in index order. Each task's end frees its claim and then calls `onEnd`
   * (Mesos: another offer round, §4.4 step 4). The caller keeps `unscheduledTasks`.
   */
  run(job: PaperJob, s: number, machines: readonly number[], onEnd?: () => void): void {
    if (this.options.runTasks === 'model') return this.runInModel(job, s, machines, onEnd);
    const first = job.nextTask;
    const now = this.ctx.now();
    for (let i = 0; i < machines.length; i++) {
      const m = machines[i] as number;
      const t = job.tasks.at(first + i);
      const task: TaskLaunch = {
        id: `${t.key}.1`,
        workload: job.workload,
        tenant: job.tenant,
        taskKey: t.key,
        priority: job.priority,
        resources: t.resources,
        runFor: t.runFor,
      };
      const agent = this.agents[m] as NodeAgentApi;
      this.ctx.emit({ kind: 'task-placed', time: now, taskId: task.id, workload: job.workload, tenant: job.tenant, taskKey: t.key, node: agent.node.name });
      const cpu = job.cpu;
      const memory = job.memory;
      const result = agent.launch(task, {
        onExit: () => {
          this.cell.free(s, m, cpu, memory, false);
          onEnd?.();
        },
      });
      if (result.kind !== 'launched')
        throw new Error(`omega-paper: machine ${agent.node.name} refused task ${task.id} (${result.kind}); this model has no failures`);
    }
    job.nextTask += machines.length;
  }

  /**
   * `runTasks: model`: the claims end after the tasks' duration (one timer for tasks of equal
   * duration, as every job of the simulator has), freeing the cell; `onEnd` runs once per task end
   * time (the simulator's per-task calls at one instant ask for the same offer round).
   */
  private runInModel(job: PaperJob, s: number, machines: readonly number[], onEnd?: () => void): void {
    const first = job.nextTask;
    job.nextTask += machines.length;
    const tasks = job.tasks;
    let i = 0;
    while (i < machines.length) {
      const runFor = tasks.runFor(first + i);
      // Tasks of one shape (a trace job's, the count form) all end together: one timer, no per-task look.
      let j = tasks.shape !== undefined ? machines.length : i + 1;
      while (j < machines.length && tasks.runFor(first + j) === runFor) j++;
      const ending = i === 0 && j === machines.length ? machines : machines.slice(i, j);
      this.ctx.after(runFor, () => {
        for (const m of ending) this.cell.free(s, m, job.cpu, job.memory, false);
        onEnd?.();
      });
      i = j;
    }
  }
}
