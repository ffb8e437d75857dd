import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE_NAMES } from '../../src/engines/registry.js';
import { type RunMeta, writeResultsFolder } from '../../src/report/results-folder.js';
import { planTrials } from '../../src/runner/plan.js';
import { runTrials } from '../../src/runner/pool.js';
import { runTrial } from '../../src/runner/trial.js';
import { type TrialResult } from '../../src/runner/trial-types.js';
import { trialSpec } from '../engines/contract.js';
import { scenarioFromYaml, scenarioYaml } from '../support/scenario.js';

/*
 * Reliability of the runner (issue 7): a failing trial is isolated and replayable, and a scenario
 * that cannot converge or would never end stops at its horizon or its event budget and says so.
 */

const SMALL = scenarioYaml({
  name: 'small',
  duration: '60s',
  seeds: [1, 2],
  workloads: `- kind: Service
  name: web
  replicas: 3
  resources: { cpu: 500m, memory: 512Mi }
- kind: BatchJob
  name: jobs
  tasks: 2
  resources: { cpu: 1, memory: 1Gi }
  duration: 10s
  arrivals: { meanInterArrival: 10s, count: 3 }`,
});

const META: RunMeta = {
  tool: { name: 'schedbench', version: 'test' },
  gitCommit: null,
  node: 'test',
  command: 'schedbench run small',
  engines: [],
  planned: 0,
  shard: null,
  scenarios: [],
};

describe('a trial that throws or hangs', () => {
  beforeAll(() => {
    process.env.SCHEDBENCH_FAULTY_ENGINES = '1';
  });
  afterAll(() => {
    delete process.env.SCHEDBENCH_FAULTY_ENGINES;
  });

  const plan = (): ReturnType<typeof planTrials> => planTrials([scenarioFromYaml(SMALL, 'small.yaml')], { engines: ['oracle', 'faulty-throw', 'faulty-hang'] });

  it('is reported failed with its error and what replays it, and every other trial is kept (in this thread)', async () => {
    const p = plan();
    if (!p.ok) throw new Error(p.errors.join('\n'));
    // The hanging engine can only be stopped by terminating its thread: not in-process.
    const trials = p.trials.filter((t) => t.engine !== 'faulty-hang');
    const results = await runTrials(trials, { workers: 0 });
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ['small/oracle/seed-1', 'ok'],
      ['small/oracle/seed-2', 'ok'],
      ['small/faulty-throw/seed-1', 'failed'],
      ['small/faulty-throw/seed-2', 'failed'],
    ]);
    expect(results[0]?.metrics?.accounting.tasksSubmitted).toBe(6);
    const failed = results[2] as TrialResult;
    // The error is the engine's, with its stack; the id names scenario, engine and seed.
    expect(failed.error).toMatch(/^Error: faulty-throw: refusing intent service-declared at 0us\n\s+at /);
    expect([failed.scenario, failed.engine, failed.seed]).toEqual(['small', 'faulty-throw', 1]);
    // What a failed row carries replays it: the same plan entry, run again, fails the same way.
    const again = runTrial(p.trials.find((t) => t.id === failed.id) as (typeof p.trials)[number]);
    expect(again.error?.split('\n')[0]).toBe(failed.error?.split('\n')[0]);
  });

  it('in worker threads, a throw and a hang are reported with their errors, every other result is written, every file whole', async () => {
    const p = plan();
    if (!p.ok) throw new Error(p.errors.join('\n'));
    // One hanging trial is enough (each costs the whole timeout). The timeout also covers starting
    // the worker thread (loading the TypeScript sources), which takes seconds on a loaded machine.
    const trials = p.trials.filter((t) => t.id !== 'small/faulty-hang/seed-2');
    const results = await runTrials(trials, { workers: 2, trialTimeoutMs: 8_000 });
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ['small/oracle/seed-1', 'ok'],
      ['small/oracle/seed-2', 'ok'],
      ['small/faulty-throw/seed-1', 'failed'],
      ['small/faulty-throw/seed-2', 'failed'],
      ['small/faulty-hang/seed-1', 'timeout'],
    ]);
    expect(results[2]?.error).toMatch(/^Error: faulty-throw: refusing intent service-declared at 0us\n\s+at /);
    expect(results[4]?.error).toMatch(/did not finish within 8000 ms/);

    const dir = mkdtempSync(join(tmpdir(), 'schedbench-reliability-'));
    writeResultsFolder(dir, { ...META, planned: p.trials.length }, results, { workers: 2, startedAt: 'test' });
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const runs = parse(readFileSync(join(dir, 'runs.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(runs.map((r) => [r.scenario, r.engine, r.seed, r.status])).toEqual(results.map((r) => [r.scenario, r.engine, String(r.seed), r.status]));
    expect(runs[2]?.error).toBe('Error: faulty-throw: refusing intent service-declared at 0us');
    expect(Number(runs[0]?.tasks_submitted)).toBe(6);
    const lines = readFileSync(join(dir, 'trials.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as TrialResult);
    expect(lines.map((r) => r.id)).toEqual(trials.map((t) => t.id));
    expect(lines[2]?.error).toContain('faulty-throw: refusing intent');
  }, 60_000);
});

/** Ten 4-core replicas on two 4-core nodes: demand exceeds capacity for ever. */
const OVERLOADED = scenarioYaml({
  name: 'overloaded',
  duration: '2m',
  nodes: 2,
  workloads: `- kind: Service
  name: big
  replicas: 10
  resources: { cpu: 4, memory: 1Gi }
- kind: BatchJob
  name: huge
  tasks: 2
  resources: { cpu: 8, memory: 1Gi }
  duration: 10s
  submitAt: 5s`,
});

describe('a scenario that cannot converge', () => {
  it.each(ENGINE_NAMES)('stops at its horizon and reports the windows censored and the pending tasks with reasons (%s)', (engine) => {
    const r = runTrial(trialSpec(OVERLOADED, engine));
    expect(r.status, r.error).toBe('ok');
    expect(r.stopReason === 'horizon' || r.stopReason === 'drained').toBe(true);
    expect(r.simulatedSeconds).toBe(120);
    const deploy = r.metrics?.convergence.find((c) => c.kind === 'deploy');
    expect(deploy?.censored).toBe(true);
    expect(deploy?.convergence).toBeCloseTo(deploy?.window ?? NaN, 6);
    const a = r.metrics?.accounting;
    expect(a?.replicasDesired).toBe(10);
    expect(a?.replicasRunning).toBeLessThanOrEqual(2);
    // The 8-core tasks fit no node: pending (or given up on), never silently dropped.
    expect((a?.tasksPending ?? 0) + (a?.tasksAbandoned ?? 0)).toBe(2);
    expect(Object.values(a?.pendingReasons ?? {}).reduce((x, y) => x + y, 0)).toBe(a?.tasksPending);
  });
});

describe('a scenario that would run too long', () => {
  it.each(ENGINE_NAMES)('stops at its event budget and says so (%s)', (engine) => {
    const yaml = `${SMALL}  limits:\n    eventBudget: 100\n`;
    const r = runTrial(trialSpec(yaml, engine));
    expect(r.status).toBe('event-budget');
    expect(r.stopReason).toBe('event-budget');
    expect(r.events).toBe(100);
    expect(r.simulatedSeconds).toBeLessThan(60);
    expect(r.error).toMatch(/^event budget of 100 events reached at [\d.]+ s of virtual time$/);
    // Partial metrics are still reported: the trial says how far it got.
    expect(r.metrics?.accounting).toBeDefined();
  });
});
