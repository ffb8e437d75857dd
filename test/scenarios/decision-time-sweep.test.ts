import { describe, expect, it } from 'vitest';
import { applySweepValue } from '../../src/workload/sweep.js';
import { validateScenarioDoc } from '../../src/workload/load.js';
import { bundledRaw, figure, run } from './scenario-runs.js';

/*
 * decision-time-sweep: under whole-agent offers, locked resources and batch wait rise with the
 * service framework's decision time (Omega §4.2); Kubernetes has no such knob and stays flat.
 * Two points of the sweep (0.1 s and 10 s), a 4-minute horizon, one seed.
 */
function at(value: string) {
  const raw = bundledRaw('decision-time-sweep') as { spec: Record<string, unknown> };
  raw.spec.duration = '4m';
  raw.spec.seeds = [1];
  for (const w of raw.spec.workloads as { arrivals: { until: string } }[]) w.arrivals.until = '3m30s';
  const swept = applySweepValue(raw, (raw.spec.sweep as { parameter: string }).parameter, value);
  const r = validateScenarioDoc(swept, 'decision-time-sweep (test variant)');
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.doc;
}

describe('decision-time-sweep: long decisions lock the cluster', () => {
  const fast = at('100ms');
  const slow = at('10s');

  it('sweeps the service framework of the Mesos engine', () => {
    expect(bundledRaw('decision-time-sweep')).toMatchObject({ spec: { sweep: { parameter: 'spec.engines.mesos.thinkTimes.service.tJob' } } });
  });

  it.each([
    { key: 'locked_cpu_avg', factor: 5 },
    { key: 'job_wait_p90_s', factor: 5 },
    { key: 'busy:batch-service', factor: 10 },
  ])('Mesos: $key grows at least $factor× from t_job 0.1 s to 10 s', ({ key, factor }) => {
    expect(figure(run(slow, 'mesos'), key)).toBeGreaterThan(factor * figure(run(fast, 'mesos'), key));
  });

  it('Kubernetes does not see the Mesos decision time', () => {
    expect(figure(run(slow, 'kubernetes'), 'job_wait_p90_s')).toBe(figure(run(fast, 'kubernetes'), 'job_wait_p90_s'));
  });
});
