/**
 * The golden result sets: runs whose results files are kept (as SHA-256 digests, with runs.csv in
 * full so a change shows which headline numbers moved) under test/golden/<name>/. Every change is
 * checked against them: a refactor must leave every digest as it is; a change that moves results
 * re-baselines with `npm run golden -- --update` and says in its commit how the numbers moved.
 */
export interface GoldenSet {
  readonly name: string;
  /** What it runs, as `schedbench run` arguments (the results folder and `--no-report` are added). */
  readonly args: readonly string[];
}

export const GOLDEN_SETS: readonly GoldenSet[] = [
  // The default suite on every engine, each scenario's own seeds (1–3): what `npm run bench` runs.
  { name: 'default', args: ['--suite', 'default'] },
  // The Alibaba trace's hour slice: the trace loader and every engine under a real arrival stream.
  { name: 'alibaba-hour', args: ['trace-alibaba-2017-hour', '--seeds', '1'] },
];

/**
 * Files of a results folder that are not compared: perf.csv holds wall-clock figures and meta.json
 * the date, git commit and command; both differ between identical runs by design (README, Results).
 */
export const UNCOMPARED = new Set(['perf.csv', 'meta.json']);
