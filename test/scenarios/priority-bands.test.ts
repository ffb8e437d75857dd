import { describe, expect, it } from 'vitest';
import { latency, run, variant } from './scenario-runs.js';

/*
 * priority-bands: in a full cell, Borg preempts the best-effort batch tasks for the monitoring
 * service but never production tasks (both are "prod" bands); Kubernetes preempts by priority alone;
 * Mesos and the oracle never preempt. A shorter variant on one seed.
 */
const doc = variant('priority-bands', (spec) => {
  spec.duration = '3m';
  spec.seeds = [1];
});

describe('priority-bands: who preempts whom', () => {
  const results = Object.fromEntries(['oracle', 'mesos', 'kubernetes', 'borg'].map((e) => [e, run(doc, e)]));
  const monitor = (engine: string) => latency(results[engine]!, 'scheduling', 'monitor');

  it('Borg places the first 8 monitoring replicas by preempting the 8 batch tasks, and not the 4 that would need prod victims', () => {
    expect(results.borg!.metrics?.counters['counter:preempted']).toBe(8);
    expect(monitor('borg')?.censored).toBe(4);
  });

  it('Kubernetes places all 12, evicting production pods for the last 4', () => {
    expect(monitor('kubernetes')?.censored).toBe(0);
    // 8 batch pods, then 4 web pods, each deleted once (no second DELETE for a terminating victim).
    expect(results.kubernetes!.metrics?.counters['counter:preemption-victim']).toBe(12);
  });

  it.each(['mesos', 'oracle'])('%s preempts nothing: every monitoring replica waits', (engine) => {
    expect(monitor(engine)?.censored).toBe(12);
  });
});
