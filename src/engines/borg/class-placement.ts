import { type BorgTask } from './borg-task.js';
import { type CellState, type Machine } from './cell-state.js';
import { type MachineOrder } from './machine-order.js';
import { type ScorePolicy } from './options.js';
import { type CachedScore, type ScoreCache } from './score-cache.js';
import { placementCost } from './scoring.js';

/** A feasible machine of the sample with its cached check and score. */
export interface Candidate {
  readonly machine: Machine;
  readonly score: CachedScore;
}

/** What the scheduler needs to place one class. */
export interface ClassPlacementSetup {
  readonly cell: CellState;
  readonly cache: ScoreCache;
  readonly order: MachineOrder;
  readonly policy: ScorePolicy;
  /** Relaxed randomization: feasible machines to find before scoring stops looking. */
  readonly sample: number;
  readonly preemption: boolean;
}

/**
 * Places the tasks of one equivalence class, one after another ([B] §3.2, §3.4): machines are
 * examined in the pass's random order until `sample` feasible ones are found (relaxed randomization),
 * each checked and scored once for the whole class (equivalence classes) through the score cache;
 * the best of them takes the task. After a placement only the chosen machine changed, so only it is
 * checked again, and the sample is topped up from where the examination stopped.
 *
 * The best machine is the one with the fewest preemptions, then the lowest cost of the scoring
 * policy, then the earliest examined ([B] §3.2 names "minimizing the number and priority of
 * preempted tasks" first among the score terms; their weights are not stated, so we rank them).
 */
export class ClassPlacement {
  private candidates: Candidate[] = [];
  private cursor = 0;
  /** Machines examined (checked, from the cache or not) so far. */
  examined = 0;

  constructor(private readonly s: ClassPlacementSetup) {}

  /** The best machine for `task` (one of the class) and its check, or undefined when none is feasible. */
  best(task: BorgTask): Candidate | undefined {
    this.refresh(task);
    this.fill(task);
    let best: Candidate | undefined;
    for (const c of this.candidates) {
      if (best === undefined || better(c, best)) best = c;
    }
    return best;
  }

  /** The sample as it stands, best first (for explain.jsonl). */
  ranked(): readonly Candidate[] {
    return [...this.candidates].sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
  }

  /** How many feasible machines the sample holds. */
  get feasible(): number {
    return this.candidates.length;
  }

  private check(task: BorgTask, m: Machine): CachedScore {
    return this.s.cache.get(task, m, () => {
      const fit = this.s.cell.fit(m, task, this.s.preemption);
      const cost = fit.feasible ? placementCost(this.s.policy, fit.freeAfter, m.spec.allocatable, task.resources) : Number.NaN;
      return { fit, cost };
    });
  }

  /** Re-checks the machines of the sample that changed since they were checked; drops those no longer feasible. */
  private refresh(task: BorgTask): void {
    const kept: Candidate[] = [];
    for (const c of this.candidates) {
      const score = c.score.version === c.machine.version ? c.score : this.check(task, c.machine);
      if (score.fit.feasible) kept.push(score === c.score ? c : { machine: c.machine, score });
    }
    this.candidates = kept;
  }

  /** Examines further machines in the random order until the sample is full or every machine was seen. */
  private fill(task: BorgTask): void {
    const machines = this.s.cell.machines;
    while (this.candidates.length < this.s.sample && this.cursor < machines.length) {
      const m = machines[this.s.order.at(this.cursor++)] as Machine;
      this.examined++;
      const score = this.check(task, m);
      if (score.fit.feasible) this.candidates.push({ machine: m, score });
    }
  }
}

function victimsOf(c: Candidate): number {
  return c.score.fit.feasible ? c.score.fit.victims.length : Number.POSITIVE_INFINITY;
}

/** Fewer preemptions first, then the lower cost (earlier examined on a tie: the caller keeps order). */
function better(a: Candidate, b: Candidate): boolean {
  const va = victimsOf(a);
  const vb = victimsOf(b);
  if (va !== vb) return va < vb;
  return a.score.cost < b.score.cost;
}
