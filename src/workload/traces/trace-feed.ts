import { type PlacementConstraints } from '../../cluster/constraints.js';
import { type Resources } from '../../cluster/resources.js';
import { type Rng } from '../../sim/rng.js';
import { type SimDuration, type SimTime } from '../../sim/time.js';
import { type JobSubmitted, type UniformTasks } from '../../intents/index.js';
import { type TraceSpec } from '../schema.js';
import { type TraceTable } from './trace-table.js';

/** Trace tasks carry no placement constraints (none of the supported formats records any that we replay). */
const NO_CONSTRAINTS: PlacementConstraints = { nodeSelector: {}, tolerations: [], requiredTerms: [], preferredTerms: [] };

/**
 * Hands out a trace's jobs in time order, one `job-submitted` intent at a time, so that only the
 * jobs already submitted exist as objects (the table keeps the rest as columns). Each table row is
 * one job named `<workload>-<row>` whose instances are its tasks (same shape, same run time, first
 * attempt succeeds: a count and a shape, not a list). With `sample` < 1 each row is kept with that probability, drawn in row order
 * from `rng` (the workload's `sample` stream), so a seed picks the same rows on every engine.
 */
export class TraceFeed {
  private next = 0;
  /** Rows skipped by sampling so far. */
  sampledOut = 0;

  constructor(
    private readonly spec: TraceSpec,
    private readonly table: TraceTable,
    private readonly horizon: SimTime,
    private readonly rng: Rng,
  ) {
    this.skipDropped();
  }

  /** Time of the next job, or undefined when the trace (or the run) is over. */
  peekTime(): SimTime | undefined {
    if (this.next >= this.table.length) return undefined;
    const t = this.table.submit[this.next] as number;
    return t < this.horizon ? (t as SimTime) : undefined;
  }

  /** The next job (call only when {@link peekTime} is defined). */
  take(): JobSubmitted {
    const i = this.next++;
    this.skipDropped();
    return materialise(this.spec, this.table, i);
  }

  private skipDropped(): void {
    if (this.spec.sample >= 1) return;
    while (this.next < this.table.length && this.rng.float() >= this.spec.sample) {
      this.next++;
      this.sampledOut++;
    }
  }
}

/**
 * Builds the intent of table row `i`: its instances are alike, so they go as a count and one shape
 * (intents.ts {@link UniformTasks}), and no task object exists until an engine asks for one.
 */
export function materialise(spec: TraceSpec, table: TraceTable, i: number): JobSubmitted {
  const resources: Resources = { cpu: table.cpu[i] as number, memory: table.memory[i] as number, gpu: 0 };
  const tasks: UniformTasks = { count: table.instances[i] as number, shape: { resources, runFor: table.runFor[i] as SimDuration, firstAttempt: 'finished' } };
  return {
    kind: 'job-submitted',
    time: table.submit[i] as SimTime,
    job: {
      name: `${spec.name}-${i}`,
      workload: spec.name,
      tenant: table.tenants[table.tenant[i] as number] as string,
      priority: 0,
      constraints: NO_CONSTRAINTS,
      tasks,
      sync: false,
    },
  };
}
