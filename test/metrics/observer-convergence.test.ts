import { describe, expect, it } from 'vitest';
import { type ConvergenceRow } from '../../src/metrics/trial-metrics.js';
import { ObserverScript } from './observer-script.js';

/** Two replicas of web running on n1 and n2 since 2 s, declared inside a deploy window at 0. */
const steady = (): ObserverScript =>
  new ObserverScript().perturb(0, 'deploy').declare(0, 'web', 2).start('w1', 'web', 'n1', 1, 2).start('w2', 'web', 'n2', 1, 2);

const pick = (r: ConvergenceRow | undefined) =>
  r && {
    kind: r.kind,
    time: r.time,
    convergence: r.convergence,
    censored: r.censored,
    window: r.window,
    tasksLost: r.tasksLost,
    peakExcess: r.peakExcess,
    peakSurge: r.peakSurge,
    minAvailable: r.minAvailable,
  };

describe('Observer: convergence per perturbation (DESIGN.md §6)', () => {
  it('a deploy converges when the last replica runs', () => {
    const m = steady().finish();
    expect(pick(m.convergence[0])).toEqual({
      kind: 'deploy',
      time: 0,
      convergence: 2,
      censored: false,
      window: 100,
      tasksLost: 0,
      peakExcess: 0,
      peakSurge: 0,
      minAvailable: 0,
    });
    expect(m.summary).toMatchObject({ convergence_count: 1, convergence_censored: 0, convergence_mean_s: 2, convergence_max_s: 2 });
  });

  it('a scale-up settles when the new replicas run; availability dips by the missing share', () => {
    const m = steady().perturb(10, 'scale').scale(10, 'web', 4).start('w3', 'web', 'n3', 11, 13).start('w4', 'web', 'n4', 11, 15).finish();
    expect(pick(m.convergence[1])).toMatchObject({ kind: 'scale', convergence: 5, censored: false, window: 90, minAvailable: 0.5 });
    expect(pick(m.convergence[0])).toMatchObject({ kind: 'deploy', convergence: 2, censored: false, window: 10 });
  });

  it('a scale-down settles when the surplus replica stops, counting it as excess meanwhile', () => {
    const m = steady().perturb(10, 'scale').scale(10, 'web', 1).ended(12, 'w2', 'stopped').finish();
    expect(pick(m.convergence[1])).toMatchObject({ convergence: 2, censored: false, peakExcess: 1, peakSurge: 1, minAvailable: 1 });
  });

  it('never settling within the horizon is censored with the window length, not dropped', () => {
    const m = steady().perturb(10, 'scale').scale(10, 'web', 5).start('w3', 'web', 'n3', 11, 12).finish(100);
    expect(pick(m.convergence[1])).toMatchObject({ convergence: 90, censored: true, window: 90 });
    expect(m.summary).toMatchObject({ convergence_count: 2, convergence_censored: 1, convergence_mean_s: 2, convergence_max_s: 2 });
  });

  it('unsettled at the next perturbation is censored at that perturbation', () => {
    const m = steady().perturb(10, 'scale').scale(10, 'web', 3).perturb(30, 'rollout').rollout(30, 'web', 'v2').finish();
    expect(pick(m.convergence[1])).toMatchObject({ kind: 'scale', convergence: 20, censored: true, window: 20 });
    expect(pick(m.convergence[2])).toMatchObject({ kind: 'rollout', convergence: 70, censored: true, window: 70 });
  });

  it('flapping: the time of the last settle counts', () => {
    const m = steady()
      .perturb(10, 'scale')
      .scale(10, 'web', 3)
      .start('w3', 'web', 'n3', 11, 12) // settled at 12
      .start('w4', 'web', 'n4', 13, 14) // a duplicate runs: unsettled at 14
      .ended(17, 'w4', 'stopped') // settled again at 17
      .finish();
    expect(pick(m.convergence[1])).toMatchObject({ convergence: 7, censored: false, peakExcess: 1, peakSurge: 1 });
  });

  it('a perturbation that changes nothing converges in 0', () => {
    const m = steady().perturb(50, 'scale').scale(50, 'web', 2).perturb(60, 'recover').finish();
    expect(pick(m.convergence[1])).toMatchObject({ kind: 'scale', convergence: 0, censored: false, window: 10, minAvailable: 1 });
    expect(pick(m.convergence[2])).toMatchObject({ kind: 'recover', convergence: 0, censored: false, window: 40 });
  });

  it('a crash: converges when the lost replicas run again, counting the losses and the availability dip', () => {
    const m = steady().perturb(20, 'crash').crash(20, 'n1').start('w3', 'web', 'n3', 25, 27).finish();
    expect(pick(m.convergence[1])).toEqual({
      kind: 'crash',
      time: 20,
      convergence: 7,
      censored: false,
      window: 80,
      tasksLost: 1,
      peakExcess: 0,
      peakSurge: 0,
      minAvailable: 0.5,
    });
  });

  it('a rollout converges when every replica runs the new version and the old ones are gone (surge and duplicates counted)', () => {
    const m = steady()
      .perturb(20, 'rollout')
      .rollout(20, 'web', 'v2')
      .start('b1', 'web', 'n3', 21, 22) // 3 running: 1 duplicate
      .ended(23, 'w1', 'stopped')
      .start('b2', 'web', 'n4', 23, 24)
      .ended(25, 'w2', 'stopped')
      .finish();
    expect(pick(m.convergence[1])).toMatchObject({ kind: 'rollout', convergence: 5, censored: false, peakExcess: 1, peakSurge: 1, minAvailable: 1 });
  });

  it('a rollout is not converged while old-version replicas remain, even with the count right', () => {
    const m = steady().perturb(20, 'rollout').rollout(20, 'web', 'v2').start('b1', 'web', 'n3', 21, 22).ended(23, 'w1', 'stopped').finish();
    expect(pick(m.convergence[1])).toMatchObject({ convergence: 80, censored: true });
  });

  it('a lost batch task keeps the state unconverged until it runs again', () => {
    const m = new ObserverScript()
      .submit(0, 'j', 1, { runFor: 1000 })
      .start('j#0.1', 'j#0', 'n1', 1, 2)
      .perturb(10, 'crash')
      .crash(10, 'n1')
      .start('j#0.2', 'j#0', 'n2', 15, 18)
      .finish();
    expect(pick(m.convergence[0])).toMatchObject({ kind: 'crash', convergence: 8, censored: false, tasksLost: 1, minAvailable: 1 });
    expect(m.accounting.tasksLostAndReplaced).toBe(1);
  });

  it('a lost batch task that is never replaced is censored', () => {
    const m = new ObserverScript().submit(0, 'j', 1, { runFor: 1000 }).start('j#0.1', 'j#0', 'n1', 1, 2).perturb(10, 'crash').crash(10, 'n1').finish();
    expect(pick(m.convergence[0])).toMatchObject({ convergence: 90, censored: true });
    expect(m.accounting.pendingReasons).toEqual({ 'lost, not yet replaced': 1 });
  });

  it('batch work merely waiting for a placement does not count as unconverged (job wait measures it)', () => {
    const m = new ObserverScript().perturb(0, 'burst').submit(0, 'j', 3).finish();
    expect(pick(m.convergence[0])).toMatchObject({ convergence: 0, censored: false });
  });
});
