import { type NodeSpec } from '../cluster/node.js';
import { type Rng } from '../sim/rng.js';
import { PRIORITY } from '../sim/simulator.js';
import { type SimTime } from '../sim/time.js';
import { type Fault, type Intent, type Perturbation } from '../intents/index.js';
import { expandWorkload } from './expand.js';
import { type ScenarioDoc } from './schema.js';
import { TraceFeed } from './traces/trace-feed.js';
import { type TraceTables } from './traces/trace-tables.js';

/** A counter the trial adds to its results (`trace-*:<workload>`), with the amount to add. */
export interface FeedCount {
  readonly name: string;
  readonly amount: number;
}

/**
 * One step of the feed: what the trial hands out in one simulator event, at `time` and with the
 * simulator `priority` it runs at. A perturbation marks the start of a convergence window, a fault
 * is applied by the harness, and `intents` go to the engine (one ordinary intent, or every job of
 * one trace due at that instant, with the trace's counters to add).
 */
export type FeedStep =
  | { readonly kind: 'perturbation'; readonly time: SimTime; readonly priority: number; readonly perturbation: Perturbation }
  | { readonly kind: 'fault'; readonly time: SimTime; readonly priority: number; readonly fault: Fault }
  | { readonly kind: 'intents'; readonly time: SimTime; readonly priority: number; readonly intents: readonly Intent[]; readonly counts: readonly FeedCount[] };

/** Perturbations run just before faults at the same instant, so their window includes the fault. */
const PERTURBATION_PRIORITY = PRIORITY.fault - 1;

/** A trace workload's job source, with the place it holds among the trace steps of an instant. */
interface TraceSource {
  readonly name: string;
  readonly feed: TraceFeed;
  /** Rows sampled out that were already counted. */
  counted: number;
  /** Order among trace steps of the same instant: the later a source was last served, the later it comes. */
  turn: number;
}

/**
 * Everything the harness hands a trial over time, as ONE time-ordered stream: the ordinary intents
 * (services, batch jobs, scale, rollout and burst events: expand.ts), the jobs of every Trace workload
 * (read from their loaded tables one instant at a time), the faults, and the perturbations after which
 * convergence is measured. The trial keeps one simulator event pending, at the time and priority of
 * {@link peek}, and delivers {@link take} when it runs.
 *
 * Order (it must never change: results depend on it): by time, then by priority (perturbations,
 * then faults, then intents: engines react after all of them, at `PRIORITY.engine`); at the same
 * time and priority, in scenario order (expand.ts), ordinary intents before trace jobs, and the
 * traces in the order they were last served (a trace served earlier comes first; before any was
 * served, in workload order). One ordinary intent, fault or perturbation is one step; a trace's jobs
 * due at one instant are one step.
 *
 * Streams (DESIGN.md §3): the workload owns every label of its randomness: `workload`, `faults`
 * (expand.ts) and `workload/<trace>/sample` for a trace's sampling, all split from the trial's one
 * root stream. Nothing here depends on the engine.
 */
export class WorkloadFeed {
  /** The counters to add before the trial starts, in order (rows read, invalid, outside the window, sampled out). */
  readonly initialCounts: readonly FeedCount[];
  private readonly perturbations: readonly Perturbation[];
  private readonly faults: readonly Fault[];
  private readonly intents: readonly Intent[];
  private readonly traces: TraceSource[] = [];
  private nextPerturbation = 0;
  private nextFault = 0;
  private nextIntent = 0;
  private turns = 0;

  /**
   * Expands `doc` for the trial whose root stream is `root`. `traces` holds the loaded table of every
   * Trace workload (trace-tables.ts); a Trace workload without one throws.
   */
  constructor(doc: ScenarioDoc, root: Rng, nodes: readonly NodeSpec[], traces?: TraceTables) {
    const expanded = expandWorkload(doc, root, nodes);
    this.perturbations = mergeSameTime(expanded.perturbations);
    this.faults = expanded.faults;
    this.intents = expanded.intents;
    const counts: FeedCount[] = [];
    const workloadRng = root.split('workload');
    for (const w of doc.spec.workloads) {
      if (w.kind !== 'Trace') continue;
      const table = traces?.get(w.name);
      if (!table) throw new Error(`trace workload ${w.name} was not loaded: run the trial with runTrialLoadingTraces`);
      counts.push({ name: `trace-rows:${w.name}`, amount: table.rows });
      counts.push({ name: `trace-invalid-rows:${w.name}`, amount: table.invalidRows });
      counts.push({ name: `trace-outside-window:${w.name}`, amount: table.outsideWindow });
      const feed = new TraceFeed(w, table, doc.spec.duration, workloadRng.split(w.name).split('sample'));
      counts.push({ name: `trace-sampled-out:${w.name}`, amount: feed.sampledOut });
      this.traces.push({ name: w.name, feed, counted: feed.sampledOut, turn: this.turns++ });
    }
    this.initialCounts = counts;
  }

  /** Time and priority of the next step, or undefined when the feed is over. */
  peek(): { readonly time: SimTime; readonly priority: number } | undefined {
    const next = this.choose();
    return next && { time: next.time, priority: next.priority };
  }

  /** The next step (call only when {@link peek} is defined). */
  take(): FeedStep {
    const next = this.choose();
    if (!next) throw new Error('the workload feed is over');
    switch (next.from) {
      case 'perturbation': {
        const perturbation = this.perturbations[this.nextPerturbation++] as Perturbation;
        return { kind: 'perturbation', time: next.time, priority: next.priority, perturbation };
      }
      case 'fault':
        return { kind: 'fault', time: next.time, priority: next.priority, fault: this.faults[this.nextFault++] as Fault };
      case 'intent':
        return { kind: 'intents', time: next.time, priority: next.priority, intents: [this.intents[this.nextIntent++] as Intent], counts: [] };
      case 'trace':
        return this.serveTrace(next.source, next.time);
    }
  }

  /** Every job of `source` due at `time`, and the rows its sampling skipped on the way. */
  private serveTrace(source: TraceSource, time: SimTime): FeedStep {
    const intents: Intent[] = [];
    for (let t = source.feed.peekTime(); t !== undefined && t <= time; t = source.feed.peekTime()) intents.push(source.feed.take());
    const amount = source.feed.sampledOut - source.counted;
    source.counted = source.feed.sampledOut;
    source.turn = this.turns++;
    return { kind: 'intents', time, priority: PRIORITY.intent, intents, counts: [{ name: `trace-sampled-out:${source.name}`, amount }] };
  }

  private choose(): Choice | undefined {
    let best: Choice | undefined;
    // Considered in the order that wins ties: ordinary intents before any trace, traces by turn.
    const p = this.perturbations[this.nextPerturbation];
    if (p) best = earlier(best, { from: 'perturbation', time: p.time, priority: PERTURBATION_PRIORITY });
    const f = this.faults[this.nextFault];
    if (f) best = earlier(best, { from: 'fault', time: f.time, priority: PRIORITY.fault });
    const i = this.intents[this.nextIntent];
    if (i) best = earlier(best, { from: 'intent', time: i.time, priority: PRIORITY.intent });
    let trace: { source: TraceSource; time: SimTime } | undefined;
    for (const source of this.traces) {
      const t = source.feed.peekTime();
      if (t !== undefined && (!trace || t < trace.time || (t === trace.time && source.turn < trace.source.turn))) trace = { source, time: t };
    }
    if (trace) best = earlier(best, { from: 'trace', time: trace.time, priority: PRIORITY.intent, source: trace.source });
    return best;
  }
}

/** The earlier of two choices by (time, priority); on a tie the one considered first. */
function earlier(best: Choice | undefined, c: Choice): Choice {
  return !best || c.time < best.time || (c.time === best.time && c.priority < best.priority) ? c : best;
}

type Choice =
  | { readonly from: 'perturbation' | 'fault' | 'intent'; readonly time: SimTime; readonly priority: number }
  | { readonly from: 'trace'; readonly time: SimTime; readonly priority: number; readonly source: TraceSource };

/** Perturbations at the same instant form one window (their labels joined). */
function mergeSameTime(list: readonly Perturbation[]): Perturbation[] {
  const out: Perturbation[] = [];
  for (const p of list) {
    const last = out[out.length - 1];
    if (last && last.time === p.time) out[out.length - 1] = { ...last, label: `${last.label}; ${p.label}` };
    else out.push({ ...p, index: out.length });
  }
  return out;
}
