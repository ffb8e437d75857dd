import { describe, expect, it } from 'vitest';
import { duration } from '../../src/sim/duration.js';
import { PRIORITY, Simulator } from '../../src/sim/simulator.js';
import { type SimTime } from '../../src/sim/time.js';

const t = (n: number): SimTime => n as SimTime;

describe('Simulator.run', () => {
  it('stops at the horizon with the clock standing at the horizon, leaving later events pending', () => {
    const sim = new Simulator();
    const seen: number[] = [];
    for (const at of [1, 5, 10, 11, 20]) sim.at(t(at), (x: number) => seen.push(x), at);
    const out = sim.run(t(10));
    expect(out).toEqual({ reason: 'horizon', events: 3, endTime: 10 });
    expect(seen).toEqual([1, 5, 10]);
    expect(sim.now()).toBe(10);
    expect(sim.pending).toBe(2);
    expect(sim.eventsProcessed).toBe(3);
  });

  it('runs events exactly at the horizon (the horizon is inclusive)', () => {
    const sim = new Simulator();
    let ran = false;
    sim.at(t(10), () => (ran = true), undefined);
    expect(sim.run(t(10)).reason).toBe('drained');
    expect(ran).toBe(true);
  });

  it('reports drained when nothing is left, and virtual time still passes up to the horizon', () => {
    const sim = new Simulator();
    let at = -1;
    sim.after(duration('3s'), () => (at = sim.now()));
    const out = sim.run(duration('1m'));
    expect(out).toEqual({ reason: 'drained', events: 1, endTime: 60_000_000 });
    expect(at).toBe(3_000_000);
    expect(sim.now()).toBe(60_000_000);
    sim.after(duration('1s'), () => (at = sim.now()));
    sim.run(duration('2m'));
    expect(at).toBe(61_000_000);
  });

  it('leaves the clock at the last event when run without a finite horizon', () => {
    const sim = new Simulator();
    sim.after(duration('3s'), () => {});
    expect(sim.run(Number.POSITIVE_INFINITY as SimTime)).toEqual({ reason: 'drained', events: 1, endTime: 3_000_000 });
  });

  it('stops after the event budget and resumes where it left off', () => {
    const sim = new Simulator();
    const seen: number[] = [];
    for (let i = 0; i < 10; i++) sim.at(t(i), (x: number) => seen.push(x), i);
    expect(sim.run(t(100), 4)).toEqual({ reason: 'event-budget', events: 4, endTime: 3 });
    expect(sim.now()).toBe(3);
    expect(sim.run(t(100), 4)).toEqual({ reason: 'event-budget', events: 4, endTime: 7 });
    expect(sim.run(t(100), 4)).toEqual({ reason: 'drained', events: 2, endTime: 100 });
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(sim.eventsProcessed).toBe(10);
  });

  it('prefers horizon over budget when the next event lies beyond the horizon', () => {
    const sim = new Simulator();
    sim.at(t(1), () => {}, undefined);
    sim.at(t(50), () => {}, undefined);
    expect(sim.run(t(10), 1)).toEqual({ reason: 'horizon', events: 1, endTime: 10 });
  });

  it('advances the clock to each event before its handler runs', () => {
    const sim = new Simulator();
    const clocks: number[] = [];
    for (const at of [3, 7]) sim.at(t(at), () => clocks.push(sim.now()), undefined);
    sim.run(t(100));
    expect(clocks).toEqual([3, 7]);
  });

  it('refuses to run to a horizon in the past (the clock never goes back)', () => {
    const sim = new Simulator();
    sim.at(t(100), () => {}, undefined);
    sim.run(t(50));
    expect(() => sim.run(t(10))).toThrow(/before now/);
    expect(sim.now()).toBe(50);
  });
});

describe('Simulator scheduling', () => {
  const past: readonly { name: string; act: (sim: Simulator) => void; message: RegExp }[] = [
    { name: 'at() before now', act: (sim) => sim.at(t(4), () => {}, undefined), message: /cannot schedule at 4us, before now \(5us\)/ },
    { name: 'a negative delay', act: (sim) => sim.after(t(-1), () => {}), message: /negative delay -1us/ },
    { name: 'a fractional time', act: (sim) => sim.at(t(5.5), () => {}, undefined), message: /integer count of microseconds/ },
    { name: 'a fractional delay', act: (sim) => sim.after(t(0.5), () => {}), message: /integer count of microseconds/ },
  ];
  it.each(past)('throws for $name', ({ act, message }) => {
    const sim = new Simulator();
    sim.at(t(5), () => {}, undefined);
    sim.run(t(5));
    expect(() => act(sim)).toThrow(RangeError);
    expect(() => act(sim)).toThrow(message);
  });

  it('accepts an event at exactly now and a zero delay', () => {
    const sim = new Simulator();
    const seen: string[] = [];
    sim.at(
      t(5),
      () => {
        sim.at(sim.now(), () => seen.push('at now'), undefined);
        sim.after(t(0), () => seen.push('zero delay'));
      },
      undefined,
    );
    sim.run(t(5));
    expect(seen).toEqual(['at now', 'zero delay']);
    expect(sim.now()).toBe(5);
  });

  it('orders same-time events by PRIORITY: fault, intent, engine, observe', () => {
    const sim = new Simulator();
    const seen: string[] = [];
    sim.after(t(1), () => seen.push('observe'), PRIORITY.observe);
    sim.after(t(1), () => seen.push('engine'));
    sim.after(t(1), () => seen.push('intent'), PRIORITY.intent);
    sim.after(t(1), () => seen.push('fault'), PRIORITY.fault);
    sim.run(t(1));
    expect(seen).toEqual(['fault', 'intent', 'engine', 'observe']);
  });

  it('after() counts from now', () => {
    const sim = new Simulator();
    let at = -1;
    sim.at(t(10), () => sim.after(t(5), () => (at = sim.now())), undefined);
    sim.run(t(100));
    expect(at).toBe(15);
  });

  it('cancel() stops a pending event and is false once it ran', () => {
    const sim = new Simulator();
    let ran = 0;
    const a = sim.after(t(1), () => ran++);
    const b = sim.after(t(2), () => ran++);
    expect(sim.cancel(a)).toBe(true);
    expect(sim.pending).toBe(1);
    sim.run(t(10));
    expect(ran).toBe(1);
    expect(sim.cancel(b)).toBe(false);
  });

  it('is a pure function of what was scheduled: two identical runs give identical traces', () => {
    const trace = (): string[] => {
      const sim = new Simulator();
      const log: string[] = [];
      const ping = (n: number): void => {
        log.push(`${sim.now()}:${n}`);
        if (n < 50) sim.after(t((n * 37) % 11), () => ping(n + 1), n % 3);
      };
      sim.at(t(0), ping, 0);
      sim.at(t(0), ping, 25);
      sim.run(t(1_000));
      return log;
    };
    expect(trace()).toEqual(trace());
  });
});
