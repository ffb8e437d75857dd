import { describe, expect, it } from 'vitest';
import { type TaskLaunch } from '../../../../src/cluster/task.js';
import { serviceBench, service } from './fake-master.js';

/*
 * The Marathon-like service framework against a fake master, with the defaults: rpc 1 ms each way,
 * think t_job 100 ms + t_task 5 ms per instance examined, decline for 120 s, refuse 5 s on the unused
 * part of an accept, at most 5 instances per offer, revive at most every 5 s, suppress when idle.
 * The test plays the master: it answers SUBSCRIBE, sends offers and status updates at set times.
 */

describe('service framework: subscription, revive and suppress', () => {
  it('asks for offers once subscribed when work came first, and suppresses once it has launched everything', () => {
    const b = serviceBench();
    b.fw.subscribe();
    b.at(0.002, () => b.fw.declare(service('web', 3)));
    b.subscribed(0.01);
    b.at(1, () => b.fw.onOffers([b.offer(1, 'a1', 4, 16)]));
    b.runTo(5);
    expect(b.master.calls.map((c) => [c.at, c.call])).toEqual([
      [0.001, 'subscribe'],
      [0.011, 'revive'],
      // think 0.1 + 3 × 0.005 while holding the offer, then one rpc; nothing left to launch: suppress.
      [1.116, 'reply'],
      [1.116, 'suppress'],
    ]);
    const info = b.master.of('subscribe')[0]?.info;
    expect(info).toMatchObject({ name: 'service-test', role: 'tenant', partitionAware: true, failoverTimeout: 604_800_000_000 });
  });

  it('throttles REVIVE to one per min_revive_offers_interval (5 s) and revives only when more instances are wanted', () => {
    const b = serviceBench();
    b.fw.subscribe();
    b.subscribed(0.01);
    b.at(0.02, () => b.fw.declare(service('web', 1)));
    b.at(0.5, () => b.fw.onOffers([b.offer(1, 'a1', 4, 16)]));
    b.at(2, () => b.fw.scale('web', 3)); // 1.98 s after the last revive: waits until 5.02 s
    b.at(3, () => b.fw.scale('web', 4)); // the timer is already set: no second revive
    b.at(20, () => b.fw.scale('web', 5)); // long after: at once
    b.runTo(30);
    expect(b.master.of('revive').map((c) => c.at)).toEqual([0.021, 5.021, 20.001]);
  });

  it('revives at once when the throttle is turned off (minReviveInterval 0)', () => {
    const b = serviceBench({ service: { minReviveInterval: 0 } });
    b.fw.subscribe();
    b.subscribed(0.01);
    b.at(0.02, () => b.fw.declare(service('web', 1)));
    b.at(0.5, () => b.fw.onOffers([b.offer(1, 'a1', 4, 16)]));
    b.at(2, () => b.fw.scale('web', 3));
    b.runTo(10);
    expect(b.master.of('revive').map((c) => c.at)).toEqual([0.021, 2.001]);
  });
});

describe('service framework: accept and decline', () => {
  it('places instances first-fit, at most 5 per offer, and thinks t_job + t_task × instances examined while it holds the offers', () => {
    const b = serviceBench();
    b.fw.subscribe();
    b.subscribed(0.01);
    b.at(0.02, () => b.fw.declare(service('web', 7)));
    b.at(1, () => b.fw.onOffers([b.offer(1, 'a1', 16, 64), b.offer(2, 'a2', 16, 64), b.offer(3, 'a3', 16, 64)]));
    b.runTo(5);
    expect(b.master.replies()).toEqual([
      { at: 1.136, launches: [['web.1', 'web.2', 'web.3', 'web.4', 'web.5'], ['web.6', 'web.7'], []], refuseAccepted: 5, refuseDeclined: 120 },
    ]);
    const decision = b.mini.events.filter((e) => e.kind === 'decision');
    expect(decision).toEqual([{ kind: 'decision', time: 1_000_000, scheduler: 'service-test', duration: 135_000 }]);
  });

  it('declines an offer it has no use for at once, with refuse_seconds 120 s (--decline_offer_duration)', () => {
    const b = serviceBench();
    b.fw.subscribe();
    b.subscribed(0.01);
    b.at(0.02, () => b.fw.declare(service('web', 1)));
    b.at(1, () => b.fw.onOffers([b.offer(1, 'a1', 4, 16)]));
    b.at(3, () => b.fw.onOffers([b.offer(2, 'a2', 4, 16)]));
    b.runTo(5);
    expect(b.master.replies()[1]).toEqual({ at: 3.001, launches: [[]], refuseAccepted: 5, refuseDeclined: 120 });
  });

  it('launches nothing on an offer too small or not matching the constraints, and says why', () => {
    const b = serviceBench();
    b.fw.subscribe();
    b.subscribed(0.01);
    b.at(0.02, () => b.fw.declare(service('web', 1, 8, 1)));
    b.at(0.03, () => b.fw.declare(service('pinned', 1, 1, 1, { constraints: { ...service('x', 0).constraints, nodeSelector: { zone: 'b' } } })));
    b.at(1, () => b.fw.onOffers([b.offer(1, 'a1', 4, 16, 100, { zone: 'a' })]));
    b.runTo(5);
    expect(b.master.replies()[0]?.launches).toEqual([[]]);
    const reasons = b.mini.events
      .filter((e) => e.kind === 'task-pending' && e.time === 1_000_000)
      .map((e) => (e.kind === 'task-pending' ? [e.workload, e.reason] : []));
    expect(reasons).toEqual([
      ['web', 'no offer fits'],
      ['pinned', 'no offer matches constraints'],
    ]);
  });

  it('decides one batch of offers at a time: a batch that arrives while it thinks waits for the first reply', () => {
    const b = serviceBench();
    b.fw.subscribe();
    b.subscribed(0.01);
    b.at(0.02, () => b.fw.declare(service('web', 8)));
    b.at(1, () => b.fw.onOffers([b.offer(1, 'a1', 16, 64)]));
    b.at(1.05, () => b.fw.onOffers([b.offer(2, 'a2', 16, 64)]));
    b.runTo(5);
    // First: 5 instances (the per-offer cap) and a sixth examined that finds no room: 0.1 + 6 × 0.005 s.
    // The second batch is decided when the first is answered (1.13 s): 3 more in 0.115 s.
    expect(b.master.replies().map((r) => [r.at, r.launches])).toEqual([
      [1.131, [['web.1', 'web.2', 'web.3', 'web.4', 'web.5']]],
      [1.246, [['web.6', 'web.7', 'web.8']]],
    ]);
  });

  it('drops an offer rescinded while it waits in the queue', () => {
    const b = serviceBench();
    b.fw.subscribe();
    b.subscribed(0.01);
    b.at(0.02, () => b.fw.declare(service('web', 2)));
    b.at(1, () => b.fw.onOffers([b.offer(1, 'a1', 1, 64)]));
    b.at(1.05, () => b.fw.onOffers([b.offer(2, 'a2', 16, 64), b.offer(3, 'a3', 16, 64)]));
    b.at(1.06, () => b.fw.onRescind(2));
    b.runTo(5);
    const replies = b.master.of('reply');
    expect(replies.map((r) => r.replies.offers.map((o) => o.id))).toEqual([[1], [3]]);
    expect(b.master.replies()[1]?.launches).toEqual([['web.2']]);
  });
});

describe('service framework: replacing lost instances', () => {
  function running(): { b: ReturnType<typeof serviceBench>; tasks: TaskLaunch[] } {
    const b = serviceBench();
    b.fw.subscribe();
    b.subscribed(0.01);
    b.at(0.02, () => b.fw.declare(service('web', 3)));
    b.at(1, () => b.fw.onOffers([b.offer(1, 'a1', 16, 64)]));
    b.runTo(2);
    const tasks = b.master.launched();
    b.at(2.5, () => {
      for (const t of tasks) b.fw.onStatus(b.status(t, 'TASK_RUNNING'));
    });
    return { b, tasks };
  }

  it('acknowledges every update from an agent and replaces a TASK_UNREACHABLE instance at once (partition-aware, 0/0)', () => {
    const { b, tasks } = running();
    b.at(10, () => b.fw.onStatus(b.status(tasks[1] as TaskLaunch, 'TASK_UNREACHABLE')));
    b.at(11, () => b.fw.onOffers([b.offer(2, 'a2', 16, 64)]));
    b.runTo(15);
    expect(b.master.of('acknowledge').map((c) => [c.at, c.taskId, c.state])).toEqual([
      [2.501, 'web.1', 'TASK_RUNNING'],
      [2.501, 'web.2', 'TASK_RUNNING'],
      [2.501, 'web.3', 'TASK_RUNNING'],
      [10.001, 'web.2', 'TASK_UNREACHABLE'],
    ]);
    // Wanted again: revive (last one 10 s ago), then one instance with a new id on the next offer.
    expect(b.master.of('revive').map((c) => c.at)).toEqual([0.021, 10.001]);
    expect(b.master.replies()[1]).toMatchObject({ at: 11.106, launches: [['web.4']] });
  });

  it('kills an instance it already replaced when it comes back after a partition', () => {
    const { b, tasks } = running();
    b.at(10, () => b.fw.onStatus(b.status(tasks[0] as TaskLaunch, 'TASK_UNREACHABLE')));
    b.at(11, () => b.fw.onOffers([b.offer(2, 'a2', 16, 64)]));
    b.at(20, () => b.fw.onStatus(b.status(tasks[0] as TaskLaunch, 'TASK_RUNNING')));
    b.runTo(25);
    expect(b.master.of('kill').map((c) => [c.at, c.taskId])).toEqual([[20.001, 'web.1']]);
  });

  it('waits out the launch backoff (1 s after a first failure) before replacing an instance that failed', () => {
    const { b, tasks } = running();
    b.at(10, () => b.fw.onStatus(b.status(tasks[2] as TaskLaunch, 'TASK_FAILED')));
    b.at(10.5, () => b.fw.onOffers([b.offer(2, 'a2', 16, 64)])); // in backoff: declined
    b.at(12, () => b.fw.onOffers([b.offer(3, 'a3', 16, 64)]));
    b.runTo(15);
    expect(
      b.master
        .replies()
        .slice(1)
        .map((r) => [r.at, r.launches]),
    ).toEqual([
      [10.501, [[]]],
      [12.106, [['web.4']]],
    ]);
    // The backoff timer revives when it expires (11 s), not on the failure itself.
    expect(b.master.of('revive').map((c) => c.at)).toEqual([0.021, 11.001]);
  });
});

describe('service framework: rolling restart', () => {
  it('keeps to maxSurge 1 / maxUnavailable 0: one new instance at a time, an old one killed when a new one runs', () => {
    const b = serviceBench({ service: { minReviveInterval: 0 } });
    b.fw.subscribe();
    b.subscribed(0.01);
    b.at(0.02, () => b.fw.declare(service('web', 2, 1, 1, { maxSurge: 1, maxUnavailable: 0 })));
    b.at(1, () => b.fw.onOffers([b.offer(1, 'a1', 16, 64)]));
    b.at(2, () => {
      for (const t of b.master.launched()) b.fw.onStatus(b.status(t, 'TASK_RUNNING'));
    });
    b.at(10, () => b.fw.rollout('web', 'v2', undefined));
    b.at(11, () => b.fw.onOffers([b.offer(2, 'a1', 16, 64)]));
    b.runTo(12);
    expect(b.master.launched().map((t) => [t.id, t.version])).toEqual([
      ['web.1', 'v1'],
      ['web.2', 'v1'],
      ['web.3', 'v2'],
    ]);
    expect(b.master.of('kill')).toEqual([]);
    b.at(13, () => b.fw.onStatus(b.status(b.master.launched()[2] as TaskLaunch, 'TASK_RUNNING')));
    b.runTo(14);
    // Old instances go not-running first, then the newest running one: web.2.
    expect(b.master.of('kill').map((c) => [c.at, c.taskId])).toEqual([[13.001, 'web.2']]);
  });
});
