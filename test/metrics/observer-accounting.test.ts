import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkProperty } from '../support/props.js';
import { seconds } from '../../src/sim/time.js';
import { ObserverScript } from './observer-script.js';

describe('Observer: accounting of batch tasks and replicas', () => {
  it('puts every submitted task in exactly one state at the horizon', () => {
    const s = new ObserverScript()
      .submit(0, 'j', 5)
      .start('f', 'j#0', 'n1', 1, 2)
      .ended(12, 'f', 'finished') // finished
      .start('r', 'j#1', 'n1', 1, 2) // running
      .placed(1, 's', 'j#2', 'n2')
      .launched(1, 's', 'j#2', 'n2') // starting counts as running (it holds resources)
      .start('x', 'j#3', 'n3', 1, 2)
      .ended(5, 'x', 'failed'); // failed and not retried yet: pending
    s.emit({ kind: 'task-pending', time: seconds(6), workload: 'j', taskKey: 'j#3', reason: 'backoff' });
    const m = s.finish(); // j#4 was never placed: pending
    expect(m.accounting).toEqual({
      tasksSubmitted: 5,
      tasksFinished: 1,
      tasksRunning: 2,
      tasksPending: 2,
      tasksAbandoned: 0,
      tasksLostAndReplaced: 0,
      replicasDesired: 0,
      replicasRunning: 0,
      pendingReasons: { backoff: 1, 'waiting for a placement': 1 },
    });
    expect(m.summary).toMatchObject({ tasks_submitted: 5, tasks_finished: 1, tasks_running_end: 2, tasks_pending_end: 2, tasks_abandoned: 0 });
  });

  it('counts the tasks of an abandoned job as abandoned unless finished or still running', () => {
    const s = new ObserverScript().submit(0, 'j', 3).start('a', 'j#0', 'n1', 1, 2).ended(12, 'a', 'finished').start('b', 'j#1', 'n1', 1, 2);
    s.emit({ kind: 'job-abandoned', time: seconds(20), job: 'j', reason: 'backoffLimit' });
    s.emit({ kind: 'job-abandoned', time: seconds(21), job: 'j', reason: 'again' });
    const m = s.finish();
    expect(m.accounting).toMatchObject({ tasksSubmitted: 3, tasksFinished: 1, tasksRunning: 1, tasksAbandoned: 1, tasksPending: 0 });
    expect(m.summary.jobs_abandoned).toBe(1);
  });

  it('uses the workload-wide pending reason when a task has none of its own', () => {
    const s = new ObserverScript().submit(0, 'j', 2);
    s.emit({ kind: 'task-pending', time: seconds(1), workload: 'j', reason: 'Insufficient cpu' });
    expect(s.finish().accounting.pendingReasons).toEqual({ 'Insufficient cpu': 2 });
  });

  it('reports desired and running replicas at the horizon', () => {
    const m = new ObserverScript()
      .declare(0, 'web', 3)
      .declare(0, 'api', 2)
      .start('w1', 'web', 'n1', 1, 2)
      .start('a1', 'api', 'n1', 1, 2)
      .start('a2', 'api', 'n1', 1, 2)
      .finish();
    expect(m.accounting).toMatchObject({ replicasDesired: 5, replicasRunning: 3 });
    expect(m.summary).toMatchObject({ replicas_desired_end: 5, replicas_running_end: 3 });
  });

  it('counts tasks ended by each cause, and lost tasks in the summary', () => {
    const m = new ObserverScript()
      .submit(0, 'j', 3, { runFor: 1000 })
      .start('a', 'j#0', 'n1', 1, 2)
      .start('b', 'j#1', 'n1', 1, 2)
      .start('c', 'j#2', 'n2', 1, 2)
      .ended(5, 'c', 'stopped')
      .crash(10, 'n1')
      .finish();
    expect(m.counters).toMatchObject({ 'tasks-lost': 2, 'tasks-stopped': 1, 'node-crashed': 1 });
    expect(m.summary.tasks_lost).toBe(2);
  });

  it('writes one record per instance with --detail, ended or still live', () => {
    const m = new ObserverScript({ detail: true })
      .submit(10, 'j', 1)
      .start('a', 'j#0', 'n1', 11, 12.5)
      .ended(22.5, 'a', 'finished')
      .declare(20, 'web', 1)
      .start('w1', 'web', 'n2', 21, 23)
      .finish();
    expect(m.tasks).toEqual([
      {
        id: 'a',
        workload: 'j',
        tenant: 'default',
        taskKey: 'j#0',
        version: '',
        submitted: 10,
        placed: 11,
        running: 12.5,
        ended: 22.5,
        node: 'n1',
        state: 'finished',
      },
      {
        id: 'w1',
        workload: 'web',
        tenant: 'default',
        taskKey: '',
        version: 'v1',
        submitted: 20,
        placed: 21,
        running: 23,
        ended: NaN,
        node: 'n2',
        state: 'running',
      },
    ]);
    expect(new ObserverScript().finish().tasks).toBeUndefined();
  });
});

/** One attempt of a task: how far it got, and how it ended if it did. */
type Attempt = { readonly reach: 'placed' | 'launched' | 'running'; readonly end: 'finished' | 'failed' | 'stopped' | 'lost' | 'none' };

const attempt: fc.Arbitrary<Attempt> = fc.record({
  reach: fc.constantFrom('placed' as const, 'launched' as const, 'running' as const),
  end: fc.constantFrom('finished' as const, 'failed' as const, 'stopped' as const, 'lost' as const, 'none' as const),
});

describe('Observer accounting property', () => {
  it('every submitted task is counted exactly once: finished, running, pending or abandoned', () => {
    const jobs = fc.array(fc.record({ tasks: fc.array(fc.array(attempt, { maxLength: 3 }), { minLength: 1, maxLength: 4 }), abandoned: fc.boolean() }), {
      minLength: 1,
      maxLength: 4,
    });
    checkProperty(
      'every submitted task is counted exactly once: finished, running, pending or abandoned',
      fc.property(jobs, (spec) => {
        const s = new ObserverScript();
        const expected = { finished: 0, running: 0, pending: 0, abandoned: 0 };
        let time = 0;
        spec.forEach((job, j) => s.submit(0, `j${j}`, job.tasks.length, { runFor: 1000 }));
        spec.forEach((job, j) => {
          job.tasks.forEach((attempts, k) => {
            const key = `j${j}#${k}`;
            let finished = false;
            let live = false;
            attempts.forEach((a, n) => {
              const id = `${key}.${n}`;
              time += 1;
              s.placed(time, id, key, 'n1');
              if (a.reach === 'placed') return; // never launched (e.g. its node died first)
              s.launched(time, id, key, 'n1');
              if (a.reach === 'running') s.running(time, id);
              if (a.end === 'none') {
                live = true;
                return;
              }
              s.ended(time, id, a.end === 'finished' && a.reach !== 'running' ? 'stopped' : a.end);
              if (a.end === 'finished' && a.reach === 'running') finished = true;
            });
            if (finished) expected.finished++;
            else if (live) expected.running++;
            else if (job.abandoned) expected.abandoned++;
            else expected.pending++;
          });
          if (job.abandoned) s.emit({ kind: 'job-abandoned', time: seconds(time), job: `j${j}`, reason: 'test' });
        });
        const a = s.finish(1_000_000).accounting;
        const submitted = spec.reduce((n, job) => n + job.tasks.length, 0);
        expect(a.tasksSubmitted).toBe(submitted);
        expect(a.tasksFinished + a.tasksRunning + a.tasksPending + a.tasksAbandoned).toBe(submitted);
        expect({ finished: a.tasksFinished, running: a.tasksRunning, pending: a.tasksPending, abandoned: a.tasksAbandoned }).toEqual(expected);
        expect(Object.values(a.pendingReasons).reduce((x, y) => x + y, 0)).toBe(a.tasksPending);
      }),
      { kind: 'pure' },
    );
  });
});
