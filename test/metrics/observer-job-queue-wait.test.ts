import { describe, expect, it } from 'vitest';
import { seconds } from '../../src/sim/time.js';
import { censored, ObserverScript, stats } from './observer-script.js';

const one = (v: number) => ({ count: 1, min: v, max: v, mean: v });

describe('Observer: job queue wait (submission → the engine first considers the job)', () => {
  it('takes the first job-considered of each job and ignores the later ones', () => {
    const m = new ObserverScript()
      .submit(10, 'j', 2, { workload: 'etl' })
      .considered(12.5, 'j')
      .considered(20, 'j')
      .considered(30, 'j')
      .start('a', 'j#0', 'n1', 13, 14)
      .start('b', 'j#1', 'n2', 31, 32)
      .finish();
    expect(stats(m, 'job-queue-wait', 'etl')).toEqual(one(2.5));
    expect(stats(m, 'job-queue-wait')).toEqual(one(2.5));
    expect(censored(m, 'job-queue-wait')).toBe(0);
    expect(m.summary).toMatchObject({ job_queue_wait_p50_s: 2.5, job_queue_wait_p90_s: 2.5, job_queue_wait_mean_s: 2.5, job_queue_wait_censored: 0 });
  });

  it('measures each job from its own submission, per workload', () => {
    const m = new ObserverScript().submit(0, 'a', 1, { workload: 'x' }).submit(5, 'b', 1, { workload: 'y' }).considered(1, 'a').considered(9, 'b').finish();
    expect(stats(m, 'job-queue-wait', 'x')).toEqual(one(1));
    expect(stats(m, 'job-queue-wait', 'y')).toEqual(one(4));
    expect(stats(m, 'job-queue-wait')).toEqual({ count: 2, min: 1, max: 4, mean: 2.5 });
  });

  it('ignores a job-considered for a job nobody submitted', () => {
    const s = new ObserverScript().submit(0, 'j', 1).considered(1, 'j');
    s.emit({ kind: 'job-considered', time: seconds(2), job: 'ghost' });
    expect(stats(s.finish(), 'job-queue-wait')).toEqual(one(1));
  });

  it('starts a resubmitted job of the same name afresh', () => {
    const m = new ObserverScript().submit(0, 'j', 1).considered(1, 'j').submit(50, 'j', 1).considered(53, 'j').finish();
    expect(stats(m, 'job-queue-wait')).toEqual({ count: 2, min: 1, max: 3, mean: 2 });
  });
});
