import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import { writeCounterexample, type ReplayCase } from './replay.js';

/*
 * One place that decides how long properties run. `npm test` runs every property briefly with a
 * fixed seed per property (a red suite is reproducible as is); `npm run test:props` sets
 * SCHEDBENCH_PROPS=long and runs them long with a fresh seed, printed before the run. Every failure
 * prints fast-check's seed and path and the environment that replays it; a failing scenario
 * property also writes its shrunk scenario to results/counterexamples/ (see replay.ts).
 *
 * Environment:
 *   SCHEDBENCH_PROPS=long        long mode (the `.props.test.ts` files only run then)
 *   SCHEDBENCH_PROP_RUNS=<n>     runs per engine property in long mode (default 1000)
 *   SCHEDBENCH_PROP_SEED=<n>     the seed of every property (replays a printed failure)
 *   SCHEDBENCH_PROP_PATH=<p>     fast-check's path, with the seed, to jump to a shrunk case
 */

/** What kind of property: decides its number of runs. */
export type PropKind =
  /** One trial of a generated scenario per run, per engine (slow: tens of ms each). */
  | 'engine'
  /** One batch of trials in worker threads per run (slowest: a thread pool per run). */
  | 'threads'
  /** A runner property that plans, runs and writes result folders per run. */
  | 'runner'
  /** One raw input through the validator per run. */
  | 'validator'
  /** Pure in-memory logic (kernel, sorter, scorers): cheap. */
  | 'pure';

/** True when `npm run test:props` runs (SCHEDBENCH_PROPS=long). */
export function isLongMode(): boolean {
  return process.env.SCHEDBENCH_PROPS === 'long';
}

/** Runs per engine property in long mode: SCHEDBENCH_PROP_RUNS, default 1 000 (issue 7's floor). */
export function longRuns(): number {
  const text = process.env.SCHEDBENCH_PROP_RUNS;
  const n = text === undefined ? 1000 : Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`SCHEDBENCH_PROP_RUNS must be a positive whole number, got ${JSON.stringify(text)}`);
  return n;
}

/**
 * Runs of a property of this kind. Quick: a handful of trials per engine keeps `npm test` fast.
 * Long: SCHEDBENCH_PROP_RUNS per engine property; validator inputs at least 10 000 (issue 7);
 * thread batches and runner folders a fiftieth and a tenth (each run is many trials).
 */
export function runsFor(kind: PropKind): number {
  if (!isLongMode()) {
    switch (kind) {
      case 'engine':
        return 4;
      case 'threads':
        return 1;
      case 'runner':
        return 2;
      case 'validator':
        return 100;
      case 'pure':
        return 100;
    }
  }
  const n = longRuns();
  switch (kind) {
    case 'engine':
      return n;
    case 'threads':
      return Math.max(5, Math.ceil(n / 50));
    case 'runner':
      return Math.max(10, Math.ceil(n / 10));
    case 'validator':
      return Math.max(10_000, 10 * n);
    case 'pure':
      return Math.max(1000, 10 * n);
  }
}

/** A stable 31-bit seed from a property name (quick mode: the same cases on every run). */
function nameSeed(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 1;
}

/** The seed of a property: SCHEDBENCH_PROP_SEED, else fixed per name (quick) or fresh (long). */
export function seedFor(name: string): number {
  const text = process.env.SCHEDBENCH_PROP_SEED;
  if (text !== undefined) {
    const n = Number(text);
    if (!Number.isSafeInteger(n)) throw new Error(`SCHEDBENCH_PROP_SEED must be a whole number, got ${JSON.stringify(text)}`);
    return n;
  }
  // Long runs explore: a new seed each time, printed so the run can be repeated.
  return isLongMode() ? (Date.now() ^ Math.floor(Math.random() * 0x7fffffff)) >>> 1 : nameSeed(name);
}

/** Options of {@link checkProperty}. */
export interface CheckOptions<Ts> {
  readonly kind: PropKind;
  /** Overrides the run count of the kind (for a property that is its own kind of slow). */
  readonly numRuns?: number;
  /** For scenario properties: the scenario, engine and seed of a counterexample, to write as a replay file. */
  readonly replay?: (counterexample: Ts) => ReplayCase | undefined;
}

/** How many runs each property made in this process, for the long-mode summary. */
export const runLog: { name: string; runs: number; seed: number; ms: number }[] = [];

function parameters<Ts>(name: string, options: CheckOptions<Ts>): fc.Parameters<Ts> & { seed: number; numRuns: number } {
  const seed = seedFor(name);
  const numRuns = options.numRuns ?? runsFor(options.kind);
  const path = process.env.SCHEDBENCH_PROP_PATH;
  return { seed, numRuns, ...(path !== undefined ? { path } : {}) };
}

function failureMessage<Ts>(name: string, details: fc.RunDetails<Ts>, options: CheckOptions<Ts>): string {
  const cause = details.failed ? (details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)) : '';
  const lines = [
    `property "${name}" failed (seed ${details.seed}, path "${details.counterexamplePath ?? ''}")`,
    `error: ${cause}`,
    fc.defaultReportMessage(details) ?? '',
  ];
  lines.push(`replay: SCHEDBENCH_PROP_SEED=${details.seed} SCHEDBENCH_PROP_PATH=${details.counterexamplePath ?? ''} npx vitest run -t ${JSON.stringify(name)}`);
  if (details.failed && details.counterexample !== null && options.replay) {
    try {
      const replay = options.replay(details.counterexample);
      if (replay) {
        const written = writeCounterexample(name, details.seed, replay);
        lines.push(`counterexample scenario: ${written.path}`, `replay it with: ${written.command}`);
      }
    } catch (e) {
      lines.push(`(could not write the counterexample scenario: ${e instanceof Error ? e.message : String(e)})`);
    }
  }
  return lines.join('\n');
}

function announce(name: string, seed: number, numRuns: number): void {
  if (isLongMode()) process.stdout.write(`[props] ${name}: seed=${seed} numRuns=${numRuns}\n`);
}

function finished(entry: (typeof runLog)[number]): void {
  runLog.push(entry);
  if (isLongMode()) process.stdout.write(`[props] done ${entry.name}: ${entry.runs} runs in ${(entry.ms / 1000).toFixed(1)} s\n`);
}

/**
 * Checks a synchronous property with fc.assert under the mode's seed and run count. On failure it
 * throws fast-check's report (seed, path, shrunk counterexample) plus the replay command, after
 * writing the counterexample scenario when `replay` is given.
 */
export function checkProperty<Ts>(name: string, property: fc.IProperty<Ts>, options: CheckOptions<Ts>): void {
  const params = parameters(name, options);
  announce(name, params.seed, params.numRuns);
  const started = performance.now(); // wall-clock: test timing only
  fc.assert(property, {
    ...params,
    reporter: (details) => {
      if (details.failed) throw new Error(failureMessage(name, details, options));
    },
  });
  finished({ name, runs: params.numRuns, seed: params.seed, ms: performance.now() - started });
}

/** {@link checkProperty} for asynchronous properties. */
export async function checkAsyncProperty<Ts>(name: string, property: fc.IAsyncProperty<Ts>, options: CheckOptions<Ts>): Promise<void> {
  const params = parameters(name, options);
  announce(name, params.seed, params.numRuns);
  const started = performance.now(); // wall-clock: test timing only
  await fc.assert(property, {
    ...params,
    asyncReporter: async (details) => {
      if (details.failed) throw new Error(failureMessage(name, details, options));
      return Promise.resolve();
    },
  });
  finished({ name, runs: params.numRuns, seed: params.seed, ms: performance.now() - started });
}

/** A property defined once and registered by both the quick and the long test file. */
export interface PropertyDef {
  /** The invariant, as a sentence: it names the test. */
  readonly name: string;
  readonly check: () => void | Promise<void>;
  /** Vitest timeout for the quick run (long runs use the props config's). */
  readonly quickTimeoutMs?: number;
}

/**
 * Registers properties as vitest tests. `quick` files (`*.test.ts`) always register; `long` files
 * (`*.props.test.ts`) only in long mode, so `npm test`, whose glob also matches them, skips them.
 * Long mode prints each property's runs, seed and time after the file.
 */
export function registerProperties(title: string, defs: readonly PropertyDef[], file: 'quick' | 'long'): void {
  describe.skipIf(file === 'long' && !isLongMode())(title, () => {
    for (const def of defs) it(def.name, () => def.check(), isLongMode() ? undefined : (def.quickTimeoutMs ?? 60_000));
    afterAll(() => {
      if (!isLongMode()) return;
      for (const r of runLog) process.stdout.write(`[props] ${r.name}: ${r.runs} runs, seed ${r.seed}, ${(r.ms / 1000).toFixed(1)} s\n`);
      runLog.length = 0;
    });
  });
}
