import { describe, expect, it } from 'vitest';
import { MessageTally } from '../../../../src/engines/kit/index.js';
import { type MetricEvent } from '../../../../src/metrics/events.js';
import { type SimTime } from '../../../../src/sim/time.js';

describe('MessageTally', () => {
  it('adds messages by channel and label and counters by name, reports them once at the end, and forgets them', () => {
    const t = new MessageTally();
    const events: MetricEvent[] = [];
    const ctx = { emit: (e: MetricEvent): void => void events.push(e) };
    t.message('rpc', 'lease-renew', 3);
    t.message('rpc', 'lease-renew', 2, 1);
    t.message('watchDelivery', 'watch-Lease', 0);
    t.counter('store-write', 5);
    t.counter('watch-event', 0);
    t.flush(ctx, 7 as SimTime);
    expect(events).toEqual([
      { kind: 'message-tally', time: 7, channel: 'rpc', label: 'lease-renew', delivered: 5, dropped: 1 },
      { kind: 'counter', time: 7, name: 'store-write', by: 5 },
    ]);
    t.flush(ctx, 8 as SimTime);
    expect(events).toHaveLength(2);
  });
});
