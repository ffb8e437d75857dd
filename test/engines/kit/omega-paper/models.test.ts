import { describe, expect, it } from 'vitest';
import { OmegaPaperModel, omegaPaperOptions, type PaperArchitecture } from '../../../../src/engines/kit/omega-paper/index.js';
import { type MetricEvent } from '../../../../src/metrics/events.js';
import { parseDuration } from '../../../../src/sim/duration.js';
import { type SimDuration } from '../../../../src/sim/time.js';
import { consideredAt, counter, jobIntent, paperContext } from './paper-context.js';

const d = (text: string): SimDuration => {
  const r = parseDuration(text);
  if (!r.ok) throw new Error(text);
  return r.value;
};

/** Batch thinks 10 ms + 5 ms per task, service 1 s + 5 ms per task. */
function model(architecture: PaperArchitecture, machines: number, cpu: number, extra: Parameters<typeof omegaPaperOptions>[0] = {}) {
  const h = paperContext(machines, cpu, 16e9);
  const options = omegaPaperOptions({
    thinkTimes: { batch: { tJob: d('10ms'), tTask: d('5ms') }, service: { tJob: d('1s'), tTask: d('5ms') } },
    ...extra,
  });
  const engine = new OmegaPaperModel(h.ctx, architecture, options);
  engine.start();
  return { ...h, engine };
}

const starts = (ran: readonly { id: string; start: number }[]) => Object.fromEntries(ran.map((t) => [t.id, t.start / 1e6]));
const decisions = (events: readonly MetricEvent[]) => events.flatMap((e) => (e.kind === 'decision' ? [e.duration / 1e6] : []));
const near = (actual: Record<string, number>, expected: Record<string, number>) => {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [k, v] of Object.entries(expected)) expect(actual[k]).toBeCloseTo(v, 6);
};

describe('monolithic (omega-simulator.md §4.3)', () => {
  it('thinks one job at a time on the live cell; a partial placement retries 1 s later paying only for the rest; a no-fit attempt is not busy', () => {
    const m = model('monolithic', 1, 1000);
    m.at(0, () => {
      m.engine.submit(jobIntent('A', 'batch', 2, 1000, 1e9, 0.5));
      m.engine.submit(jobIntent('B', 'service', 1, 1000, 1e9, 0.1));
    });
    m.runTo(10);
    // A: 0 → 0.020 places one task; B waits behind it: 0.020 → 1.025; A's retry (queued at 1.020) thinks
    // 15 ms at 1.025 → 1.040 while B runs (no fit, not busy), again at 2.040 → 2.055.
    near(consideredAt(m.events), { A: 0, B: 0.02 });
    near(starts(m.ran), { 'A#0.1': 0.02, 'B#0.1': 1.025, 'A#1.1': 2.055 });
    expect(decisions(m.events).map((x) => +x.toFixed(6))).toEqual([0.02, 1.005, 0.015]);
    expect(counter(m.events, 'attempts-no-fit:monolithic')).toBe(1);
    expect(counter(m.events, 'busy-useful-us:monolithic')).toBe(1_040_000);
  });

  it('abandons a job after more than 100 attempts that placed nothing', () => {
    const m = model('monolithic', 1, 1000);
    m.at(0, () => {
      m.engine.submit(jobIntent('X', 'batch', 1, 1000, 1e9, 10_000));
      m.engine.submit(jobIntent('Y', 'batch', 1, 1000, 1e9, 1));
    });
    m.runTo(300);
    const abandoned = m.events.filter((e) => e.kind === 'job-abandoned');
    expect(abandoned.map((e) => (e as { job: string }).job)).toEqual(['Y']);
    // Y's attempts end at 0.030 + k × 1.015 s; the 101st (k = 100) gives up.
    expect((abandoned[0]?.time ?? 0) / 1e6).toBeCloseTo(0.03 + 100 * 1.015, 6);
  });
});

describe('omega (§4.5)', () => {
  it('resource-fit: a commit onto a machine that filled up meanwhile conflicts (wasted), retries 1 s later; a no-fit attempt counts nothing', () => {
    const m = model('omega', 1, 1000);
    m.at(0, () => {
      m.engine.submit(jobIntent('A', 'batch', 1, 1000, 1e9, 2));
      m.engine.submit(jobIntent('S', 'service', 1, 1000, 1e9, 0.1));
    });
    m.runTo(10);
    // Both copy the empty cell at 0. A commits at 0.015. S commits at 1.005: no room → conflict.
    // Retry: copy at 2.005 (A runs until 2.015) → no fit at 3.010; copy at 4.010 → commits at 5.015.
    near(consideredAt(m.events), { A: 0, S: 0 });
    near(starts(m.ran), { 'A#0.1': 0.015, 'S#0.1': 5.015 });
    expect(counter(m.events, 'tx-failed:omega-service')).toBe(1);
    expect(counter(m.events, 'tx-committed:omega-service')).toBe(1);
    expect(counter(m.events, 'busy-wasted-us:omega-service')).toBe(1_005_000);
    expect(counter(m.events, 'busy-useful-us:omega-service')).toBe(1_005_000);
    expect(counter(m.events, 'attempts-no-fit:omega-service')).toBe(1);
  });

  it('sequence-numbers: any claim on the machine since the copy conflicts, even with room; resource-fit lets it through', () => {
    const serviceStart = (conflictMode: 'sequence-numbers' | 'resource-fit') => {
      const m = model('omega', 1, 2000, { conflictMode });
      m.at(0, () => {
        m.engine.submit(jobIntent('A', 'batch', 1, 1000, 1e9, 100));
        m.engine.submit(jobIntent('S', 'service', 1, 1000, 1e9, 100));
      });
      m.runTo(10);
      return { start: starts(m.ran)['S#0.1'], failed: counter(m.events, 'tx-failed:omega-service') };
    };
    expect(serviceStart('resource-fit')).toEqual({ start: 1.005, failed: 0 });
    expect(serviceStart('sequence-numbers')).toEqual({ start: 3.01, failed: 1 });
  });
});

describe('mesos (§4.4)', () => {
  const small = { minOfferCpuCores: 1 };

  it('offers the whole free pool 1 s after a request, 1 ms of allocator time later; the reply after the think time runs the tasks', () => {
    const m = model('mesos', 1, 2000, small);
    m.at(0, () => m.engine.submit(jobIntent('A', 'batch', 1, 1000, 1e9, 0.5)));
    m.runTo(10);
    near(consideredAt(m.events), { A: 1.001 });
    near(starts(m.ran), { 'A#0.1': 1.016 });
    const locked = m.events.flatMap((e) => (e.kind === 'locked' ? [[e.time / 1e6, e.delta.cpu]] : []));
    expect(locked).toEqual([
      [1, 2000],
      [1.016, -2000],
    ]);
    expect(counter(m.events, 'offers-made:mesos-batch')).toBe(1);
  });

  it('offers to the lowest DRF share over occupied resources; while one framework thinks the pool stays locked', () => {
    const m = model('mesos', 3, 1000, small);
    m.at(0, () => m.engine.submit(jobIntent('B1', 'batch', 1, 1000, 1e9, 100)));
    m.at(1.5, () => {
      m.engine.submit(jobIntent('B2', 'batch', 1, 1000, 1e9, 100));
      m.engine.submit(jobIntent('S1', 'service', 1, 1000, 1e9, 100));
    });
    m.runTo(10);
    // Round at 1 → batch; reply at 1.016 asks for a round at 2.016: batch occupies 1/3, service 0 → service.
    // Service thinks 1.005 s with the rest locked; its reply (3.022) asks for a round at 4.022 → batch.
    near(consideredAt(m.events), { B1: 1.001, S1: 2.017, B2: 4.023 });
  });

  it('skips placement unless the offer has strictly more free CPU than one task (the pre-check), and retries', () => {
    const m = model('mesos', 1, 1000, small);
    m.at(0, () => m.engine.submit(jobIntent('A', 'batch', 1, 1000, 1e9, 1)));
    m.runTo(5);
    // 1,000 m CPU free is not more than the task's 1,000 m: every offer considers the job and places nothing.
    expect(m.ran).toEqual([]);
    expect(counter(m.events, 'offers-made:mesos-batch')).toBeGreaterThanOrEqual(2);
  });

  it('makes no offer while fewer than 100 CPUs are free', () => {
    const m = model('mesos', 10, 4000);
    m.at(0, () => m.engine.submit(jobIntent('A', 'batch', 1, 1000, 1e9, 1)));
    m.runTo(30);
    expect(consideredAt(m.events)).toEqual({});
    expect(m.ran).toEqual([]);
  });

  it('takes queued jobs one after another within one offer: they share the start time, the reply waits for the sum', () => {
    const m = model('mesos', 2, 2000, small);
    m.at(0, () => {
      m.engine.submit(jobIntent('A', 'batch', 1, 1000, 1e9, 5));
      m.engine.submit(jobIntent('B', 'batch', 1, 1000, 1e9, 5));
    });
    m.runTo(10);
    near(consideredAt(m.events), { A: 1.001, B: 1.001 });
    near(starts(m.ran), { 'A#0.1': 1.031, 'B#0.1': 1.031 });
  });
});

describe('runTasks: model', () => {
  it('decides exactly as with the cluster running the tasks, and runs nothing on the cluster', () => {
    const trace = (runTasks: 'cluster' | 'model') => {
      const m = model('omega', 2, 2000, { runTasks, conflictMode: 'sequence-numbers' });
      m.at(0, () => {
        m.engine.submit(jobIntent('A', 'batch', 3, 1000, 1e9, 2));
        m.engine.submit(jobIntent('S', 'service', 2, 1000, 1e9, 1));
        m.engine.submit(jobIntent('B', 'batch', 2, 1000, 1e9, 1));
      });
      m.runTo(30);
      return { ran: m.ran.length, decisions: m.events.filter((e) => e.kind !== 'task-placed').map((e) => JSON.stringify(e)) };
    };
    const cluster = trace('cluster');
    const inModel = trace('model');
    expect(cluster.ran).toBe(7);
    expect(inModel.ran).toBe(0);
    expect(inModel.decisions).toEqual(cluster.decisions);
  });
});
