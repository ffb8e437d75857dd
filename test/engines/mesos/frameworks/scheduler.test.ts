import { describe, expect, it } from 'vitest';
import { type TaskLaunch } from '../../../../src/cluster/task.js';
import { seconds } from '../../../../src/sim/time.js';
import { batchBench, job, service, serviceBench } from './fake-master.js';

/*
 * The scheduler-driver half both frameworks share (frameworks/scheduler.ts), seen through the two
 * frameworks against a fake master: a crash drops what is in flight and fails over with the same
 * framework id, nothing is handled while down, and in fair-share offer mode the framework keeps the
 * allocator told of what it asks for (REQUEST), net of the offers it holds.
 */

describe('framework scheduler: crash and failover', () => {
  it('drops the decision in flight, disconnects, and re-subscribes with its id after downFor', () => {
    const b = serviceBench();
    b.fw.subscribe();
    b.subscribed(0.01);
    b.at(0.02, () => b.fw.declare(service('web', 2)));
    b.at(1, () => b.fw.onOffers([b.offer(1, 'a1', 8, 32)]));
    b.at(1.05, () => b.fw.crash(seconds(10))); // mid-think (the decision takes 0.11 s)
    b.runTo(20);
    expect(b.master.calls.map((c) => [c.at, c.call])).toEqual([
      [0.001, 'subscribe'],
      [0.011, 'suppress'],
      [0.021, 'revive'],
      [1.051, 'disconnected'],
      [11.051, 'subscribe'],
    ]);
    expect(b.master.of('subscribe').map((c) => c.info.id)).toEqual([undefined, 'fw-1']);
    expect(b.master.replies()).toEqual([]);
  });

  it('handles no offer and acknowledges no update while down, and tells the master by name if it crashed before it was subscribed', () => {
    const b = batchBench();
    b.fw.subscribe();
    b.at(0.0005, () => b.fw.crash(seconds(5)));
    b.at(1, () => b.fw.onOffers([b.offer(1, 'a1', 8, 32)]));
    b.at(2, () =>
      b.fw.onStatus(
        b.status({ id: 'x.1', workload: 'x', tenant: 'tenant', priority: 0, resources: { cpu: 1, memory: 1, gpu: 0 } } as TaskLaunch, 'TASK_RUNNING'),
      ),
    );
    b.runTo(6);
    expect(b.master.calls.map((c) => [c.at, c.call])).toEqual([
      [0.001, 'subscribe'],
      [0.0015, 'disconnected'],
      [5.0015, 'subscribe'],
    ]);
  });

  it('after a failover, forgets the tasks the master no longer knows and re-runs them', () => {
    const b = batchBench();
    b.fw.subscribe();
    b.subscribed(0.01);
    b.at(1, () => b.fw.submit(job('j', 2)));
    b.at(2, () => b.fw.onOffers([b.offer(1, 'a1', 8, 32)]));
    b.runTo(3);
    const [first, second] = b.master.launched() as [TaskLaunch, TaskLaunch];
    b.at(4, () => b.fw.crash(seconds(1)));
    // The master still knows the first task running; the second is gone.
    b.subscribed(5.1, [b.status(first, 'TASK_RUNNING')]);
    b.at(6, () => b.fw.onOffers([b.offer(2, 'a2', 8, 32)]));
    b.runTo(7);
    expect(second.id).toBe('j#1.1');
    expect(b.master.of('revive').map((c) => c.at)).toEqual([1.001, 5.101]);
    expect(b.master.replies()[1]).toMatchObject({ at: 6.106, launches: [['j#1.2']] });
  });
});

describe('framework scheduler: fair-share offer mode', () => {
  it('sends what it asks for with SUBSCRIBE and a REQUEST whenever that changes, net of the offers it holds', () => {
    const b = serviceBench({ offerMode: 'fair-share' });
    b.fw.declare(service('web', 3, 1, 2));
    b.fw.subscribe();
    b.subscribed(0.01);
    b.at(1, () => b.fw.onOffers([b.offer(1, 'a1', 2, 4)]));
    b.runTo(2);
    const gi = 2 ** 30;
    expect(b.master.of('subscribe')[0]?.info.demand).toEqual({ cpu: 3000, memory: 6 * gi, gpu: 0 });
    expect(b.master.of('request').map((c) => [c.at, c.demand])).toEqual([
      // Subscribed: the demand of 3 instances. The offer arrives and is decided at once (2 fit, the
      // third examined does not): 1 instance left, less the offer held while thinking = nothing.
      // The reply (0.1 + 3 × 0.005 s later) releases the offer: 1 instance to ask for again.
      [0.011, { cpu: 3000, memory: 6 * gi, gpu: 0 }],
      [1.001, { cpu: 0, memory: 0, gpu: 0 }],
      [1.116, { cpu: 1000, memory: 2 * gi, gpu: 0 }],
    ]);
  });
});
