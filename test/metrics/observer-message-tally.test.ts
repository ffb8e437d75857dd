import { describe, expect, it } from 'vitest';
import { Observer } from '../../src/metrics/observer.js';
import { type SimTime } from '../../src/sim/time.js';

function observer(): Observer {
  return new Observer({ nodes: [], tenants: [], horizon: 10_000_000 as SimTime, detail: false, explain: false });
}

describe('Observer: messages counted in closed form', () => {
  it('counts a tally as that many message events would be counted', () => {
    const tallied = observer();
    tallied.sink({ kind: 'message-tally', time: 5 as SimTime, channel: 'rpc', label: 'lease-renew', delivered: 3, dropped: 2 });
    const sent = observer();
    for (const delivered of [true, true, true, false, false])
      sent.sink({ kind: 'message', time: 5 as SimTime, channel: 'rpc', label: 'lease-renew', delivered });
    expect(tallied.finish(10_000_000 as SimTime).counters).toEqual(sent.finish(10_000_000 as SimTime).counters);
  });

  it('makes no counter for a tally of nothing', () => {
    const o = observer();
    o.sink({ kind: 'message-tally', time: 5 as SimTime, channel: 'heartbeat', label: 'ping', delivered: 0, dropped: 0 });
    expect(Object.keys(o.finish(10_000_000 as SimTime).counters).filter((k) => k.includes('ping') || k.startsWith('messages'))).toEqual([]);
  });
});
