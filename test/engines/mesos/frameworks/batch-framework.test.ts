import { describe, expect, it } from 'vitest';
import { type TaskLaunch } from '../../../../src/cluster/task.js';
import { batchBench, job } from './fake-master.js';

/*
 * The Spark/Chronos-like batch framework against a fake master, with the defaults: rpc 1 ms, think
 * t_job 100 ms + t_task 5 ms × the tasks it launches, for every job that launches some, decline with the
 * default 5 s filter, no revive throttle, suppress when idle, spark.task.maxFailures 4. The test
 * plays the master: it answers SUBSCRIBE, sends offers and status updates at set times.
 */

function subscribedBench(raw: unknown = {}): ReturnType<typeof batchBench> {
  const b = batchBench(raw);
  b.fw.subscribe();
  b.subscribed(0.01);
  return b;
}

describe('batch framework: revive and suppress', () => {
  it('revives on every submission (no throttle) and suppresses when nothing is left to launch', () => {
    const b = subscribedBench();
    b.at(1, () => b.fw.submit(job('a', 2)));
    b.at(1.5, () => b.fw.onOffers([b.offer(1, 'a1', 8, 32)]));
    b.at(2, () => b.fw.submit(job('b', 1)));
    b.at(2.5, () => b.fw.onOffers([b.offer(2, 'a1', 8, 32)]));
    b.runTo(5);
    expect(b.master.calls.map((c) => [c.at, c.call])).toEqual([
      [0.001, 'subscribe'],
      // Subscribed with nothing to do: suppress at once.
      [0.011, 'suppress'],
      [1.001, 'revive'],
      [1.611, 'reply'],
      [1.611, 'suppress'],
      [2.001, 'revive'],
      [2.606, 'reply'],
      [2.606, 'suppress'],
    ]);
    expect(b.master.of('subscribe')[0]?.info).toMatchObject({ partitionAware: false, failoverTimeout: 0 });
  });
});

describe('batch framework: accept and decline', () => {
  it('takes jobs in FIFO order, first-fit over the offers, and thinks t_job + t_task × tasks launched per job', () => {
    const b = subscribedBench();
    b.at(1, () => b.fw.submit(job('a', 3)));
    b.at(1, () => b.fw.submit(job('b', 2)));
    b.at(2, () => b.fw.onOffers([b.offer(1, 'a1', 4, 32), b.offer(2, 'a2', 1, 32)]));
    b.runTo(5);
    // a: 3 launched → 0.115 s; b: 2 launched → 0.110 s; the offers stay locked for 0.225 s.
    expect(b.master.replies()).toEqual([{ at: 2.226, launches: [['a#0.1', 'a#1.1', 'a#2.1', 'b#0.1'], ['b#1.1']], refuseAccepted: 5, refuseDeclined: 5 }]);
    expect(b.mini.events.filter((e) => e.kind === 'decision').map((e) => (e.kind === 'decision' ? e.duration : 0))).toEqual([225_000]);
  });

  /*
   * A framework deciding about one agent's offer considers the tasks that offer can hold, not the
   * job's whole backlog (the Omega simulator's rule, MesosSimulation.scala, charges the backlog: it
   * assumes an offer of the whole cell). 200 pending tasks, an offer with room for 2: 0.1 + 2 × 0.005 s.
   */
  it('charges a big job only for the tasks the offer holds; `thinkTaskCount: pending` charges its whole backlog', () => {
    const placed = subscribedBench();
    placed.at(1, () => placed.fw.submit(job('big', 200)));
    placed.at(2, () => placed.fw.onOffers([placed.offer(1, 'a1', 2, 32)]));
    placed.runTo(5);
    expect(placed.master.replies()[0]).toMatchObject({ at: 2.111, launches: [['big#0.1', 'big#1.1']] });
    const pending = subscribedBench({ batch: { thinkTaskCount: 'pending' } });
    pending.at(1, () => pending.fw.submit(job('big', 200)));
    pending.at(2, () => pending.fw.onOffers([pending.offer(1, 'a1', 2, 32)]));
    pending.runTo(5);
    // 0.1 + 200 × 0.005 = 1.1 s for the same two launches.
    expect(pending.master.replies()[0]).toMatchObject({ at: 3.101, launches: [['big#0.1', 'big#1.1']] });
  });

  it('stops at the first offers with no room left: later jobs wait for the next offers and cost no think time', () => {
    const b = subscribedBench();
    b.at(1, () => b.fw.submit(job('a', 2)));
    b.at(1, () => b.fw.submit(job('b', 2)));
    b.at(2, () => b.fw.onOffers([b.offer(1, 'a1', 2, 2)]));
    b.runTo(5);
    expect(b.master.replies()[0]).toMatchObject({ at: 2.111, launches: [['a#0.1', 'a#1.1']] });
  });

  it('keeps to the job’s parallelism, and thinks about the tasks it launches', () => {
    const b = subscribedBench();
    b.at(1, () => b.fw.submit(job('p', 4, 1, 1, { parallelism: 2 })));
    b.at(2, () => b.fw.onOffers([b.offer(1, 'a1', 8, 32)]));
    b.runTo(3);
    expect(b.master.replies()[0]).toMatchObject({ at: 2.111, launches: [['p#0.1', 'p#1.1']] });
    // At its parallelism with tasks still pending: nothing to launch, so it suppresses.
    expect(b.master.of('suppress').map((c) => c.at)).toEqual([0.011, 2.111]);
    // A task ends: room for one more, taken from the next offers (1 launched: 0.1 + 0.005 s).
    b.at(4, () => b.fw.onStatus(b.status(b.master.launched()[0] as TaskLaunch, 'TASK_FINISHED')));
    b.at(5, () => b.fw.onOffers([b.offer(2, 'a1', 8, 32)]));
    b.runTo(6);
    expect(b.master.replies()[1]).toMatchObject({ at: 5.106, launches: [['p#2.1']] });
  });

  /*
   * When a task of a job held back by its parallelism ends, the framework has work again: it sends
   * REVIVE (it had suppressed), or with no other job to revive it the rest of the job would never run.
   */
  it('asks for offers again when a task of a job held back by its parallelism ends', () => {
    const b = subscribedBench();
    b.at(1, () => b.fw.submit(job('p', 4, 1, 1, { parallelism: 2 })));
    b.at(2, () => b.fw.onOffers([b.offer(1, 'a1', 8, 32)]));
    b.runTo(3);
    b.at(4, () => b.fw.onStatus(b.status(b.master.launched()[0] as TaskLaunch, 'TASK_FINISHED')));
    b.runTo(5);
    expect(b.master.of('revive').map((c) => c.at)).toEqual([1.001, 4.001]);
  });

  it('declines with the default 5 s filter when nothing fits and keeps the job queued, however many offers miss it', () => {
    const b = subscribedBench();
    b.at(1, () => b.fw.submit(job('huge', 1, 16, 1)));
    for (let i = 0; i < 150; i++) b.at(2 + i, () => b.fw.onOffers([b.offer(i + 1, 'a1', 8, 32)]));
    b.runTo(160);
    expect(b.master.replies()).toHaveLength(150);
    expect(b.master.replies().every((r) => r.refuseDeclined === 5 && r.launches.every((l) => l.length === 0))).toBe(true);
    expect(b.mini.events.filter((e) => e.kind === 'job-abandoned')).toEqual([]);
    // Still wanted: offers stay unsuppressed after the first suppress-on-idle at subscription.
    expect(b.master.of('suppress').map((c) => c.at)).toEqual([0.011]);
  });

  it('with the Omega simulator rule set, gives up on a job after too many attempts with no placement', () => {
    const b = subscribedBench({ batch: { abandonAfterAttemptsWithoutProgress: 2 } });
    b.at(1, () => b.fw.submit(job('huge', 1, 16, 1)));
    for (const [i, at] of [2, 3, 4].entries()) b.at(at, () => b.fw.onOffers([b.offer(i + 1, 'a1', 8, 32)]));
    b.runTo(6);
    // Nothing of the offer fits: no decision to think about, the decline goes at once.
    expect(b.master.replies().map((r) => [r.at, r.launches, r.refuseDeclined])).toEqual([
      [2.001, [[]], 5],
      [3.001, [[]], 5],
      [4.001, [[]], 5],
    ]);
    const ends = b.mini.events.filter((e) => e.kind === 'job-abandoned');
    expect(ends).toEqual([{ kind: 'job-abandoned', time: 4_000_000, job: 'huge', reason: 'abandoned after 3 scheduling attempts (0 tasks placed)' }]);
    expect(b.master.of('suppress').map((c) => c.at)).toEqual([0.011, 4.001]);
  });
});

describe('batch framework: failures and lost tasks', () => {
  function launched(raw: unknown = {}): { b: ReturnType<typeof batchBench>; tasks: TaskLaunch[] } {
    const b = subscribedBench(raw);
    b.at(1, () => b.fw.submit(job('j', 2)));
    b.at(2, () => b.fw.onOffers([b.offer(1, 'a1', 8, 32)]));
    b.runTo(3);
    const tasks = b.master.launched();
    b.at(3, () => {
      for (const t of tasks) b.fw.onStatus(b.status(t, 'TASK_RUNNING'));
    });
    return { b, tasks };
  }

  it('re-runs a task the master reports TASK_LOST as a new attempt on the next offer', () => {
    const { b, tasks } = launched();
    b.at(10, () => b.fw.onStatus(b.status(tasks[1] as TaskLaunch, 'TASK_LOST', '')));
    b.at(11, () => b.fw.onOffers([b.offer(2, 'a2', 8, 32)]));
    b.runTo(12);
    // Master-generated (no agent): not acknowledged. Revive at once, then attempt 2 of task #1.
    expect(b.master.of('acknowledge').map((c) => c.state)).toEqual(['TASK_RUNNING', 'TASK_RUNNING']);
    expect(b.master.of('revive').map((c) => c.at)).toEqual([1.001, 10.001]);
    expect(b.master.replies()[1]).toMatchObject({ at: 11.106, launches: [['j#1.2']] });
    // Attempt 1 comes back when its agent re-registers: already re-run, so it is killed.
    b.at(20, () => b.fw.onStatus(b.status(tasks[1] as TaskLaunch, 'TASK_RUNNING')));
    b.runTo(21);
    expect(b.master.of('kill').map((c) => [c.at, c.taskId])).toEqual([[20.001, 'j#1.1']]);
  });

  it('retries a failed task up to spark.task.maxFailures, then fails the job and kills its other attempts', () => {
    const { b, tasks } = launched({ batch: { maxTaskFailures: 2 } });
    b.at(5, () => b.fw.onStatus(b.status(tasks[0] as TaskLaunch, 'TASK_FAILED')));
    b.at(6, () => b.fw.onOffers([b.offer(2, 'a1', 8, 32)]));
    b.runTo(7);
    const retry = b.master.launched()[2] as TaskLaunch;
    expect(retry).toMatchObject({ id: 'j#0.2', taskKey: 'j#0', exitAs: 'finished' });
    b.at(8, () => b.fw.onStatus(b.status(retry, 'TASK_FAILED')));
    b.runTo(9);
    expect(b.mini.events.filter((e) => e.kind === 'job-abandoned').map((e) => (e.kind === 'job-abandoned' ? [e.time, e.reason] : []))).toEqual([
      [8_000_000, 'task j#0 failed 2 times'],
    ]);
    // The other task's running attempt is killed; the failed attempt has ended and gets no kill.
    expect(b.master.of('kill').map((c) => [c.at, c.taskId])).toEqual([[8.001, 'j#1.1']]);
  });
});
