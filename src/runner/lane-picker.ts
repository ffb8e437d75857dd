import { type TrialSpec } from './trial-types.js';

/**
 * Hands out trials to lanes (one worker thread each) so that each thread runs few distinct engines.
 * A thread's first trials of an engine run slowly while V8 compiles that engine's code, and on two
 * cores two threads compiling at once slow each other down: a thread that ran every engine pays
 * that for every engine. A lane takes, in plan order, the next trial of an engine it has already
 * run; else one of an engine no other lane is running; else the next trial. Which thread runs a
 * trial never changes its result, only how long the run takes.
 */
export class LanePicker {
  private readonly taken: boolean[];
  private readonly warm: Set<string>[];
  private left: number;
  /** No trial before this index is still to be handed out (scans start here). */
  private lowest = 0;

  constructor(
    private readonly specs: readonly TrialSpec[],
    lanes: number,
  ) {
    this.taken = specs.map(() => false);
    this.warm = Array.from({ length: lanes }, () => new Set<string>());
    this.left = specs.length;
  }

  /** The next trial for `lane`, or undefined when every trial has been handed out. */
  next(lane: number): TrialSpec | undefined {
    if (this.left === 0) return undefined;
    const mine = this.warm[lane] as Set<string>;
    const others = (engine: string): boolean => this.warm.some((w, i) => i !== lane && w.has(engine));
    const i = this.firstUntaken((s) => mine.has(s.engine)) ?? this.firstUntaken((s) => !others(s.engine)) ?? (this.firstUntaken(() => true) as number);
    const spec = this.specs[i] as TrialSpec;
    this.taken[i] = true;
    this.left--;
    while (this.lowest < this.specs.length && this.taken[this.lowest]) this.lowest++;
    mine.add(spec.engine);
    return spec;
  }

  private firstUntaken(ok: (s: TrialSpec) => boolean): number | undefined {
    for (let i = this.lowest; i < this.specs.length; i++) if (!this.taken[i] && ok(this.specs[i] as TrialSpec)) return i;
    return undefined;
  }
}
