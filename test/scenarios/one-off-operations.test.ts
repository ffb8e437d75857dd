import { describe, expect, it } from 'vitest';
import { figure, latency, run, variant } from './scenario-runs.js';

/*
 * one-off-operations: "every node" means every live node. With a node crashed a minute before the
 * one-off task, Kubernetes (a Job per live node) and Mesos (one task per registered agent) still
 * finish it; the restart is unaffected. One seed.
 */
const doc = variant('one-off-operations', (spec) => {
  spec.seeds = [1];
  spec.events.push({ kind: 'crash', at: '4m', nodes: { names: ['node-0'] } });
});

describe('one-off-operations: a node down before the task on every node', () => {
  it.each(['kubernetes', 'mesos', 'oracle'])('%s finishes both operations', (engine) => {
    const r = run(doc, engine);
    expect(figure(r, 'op_done_censored')).toBe(0);
    expect(latency(r, 'operation-done', 'diag')?.max).toBeLessThan(60);
  });

  it('Kubernetes creates a Job for each live node only', () => {
    expect(figure(run(doc, 'kubernetes'), 'msg:storeWrite:job-create')).toBe(5);
  });
});
