import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkProperty } from '../support/props.js';
import { EventQueue, type TimerHandle } from '../../src/sim/event-queue.js';
import { type SimTime } from '../../src/sim/time.js';

const t = (n: number): SimTime => n as SimTime;

/** Pops everything, checking that event times never go back; returns how many events ran. */
function drain(q: EventQueue): number {
  let last = -Infinity;
  let count = 0;
  while (
    q.popAndRun((time) => {
      expect(time).toBeGreaterThanOrEqual(last);
      last = time;
    })
  )
    count++;
  return count;
}

/** Pushes events whose arg is the label; the handler records it into `log`. */
function pusher(q: EventQueue, log: string[]) {
  const record = (label: string): void => {
    log.push(label);
  };
  return (time: number, priority: number, label: string): TimerHandle => q.push(t(time), priority, record, label);
}

describe('EventQueue order', () => {
  const rows: readonly { name: string; events: readonly [number, number, string][]; order: string[] }[] = [
    {
      name: 'earlier time first',
      events: [
        [5, 0, 'late'],
        [1, 0, 'early'],
      ],
      order: ['early', 'late'],
    },
    {
      name: 'lower priority first at the same time',
      events: [
        [5, 100, 'engine'],
        [5, 0, 'fault'],
        [5, 10, 'intent'],
      ],
      order: ['fault', 'intent', 'engine'],
    },
    {
      name: 'time beats priority',
      events: [
        [6, 0, 'later fault'],
        [5, 1000, 'earlier sample'],
      ],
      order: ['earlier sample', 'later fault'],
    },
    {
      name: 'same time and priority pop in push order',
      events: [
        [5, 1, 'a'],
        [5, 1, 'b'],
        [5, 1, 'c'],
      ],
      order: ['a', 'b', 'c'],
    },
    {
      name: 'negative priorities sort before zero',
      events: [
        [5, 0, 'zero'],
        [5, -1, 'minus one'],
      ],
      order: ['minus one', 'zero'],
    },
  ];
  it.each(rows)('$name', ({ events, order }) => {
    const q = new EventQueue();
    const log: string[] = [];
    const push = pusher(q, log);
    for (const [time, priority, label] of events) push(time, priority, label);
    drain(q);
    expect(log).toEqual(order);
  });

  it('passes the event time to onTime before the handler runs', () => {
    const q = new EventQueue();
    const seen: string[] = [];
    q.push(t(42), 0, (a: string) => seen.push(`handler ${a}`), 'x');
    q.popAndRun((time) => seen.push(`time ${time}`));
    expect(seen).toEqual(['time 42', 'handler x']);
  });

  it('pops in (time, priority, seq) order, and same-time same-priority events first-in first-out', () => {
    const event = fc.record({ time: fc.integer({ min: 0, max: 20 }), priority: fc.integer({ min: -2, max: 2 }) });
    checkProperty(
      'pops in (time, priority, seq) order, and same-time same-priority events first-in first-out',
      fc.property(fc.array(event, { maxLength: 300 }), (events) => {
        const q = new EventQueue();
        const popped: number[] = [];
        events.forEach((e, i) => q.push(t(e.time), e.priority, (k: number) => popped.push(k), i));
        while (q.popAndRun(() => {}));
        const expected = events
          .map((e, i) => ({ ...e, i }))
          .sort((a, b) => a.time - b.time || a.priority - b.priority || a.i - b.i)
          .map((e) => e.i);
        expect(popped).toEqual(expected);
      }),
      { kind: 'pure' },
    );
  });

  it('keeps the total order when pushes and pops interleave, with cancellations (model check)', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('push' as const), dt: fc.integer({ min: 0, max: 5 }), priority: fc.integer({ min: 0, max: 2 }) }),
      fc.record({ kind: fc.constant('pop' as const) }),
      fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
    );
    checkProperty(
      'keeps the total order when pushes and pops interleave, with cancellations (model check)',
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const q = new EventQueue();
        // The model: live events with their key; the queue must always pop the smallest key.
        const model: { time: number; priority: number; seq: number; handle: TimerHandle }[] = [];
        const handles: TimerHandle[] = [];
        let now = 0;
        let seq = 0;
        for (const o of ops) {
          if (o.kind === 'push') {
            const key = { time: now + o.dt, priority: o.priority, seq: seq++ };
            const h = q.push(t(key.time), key.priority, () => {}, undefined);
            model.push({ ...key, handle: h });
            handles.push(h);
          } else if (o.kind === 'cancel') {
            if (handles.length === 0) continue;
            const h = handles[o.pick % handles.length] as TimerHandle;
            const idx = model.findIndex((m) => m.handle === h);
            expect(q.cancel(h)).toBe(idx >= 0);
            if (idx >= 0) model.splice(idx, 1);
          } else {
            model.sort((a, b) => a.time - b.time || a.priority - b.priority || a.seq - b.seq);
            const want = model.shift();
            let got: number | undefined;
            expect(q.popAndRun((time) => (got = time))).toBe(want !== undefined);
            if (want) {
              expect(got).toBe(want.time);
              now = want.time;
            }
          }
          expect(q.size).toBe(model.length);
          const min = model.reduce((m, e) => Math.min(m, e.time), Infinity);
          expect(q.peekTime()).toBe(model.length === 0 ? undefined : min);
        }
      }),
      { kind: 'pure' },
    );
  });
});

describe('EventQueue cancel', () => {
  it('cancels a pending event: it never runs and size drops', () => {
    const q = new EventQueue();
    const log: string[] = [];
    const push = pusher(q, log);
    push(1, 0, 'a');
    const b = push(2, 0, 'b');
    push(3, 0, 'c');
    expect(q.cancel(b)).toBe(true);
    expect(q.size).toBe(2);
    drain(q);
    expect(log).toEqual(['a', 'c']);
  });

  it('cancelling the head moves peekTime to the next live event', () => {
    const q = new EventQueue();
    const log: string[] = [];
    const push = pusher(q, log);
    const a = push(1, 0, 'a');
    push(9, 0, 'b');
    q.cancel(a);
    expect(q.peekTime()).toBe(9);
  });

  const twice: readonly { name: string; act: (q: EventQueue, h: TimerHandle) => void }[] = [
    { name: 'a second cancel', act: (q, h) => q.cancel(h) },
    { name: 'a cancel after the event popped', act: (q) => q.popAndRun(() => {}) },
  ];
  it.each(twice)('returns false for $name', ({ act }) => {
    const q = new EventQueue();
    const h = q.push(t(1), 0, () => {}, undefined);
    act(q, h);
    expect(q.cancel(h)).toBe(false);
  });

  it('a stale handle never cancels a later event that reuses its slot', () => {
    const q = new EventQueue();
    const log: string[] = [];
    const push = pusher(q, log);
    const old = push(1, 0, 'old');
    q.popAndRun(() => {});
    const fresh = push(2, 0, 'fresh'); // reuses the recycled slot
    expect(fresh % 2 ** 24).toBe(old % 2 ** 24);
    expect(fresh).not.toBe(old);
    expect(q.cancel(old)).toBe(false);
    expect(q.size).toBe(1);
    drain(q);
    expect(log).toEqual(['old', 'fresh']);
  });

  it('a stale handle of a cancelled event never cancels the event that reuses its slot', () => {
    const q = new EventQueue();
    const log: string[] = [];
    const push = pusher(q, log);
    const old = push(1, 0, 'old');
    q.cancel(old);
    expect(q.peekTime()).toBeUndefined(); // drops the cancelled head and frees its slot
    push(2, 0, 'fresh');
    expect(q.cancel(old)).toBe(false);
    drain(q);
    expect(log).toEqual(['fresh']);
  });

  it('a handler cannot cancel its own (already popped) event, and can cancel a later one', () => {
    const q = new EventQueue();
    const log: string[] = [];
    const push = pusher(q, log);
    const handles: { self?: TimerHandle; later?: TimerHandle } = {};
    const results: boolean[] = [];
    handles.self = q.push(
      t(1),
      0,
      () => {
        results.push(q.cancel(handles.self as TimerHandle), q.cancel(handles.later as TimerHandle));
      },
      undefined,
    );
    handles.later = push(2, 0, 'later');
    drain(q);
    expect(results).toEqual([false, true]);
    expect(log).toEqual([]);
  });

  it('rejects handles it never issued', () => {
    const q = new EventQueue();
    q.push(t(1), 0, () => {}, undefined);
    expect(q.cancel(12345 as TimerHandle)).toBe(false);
    expect(q.size).toBe(1);
  });
});

describe('EventQueue growth and re-entrancy', () => {
  it('grows past 1024 pending events and still pops them all in order', () => {
    const q = new EventQueue();
    const n = 5_000;
    const popped: number[] = [];
    // Pushed in a scrambled order of times, so the heap really has to sort them.
    for (let i = 0; i < n; i++) q.push(t((i * 7919) % n), 0, (k: number) => popped.push(k), (i * 7919) % n);
    expect(q.size).toBe(n);
    while (q.popAndRun(() => {}));
    expect(popped).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(q.size).toBe(0);
  });

  it('handlers may schedule more events, including at the current time, which pop after those already queued', () => {
    const q = new EventQueue();
    const log: string[] = [];
    const push = pusher(q, log);
    const spawn = (depth: number): void => {
      log.push(`spawn${depth}`);
      if (depth < 3) {
        q.push(t(10), 0, spawn, depth + 1);
        push(10, 0, `child${depth}`);
      }
    };
    q.push(t(10), 0, spawn, 0);
    push(10, 0, 'sibling');
    drain(q);
    expect(log).toEqual(['spawn0', 'sibling', 'spawn1', 'child0', 'spawn2', 'child1', 'spawn3', 'child2']);
  });

  it('a long chain of self-rescheduling handlers reuses slots (size stays 1)', () => {
    const q = new EventQueue();
    let count = 0;
    const tick = (time: number): void => {
      count++;
      expect(q.size).toBe(0);
      if (time < 10_000) q.push(t(time + 1), 0, tick, time + 1);
    };
    q.push(t(0), 0, tick, 0);
    while (q.popAndRun(() => {}));
    expect(count).toBe(10_001);
  });

  it('reports an empty queue: popAndRun false, peekTime undefined', () => {
    const q = new EventQueue();
    expect(q.popAndRun(() => {})).toBe(false);
    expect(q.peekTime()).toBeUndefined();
    expect(q.size).toBe(0);
  });
});
