import { describe, expect, it } from 'vitest';
import { backoffDelay, WorkQueue } from '../../../../src/engines/kubernetes/controllers/workqueue.js';
import { duration } from '../../../../src/sim/duration.js';
import { miniContext } from '../mini-context.js';

describe('WorkQueue', () => {
  it('deduplicates keys added before they are processed', () => {
    const m = miniContext();
    const seen: string[] = [];
    const q = new WorkQueue(m.ctx, (k) => (seen.push(k), 'done'), { baseDelay: duration('5ms'), maxDelay: duration('1000s') });
    q.add('a');
    q.add('b');
    q.add('a');
    m.runTo(1);
    expect(seen).toEqual(['a', 'b']);
  });

  it('re-queues a failing key with exponential back-off in virtual time, then forgets it', () => {
    const m = miniContext();
    const times: number[] = [];
    let failures = 3;
    const q = new WorkQueue(m.ctx, () => (times.push(m.sim.now()), failures-- > 0 ? 'retry' : 'done'), {
      baseDelay: duration('5ms'),
      maxDelay: duration('1000s'),
    });
    q.add('k');
    m.runTo(10);
    expect(times).toEqual([0, 5000, 15000, 35000]);
  });

  it('keeps the sooner ready time of a key added after two delays, as client-go does, and adds it once', () => {
    const m = miniContext();
    const times: number[] = [];
    const q = new WorkQueue(m.ctx, () => (times.push(m.sim.now()), 'done'), { baseDelay: duration('5ms'), maxDelay: duration('1000s') });
    q.addAfter('k', duration('10s'));
    q.addAfter('k', duration('1s'));
    q.addAfter('k', duration('5s'));
    m.runTo(30);
    expect(times).toEqual([1e6]);
  });

  const rows = [
    { failures: 0, want: '5ms' },
    { failures: 3, want: '40ms' },
    { failures: 30, want: '1000s' },
  ];
  it.each(rows)('delay after $failures failures is $want', ({ failures, want }) => {
    expect(backoffDelay({ baseDelay: duration('5ms'), maxDelay: duration('1000s') }, failures)).toBe(duration(want));
  });
});
