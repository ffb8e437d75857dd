import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENDERING_WORKER } from '../../src/report/rendering-worker.js';
import { type RenderedTrial } from '../../src/report/trial-rows.js';
import { runTrials, runTrialsWith } from '../../src/runner/pool.js';
import { type TrialSpec } from '../../src/runner/trial-types.js';
import { trialSpec, UNCONTENDED_SCENARIO } from '../engines/contract.js';

function spec(engine: string, index: number, seed = 3): TrialSpec {
  return { ...trialSpec(UNCONTENDED_SCENARIO, engine, seed), index, id: `t${index}/${engine}` };
}

describe('runTrials', () => {
  beforeAll(() => {
    process.env.SCHEDBENCH_FAULTY_ENGINES = '1';
  });
  afterAll(() => {
    delete process.env.SCHEDBENCH_FAULTY_ENGINES;
  });

  it('reports a trial that throws as failed with its error and keeps every other result', async () => {
    const specs = [spec('oracle', 0), spec('faulty-throw', 1), spec('oracle', 2, 4)];
    const results = await runTrials(specs, { workers: 2 });
    expect(results.map((r) => [r.index, r.status])).toEqual([
      [0, 'ok'],
      [1, 'failed'],
      [2, 'ok'],
    ]);
    expect(results[1]?.error).toMatch(/faulty-throw: refusing intent/);
    expect(results[0]?.metrics?.accounting.tasksSubmitted).toBe(18);
  });

  it('terminates a trial that hangs, reports it as timed out, and keeps the others', async () => {
    const specs = [spec('faulty-hang', 0), spec('oracle', 1), spec('oracle', 2, 5)];
    const results = await runTrials(specs, { workers: 2, trialTimeoutMs: 8_000 });
    expect(results.map((r) => [r.index, r.status])).toEqual([
      [0, 'timeout'],
      [1, 'ok'],
      [2, 'ok'],
    ]);
    expect(results[0]?.error).toMatch(/did not finish within 8000 ms/);
  });

  it('returns results in plan order whatever the completion order, identical with 0, 1 and 2 workers', async () => {
    const specs = [spec('oracle', 0, 1), spec('oracle', 1, 2), spec('oracle', 2, 3), spec('oracle', 3, 4)];
    const strip = (rs: Awaited<ReturnType<typeof runTrials>>) => rs.map(({ perf: _perf, ...rest }) => rest);
    const inThread = strip(await runTrials(specs, { workers: 0 }));
    const one = strip(await runTrials(specs, { workers: 1 }));
    const two = strip(await runTrials(specs, { workers: 2 }));
    expect(inThread.map((r) => r.index)).toEqual([0, 1, 2, 3]);
    expect(one).toEqual(inThread);
    expect(two).toEqual(inThread);
  });

  it('stops handing out trials when aborted and returns only finished ones', async () => {
    const controller = new AbortController();
    const specs = [spec('oracle', 0, 1), spec('oracle', 1, 2), spec('oracle', 2, 3)];
    const results = await runTrials(specs, {
      workers: 0,
      signal: controller.signal,
      onResult: () => controller.abort(),
    });
    expect(results.map((r) => r.index)).toEqual([0]);
  });
});

describe('runTrialsWith (the CLI’s rendering worker)', () => {
  beforeAll(() => {
    process.env.SCHEDBENCH_FAULTY_ENGINES = '1';
  });
  afterAll(() => {
    delete process.env.SCHEDBENCH_FAULTY_ENGINES;
  });

  it('renders in threads the same text as in this thread, and renders trials that failed outside the worker', async () => {
    const specs = [spec('oracle', 0, 1), spec('faulty-throw', 1), spec('mesos', 2, 2), spec('faulty-hang', 3)];
    const text = (rs: RenderedTrial[]) => rs.map((r) => [r.head.index, r.head.status, r.json, r.rows]);
    const inThread = (await runTrialsWith(RENDERING_WORKER, specs.slice(0, 3), { workers: 0 })).flat();
    const threaded = (await runTrialsWith(RENDERING_WORKER, specs, { workers: 2, trialTimeoutMs: 8_000 })).flat();
    // Failed trials carry stack traces, which name the modules as each thread loaded them: compare the others.
    const ok = (rs: RenderedTrial[]) => rs.filter((r) => r.head.status === 'ok');
    expect(text(ok(threaded))).toEqual(text(ok(inThread)));
    expect(ok(inThread)).toHaveLength(2);
    expect(threaded[1]?.head.error?.split('\n')[0]).toBe(inThread[1]?.head.error?.split('\n')[0]);
    expect(threaded.map((r) => [r.head.index, r.head.status])).toEqual([
      [0, 'ok'],
      [1, 'failed'],
      [2, 'ok'],
      [3, 'timeout'],
    ]);
    expect(threaded[3]?.rows['runs.csv']).toMatch(/^uncontended,,,faulty-hang,3,timeout,trial did not finish within 8000 ms/);
  }, 60_000);
});
