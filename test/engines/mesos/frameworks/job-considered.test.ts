import { describe, expect, it } from 'vitest';
import { batchBench, job } from './fake-master.js';

/** The `job-considered` events of a bench as [seconds, job]. */
function considered(b: ReturnType<typeof batchBench>): [number, string][] {
  return b.mini.events.flatMap((e) => (e.kind === 'job-considered' ? [[e.time / 1e6, e.job] as [number, string]] : []));
}

describe('batch framework: job-considered (the end of a job’s queue wait)', () => {
  it('is sent when the framework first looks at a job within an offer, once per job', () => {
    const b = batchBench();
    b.fw.subscribe();
    b.subscribed(0.01);
    b.at(1, () => b.fw.submit(job('a', 3)));
    b.at(1, () => b.fw.submit(job('b', 2)));
    b.at(2, () => b.fw.onOffers([b.offer(1, 'a1', 1, 1)]));
    b.at(3, () => b.fw.onOffers([b.offer(2, 'a1', 8, 32)]));
    b.runTo(4);
    // At 2 s a's first task takes the whole offer, so b is not looked at; at 3 s a is looked at again (not sent) and b first.
    expect(considered(b)).toEqual([
      [2, 'a'],
      [3, 'b'],
    ]);
  });
});
