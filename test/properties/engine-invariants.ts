import fc from 'fast-check';
import { expect } from 'vitest';
import { batchTaskKey, taskCount } from '../../src/intents/index.js';
import { ENGINE_NAMES } from '../../src/engines/registry.js';
import { runTrials } from '../../src/runner/pool.js';
import { buildTrial, runTrial } from '../../src/runner/trial.js';
import { toSeconds, type SimTime } from '../../src/sim/time.js';
import { expandCluster, expandWorkload } from '../../src/workload/expand.js';
import { crashScenarioArb, scenarioArb, type ScenarioCase, uncontendedScenarioArb } from '../arbitraries/scenario.js';
import { checkAsyncProperty, checkProperty, type PropertyDef } from '../support/props.js';
import { isKnownIssue } from './known-issues.js';
import { firstOverCommit, recorder, replayOf, specOf, withoutPerf } from './trial-cases.js';
import { Rng } from '../../src/sim/rng.js';

/*
 * The invariants every registered engine keeps (issue 7), over generated scenarios. Each is defined
 * once here and registered by engine-invariants.test.ts (few runs) and .props.test.ts (long).
 * They iterate ENGINE_NAMES, so an engine is held to them the moment it is registered.
 */

/** Any generated scenario: faults, changes, constraints, failing attempts, latency models, overrides. */
const anyScenario = scenarioArb();

function neverOverCommits(engine: string): PropertyDef {
  const name = `${engine} never over-commits a node`;
  return {
    name,
    check: () =>
      checkProperty(
        name,
        fc.property(anyScenario, (c) => {
          fc.pre(!isKnownIssue(engine, name, c));
          const spec = specOf(c, engine);
          const { probe, seen } = recorder();
          const r = runTrial(spec, probe);
          expect(r.error ?? '', 'the trial broke an invariant (the cluster refuses over-commit by throwing)').toBe('');
          expect(r.status).toBe('ok');
          expect(firstOverCommit(expandCluster(spec.doc), seen.events)).toBeUndefined();
        }),
        { kind: 'engine', replay: replayOf(engine) },
      ),
  };
}

function accountsForEveryTask(engine: string): PropertyDef {
  const name = `${engine} accounts for every submitted task at the horizon`;
  return {
    name,
    check: () =>
      checkProperty(
        name,
        fc.property(anyScenario, (c) => {
          fc.pre(!isKnownIssue(engine, name, c));
          const { probe, seen } = recorder();
          const r = runTrial(specOf(c, engine), probe);
          expect(r.status, r.error).toBe('ok');
          const a = r.metrics?.accounting;
          if (!a) throw new Error('no accounting in an ok trial');
          // Submitted = every task of every job the engine was handed.
          const submitted = seen.intents.reduce((n, i) => n + (i.kind === 'job-submitted' ? taskCount(i.job.tasks) : 0), 0);
          expect(a.tasksSubmitted).toBe(submitted);
          // Each task is in exactly one state: finished, running, pending (with a reason) or abandoned.
          expect(a.tasksFinished + a.tasksRunning + a.tasksPending + a.tasksAbandoned).toBe(a.tasksSubmitted);
          expect(Object.values(a.pendingReasons).reduce((x, y) => x + y, 0)).toBe(a.tasksPending);
          expect(a.tasksLostAndReplaced).toBeLessThanOrEqual(a.tasksSubmitted);
          // Finished, as the cluster saw it: task keys with an instance that exited 0.
          const finished = new Set(
            seen.events.flatMap((e) => (e.kind === 'task-ended' && e.how === 'finished' && e.task.taskKey !== undefined ? [e.task.taskKey] : [])),
          );
          expect(a.tasksFinished).toBe(finished.size);
        }),
        { kind: 'engine', replay: replayOf(engine) },
      ),
  };
}

function deterministic(engine: string): PropertyDef {
  const name = `${engine} gives an identical result for the same spec`;
  return {
    name,
    check: () =>
      checkProperty(
        name,
        fc.property(anyScenario, (c) => {
          fc.pre(!isKnownIssue(engine, name, c));
          const spec = specOf(c, engine);
          expect(withoutPerf(runTrial(spec))).toEqual(withoutPerf(runTrial(spec)));
        }),
        { kind: 'engine', replay: replayOf(engine) },
      ),
  };
}

function deterministicInThreads(engine: string): PropertyDef {
  const name = `${engine} gives the same result in a worker thread as in-process`;
  return {
    name,
    quickTimeoutMs: 120_000,
    check: () =>
      checkAsyncProperty(
        name,
        // A batch per run: starting a thread pool costs far more than a small trial.
        fc.asyncProperty(fc.array(anyScenario, { minLength: 1, maxLength: 4 }), async (cases) => {
          const specs = cases.map((c, i) => specOf(c, engine, i));
          const threaded = await runTrials(specs, { workers: 2 });
          const inProcess = specs.map((s) => withoutPerf(runTrial(s)));
          threaded.forEach((t, i) => expect(firstDifference(withoutPerf(t), inProcess[i]), `case ${i}`).toBe(''));
          expect(threaded.map(withoutPerf)).toEqual(inProcess);
        }),
        { kind: 'threads', replay: (cases) => ({ raw: cases[0][0]?.raw, engine, seed: cases[0][0]?.seed ?? 0 }) },
      ),
  };
}

function withinPlacementBound(engine: string): PropertyDef {
  const name = `${engine} runs every task within its stated placement bound when capacity suffices and nothing fails`;
  return {
    name,
    check: () =>
      checkProperty(
        name,
        fc.property(uncontendedScenarioArb(), (c) => {
          fc.pre(!isKnownIssue(engine, name, c));
          const spec = specOf(c, engine);
          const bound = buildTrial(spec).engine.bounds().placementWithin;
          const horizon = spec.doc.spec.duration;
          const { probe, seen } = recorder();
          const r = runTrial(spec, probe);
          expect(r.status, r.error).toBe('ok');
          const late = lateTasks(seen, bound, horizon);
          expect(late, `bound ${toSeconds(bound)} s`).toEqual([]);
        }),
        { kind: 'engine', replay: replayOf(engine) },
      ),
  };
}

/**
 * Tasks and replicas that were not running one bound after their submission (those submitted less
 * than a bound before the horizon are only held to it if they ran). From the probe, not the observer.
 */
function lateTasks(seen: ReturnType<typeof recorder>['seen'], bound: number, horizon: number): string[] {
  const submitted = new Map<string, number>();
  const ran = new Map<string, number>();
  const services = new Map<string, { at: number; replicas: number; running: number; reachedAt: number }>();
  for (const i of seen.intents) {
    if (i.kind === 'job-submitted') for (let k = 0; k < taskCount(i.job.tasks); k++) submitted.set(batchTaskKey(i.job.name, k), i.time);
    if (i.kind === 'service-declared')
      services.set(i.service.name, { at: i.time, replicas: i.service.replicas, running: 0, reachedAt: i.service.replicas === 0 ? i.time : -1 });
  }
  for (const e of seen.events) {
    if (e.kind !== 'task-running') continue;
    if (e.task.taskKey !== undefined) {
      if (!ran.has(e.task.taskKey)) ran.set(e.task.taskKey, e.time);
      continue;
    }
    const s = services.get(e.task.workload);
    if (s && ++s.running === s.replicas && s.reachedAt < 0) s.reachedAt = e.time;
  }
  const late: string[] = [];
  for (const [key, at] of submitted) {
    const start = ran.get(key);
    if (start !== undefined ? start - at > bound : horizon - at > bound)
      late.push(`${key}: submitted at ${toSeconds(at as SimTime)} s, running ${start === undefined ? 'never' : `at ${toSeconds(start as SimTime)} s`}`);
  }
  for (const [svc, s] of services) {
    if (s.reachedAt >= 0 ? s.reachedAt - s.at > bound : horizon - s.at > bound)
      late.push(
        `${svc}: declared at ${toSeconds(s.at as SimTime)} s with ${s.replicas} replicas, ${s.running} running ${s.reachedAt >= 0 ? `at ${toSeconds(s.reachedAt as SimTime)} s` : 'by the horizon'}`,
      );
  }
  return late;
}

function recoversWithinBound(engine: string): PropertyDef {
  const name = `${engine} converges after a crash within its recovery bound or reports the window censored`;
  return {
    name,
    check: () =>
      checkProperty(
        name,
        fc.property(crashScenarioArb(), (c) => {
          fc.pre(!isKnownIssue(engine, name, c));
          const spec = specOf(c, engine);
          const bound = toSeconds(buildTrial(spec).engine.bounds().recoveryWithin);
          const r = runTrial(spec);
          expect(r.status, r.error).toBe('ok');
          const crash = r.metrics?.convergence.find((row) => row.kind === 'crash');
          if (!crash) throw new Error('no convergence row for the crash');
          const horizon = toSeconds(spec.doc.spec.duration);
          expect(crash.window).toBeCloseTo(horizon - crash.time, 6);
          if (crash.window >= bound) {
            // Room to recover: it must have, within the bound.
            expect(crash.censored, `censored at ${crash.convergence} s with a bound of ${bound} s`).toBe(false);
            expect(crash.convergence).toBeLessThanOrEqual(bound);
          } else if (crash.censored) {
            // Not enough time left: censored, and the row says how long it watched.
            expect(crash.convergence).toBeCloseTo(crash.window, 6);
          } else {
            expect(crash.convergence).toBeLessThanOrEqual(crash.window);
          }
        }),
        { kind: 'engine', replay: replayOf(engine) },
      ),
  };
}

/** Not per engine: the intents and faults every engine is handed for a case are the same, and are expandWorkload's. */
const sameWorkloadForEveryEngine: PropertyDef = {
  name: 'the expanded workload and faults are identical whichever engine runs them',
  check: () =>
    checkProperty(
      'the expanded workload and faults are identical whichever engine runs them',
      fc.property(anyScenario, (c) => {
        const first = specOf(c, ENGINE_NAMES[0] as string);
        const expected = expandWorkload(first.doc, Rng.root(c.seed), expandCluster(first.doc));
        for (const engine of ENGINE_NAMES) {
          const { probe, seen } = recorder();
          runTrial(specOf(c, engine), probe);
          // Everything handed out before the horizon, in the order it was handed out.
          const horizon = first.doc.spec.duration;
          expect(seen.intents, engine).toEqual(expected.intents.filter((i) => i.time <= horizon));
          expect(seen.faults, engine).toEqual(expected.faults.filter((f) => f.time <= horizon));
        }
      }),
      // Runs once per engine per case: an engine property by cost.
      { kind: 'engine', replay: ([c]) => ({ raw: c.raw, engine: ENGINE_NAMES.join(','), seed: c.seed }) },
    ),
};

/** Where two results first differ, as `…context… ≠ …context…`, or '' when they are the same. */
function firstDifference(a: unknown, b: unknown): string {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  if (x === y) return '';
  let i = 0;
  while (x[i] === y[i]) i++;
  return `${x.slice(Math.max(0, i - 150), i + 80)}\n  ≠\n${y.slice(Math.max(0, i - 150), i + 80)}`;
}

/** Every engine invariant, for every registered engine, plus the cross-engine one. */
export function engineInvariantDefs(): PropertyDef[] {
  return [
    ...ENGINE_NAMES.flatMap((e) => [neverOverCommits(e), accountsForEveryTask(e), deterministic(e), withinPlacementBound(e), recoversWithinBound(e)]),
    sameWorkloadForEveryEngine,
  ];
}

/** The thread-pool variant, kept apart: it is the slow one. */
export function threadInvariantDefs(): PropertyDef[] {
  return ENGINE_NAMES.map(deterministicInThreads);
}

export type { ScenarioCase };
