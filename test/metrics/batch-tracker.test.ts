import { describe, expect, it } from 'vitest';
import { accountBatch, BatchTracker, newJobRec } from '../../src/metrics/batch-tracker.js';
import { PendingReasons } from '../../src/metrics/pending-reasons.js';
import { type SimTime } from '../../src/sim/time.js';

const tracker = (): BatchTracker => {
  const b = new BatchTracker();
  b.add('etl', newJobRec('etl', 3, 0 as SimTime));
  b.add('a#b', newJobRec('w', 12, 0 as SimTime));
  return b;
};

describe('BatchTracker keys', () => {
  it.each([
    { name: 'first task', key: 'etl#0', job: 'etl', index: 0 },
    { name: 'last task', key: 'etl#2', job: 'etl', index: 2 },
    { name: 'past the last task', key: 'etl#3', job: undefined, index: -1 },
    { name: 'leading zero is another key', key: 'etl#01', job: undefined, index: -1 },
    { name: 'no index', key: 'etl#', job: undefined, index: -1 },
    { name: 'not a number', key: 'etl#x', job: undefined, index: -1 },
    { name: 'no hash', key: 'etl', job: undefined, index: -1 },
    { name: 'unknown job', key: 'other#0', job: undefined, index: -1 },
    { name: 'job name with a hash', key: 'a#b#11', job: 'w', index: 11 },
  ])('$name', ({ key, job, index }) => {
    const b = tracker();
    const found = b.jobOf(key);
    expect(found?.workload).toBe(job);
    if (found) expect(b.indexOf(key)).toBe(index);
  });

  it('accounts tasks in submission order with their pending reasons', () => {
    const b = tracker();
    const sink = { record: () => undefined, lost: () => undefined, jobCompleted: () => undefined };
    b.launched('etl#1');
    b.running('etl#1', 'etl', 5 as SimTime, sink);
    b.ended('etl#1', 'etl', 'finished', 9 as SimTime, sink);
    b.launched('etl#2');
    const reasons = new PendingReasons(b);
    reasons.set('etl#0', 'no room');
    const acc = accountBatch(b, reasons);
    expect(acc).toEqual({
      tasksSubmitted: 15,
      tasksFinished: 1,
      tasksRunning: 1,
      tasksPending: 13,
      tasksAbandoned: 0,
      tasksLostAndReplaced: 0,
      pendingReasons: { 'no room': 1, 'waiting for a placement': 12 },
    });
  });
});
