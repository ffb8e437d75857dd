/**
 * Kernel micro-benchmarks: schedule+pop throughput of the Simulator and EventQueue at a realistic
 * pending-set size, Rng draws and a distribution. Goal (issue 2): ≥ 5 M schedule+pop events/s.
 */
import { type Bench } from 'tinybench';
import { createDistribution } from '../../src/sim/distributions.js';
import { EventQueue, type TimerHandle } from '../../src/sim/event-queue.js';
import { Rng } from '../../src/sim/rng.js';
import { PRIORITY, Simulator } from '../../src/sim/simulator.js';
import { type SimTime } from '../../src/sim/time.js';

/** Events popped per operation of the event tasks. */
const EVENTS = 1_000_000;
/** Events pending at any moment: about what a 1 000-node trial keeps (heartbeats, timers, starts). */
const PENDING = 10_000;
/** Draws per operation of the rng and distribution tasks. */
const DRAWS = 1_000_000;

/**
 * Delays drawn once (uniform 1 µs … 20 ms), so the event tasks time the queue, not the rng. A
 * power-of-two table indexed with a mask keeps the lookup out of the way.
 */
const DELAYS = (() => {
  const rng = Rng.root(1).split('bench:delays');
  const out = new Float64Array(1 << 16);
  for (let i = 0; i < out.length; i++) out[i] = rng.int(1, 20_000);
  return out;
})();
const MASK = DELAYS.length - 1;

/** What one operation of each task stands for (read by bench/micro.ts). */
export const units = {
  'simulator.at: schedule+pop 1M events, 10k pending': { perOp: EVENTS, unit: 'events' },
  'simulator.after: schedule+pop 1M closures, 10k pending': { perOp: EVENTS, unit: 'events' },
  'event-queue: push+pop 1M, 10k pending': { perOp: EVENTS, unit: 'events' },
  'event-queue: push+pop 1M, half of them cancelled': { perOp: EVENTS, unit: 'events' },
  'rng.float ×1M': { perOp: DRAWS, unit: 'draws' },
  'rng.nextUint32 ×1M': { perOp: DRAWS, unit: 'draws' },
  'rng.split ×10k': { perOp: 10_000, unit: 'splits' },
  'exponential.sample ×1M': { perOp: DRAWS, unit: 'draws' },
  'normal.sample ×1M': { perOp: DRAWS, unit: 'draws' },
} as const satisfies Record<string, { perOp: number; unit: string }>;

export function register(bench: Bench): void {
  bench.add('simulator.at: schedule+pop 1M events, 10k pending', () => {
    const sim = new Simulator();
    let i = 0;
    // One shared handler that reschedules itself: the kernel's cost without closure allocation.
    const tick = (): void => {
      sim.at((sim.now() + (DELAYS[i++ & MASK] as number)) as SimTime, tick, undefined, PRIORITY.engine);
    };
    for (let k = 0; k < PENDING; k++) sim.at(DELAYS[k & MASK] as number as SimTime, tick, undefined);
    const out = sim.run(Number.MAX_SAFE_INTEGER as SimTime, EVENTS);
    if (out.events !== EVENTS) throw new Error(`ran ${out.events} events`);
  });

  bench.add('simulator.after: schedule+pop 1M closures, 10k pending', () => {
    const sim = new Simulator();
    let i = 0;
    // What engines do: a fresh closure per timer (ctx.after(delay, () => …)).
    const tick = (id: number): void => {
      sim.after(DELAYS[i++ & MASK] as number as SimTime, () => tick(id));
    };
    for (let k = 0; k < PENDING; k++) tick(k);
    const out = sim.run(Number.MAX_SAFE_INTEGER as SimTime, EVENTS);
    if (out.events !== EVENTS) throw new Error(`ran ${out.events} events`);
  });

  bench.add('event-queue: push+pop 1M, 10k pending', () => {
    const q = new EventQueue();
    let now = 0;
    const noop = (): void => {};
    const setNow = (t: SimTime): void => {
      now = t;
    };
    for (let k = 0; k < PENDING; k++) q.push(DELAYS[k & MASK] as number as SimTime, 0, noop, undefined);
    for (let k = 0; k < EVENTS; k++) {
      q.popAndRun(setNow);
      q.push((now + (DELAYS[k & MASK] as number)) as SimTime, 0, noop, undefined);
    }
  });

  bench.add('event-queue: push+pop 1M, half of them cancelled', () => {
    // Timeouts that are mostly cancelled (heartbeat deadlines, back-offs): lazy deletion at work.
    const q = new EventQueue();
    let now = 0;
    const noop = (): void => {};
    const setNow = (t: SimTime): void => {
      now = t;
    };
    const handles: TimerHandle[] = [];
    for (let k = 0; k < PENDING; k++) q.push(DELAYS[k & MASK] as number as SimTime, 0, noop, undefined);
    for (let k = 0; k < EVENTS / 2; k++) {
      q.popAndRun(setNow);
      q.push((now + (DELAYS[k & MASK] as number)) as SimTime, 0, noop, undefined);
      handles.push(q.push((now + (DELAYS[(k + 7) & MASK] as number)) as SimTime, 0, noop, undefined));
      if (handles.length > 16) q.cancel(handles.shift() as TimerHandle);
    }
  });

  const rng = Rng.root(1).split('bench:draws');
  let sink = 0;
  bench.add('rng.float ×1M', () => {
    for (let k = 0; k < DRAWS; k++) sink += rng.float();
  });
  bench.add('rng.nextUint32 ×1M', () => {
    for (let k = 0; k < DRAWS; k++) sink += rng.nextUint32();
  });
  bench.add('rng.split ×10k', () => {
    for (let k = 0; k < 10_000; k++) sink += rng.split(`engine:${k}`).nextUint32();
  });
  const exponential = createDistribution({ kind: 'exponential', mean: 2 });
  bench.add('exponential.sample ×1M', () => {
    for (let k = 0; k < DRAWS; k++) sink += exponential.sample(rng);
  });
  const normal = createDistribution({ kind: 'normal', mean: 10, stddev: 2 });
  bench.add('normal.sample ×1M', () => {
    for (let k = 0; k < DRAWS; k++) sink += normal.sample(rng);
  });
  // Keeps the draws observable so the optimiser cannot drop the loops.
  bench.addEventListener('complete', () => {
    if (Number.isNaN(sink)) throw new Error('unreachable');
  });
}
