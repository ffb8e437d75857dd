import { describe, expect, it } from 'vitest';
import { figure, run, variant } from './scenario-runs.js';

/*
 * short-task-churn: one offer carries many launches, so Mesos sends fewer control-plane messages
 * per task than Kubernetes, which writes and watches every pod; every engine keeps up with the
 * load (the same number of tasks finished). One minute, one seed.
 */
const doc = variant('short-task-churn', (spec) => {
  spec.seeds = [1];
  spec.duration = '1m';
  spec.workloads[0].arrivals.until = '50s';
});

describe('short-task-churn: per-offer vs per-pod costs', () => {
  const r = Object.fromEntries(['oracle', 'mesos', 'kubernetes'].map((e) => [e, run(doc, e)]));

  it.each(['mesos', 'kubernetes'])('%s finishes as many tasks as the oracle', (engine) => {
    expect(figure(r[engine]!, 'tasks_finished')).toBe(figure(r.oracle!, 'tasks_finished'));
  });

  it('Mesos sends fewer control-plane messages per placed task than Kubernetes', () => {
    expect(figure(r.mesos!, 'messages_per_placement')).toBeLessThan(figure(r.kubernetes!, 'messages_per_placement'));
  });
});
