import fc from 'fast-check';
import { expect } from 'vitest';
import { EventQueue, type TimerHandle } from '../../src/sim/event-queue.js';
import { Rng } from '../../src/sim/rng.js';
import { PRIORITY, Simulator } from '../../src/sim/simulator.js';
import { type SimTime } from '../../src/sim/time.js';
import { checkProperty, type PropertyDef } from '../support/props.js';

/*
 * Kernel properties (DESIGN.md §3): the event queue's total order (time, priority, push order),
 * checked against a naive model under pushes, cancels and pops; and the rng's labelled splits.
 */

type QueueOp = { op: 'push'; time: number; priority: number } | { op: 'cancel'; which: number } | { op: 'pop' };

const queueOp: fc.Arbitrary<QueueOp> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant('push' as const),
      time: fc.integer({ min: 0, max: 4 }),
      priority: fc.constantFrom(PRIORITY.fault, PRIORITY.intent, PRIORITY.engine, PRIORITY.observe),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('cancel' as const), which: fc.nat() }) },
  { weight: 3, arbitrary: fc.constant({ op: 'pop' as const }) },
);

/** The naive model: a list, the minimum by (time, priority, seq) found by scanning. */
interface ModelEvent {
  readonly id: number;
  readonly time: number;
  readonly priority: number;
  live: boolean;
}

function modelPop(model: ModelEvent[]): ModelEvent | undefined {
  let best: ModelEvent | undefined;
  for (const e of model) {
    if (!e.live) continue;
    // The list is in push order, so the first minimum found is the earliest pushed.
    if (!best || e.time < best.time || (e.time === best.time && e.priority < best.priority)) best = e;
  }
  if (best) best.live = false;
  return best;
}

const sameTimeInSchedulingOrder: PropertyDef = {
  name: 'same-time events pop in scheduling order (time, then priority, then push order), cancels honoured',
  check: () =>
    checkProperty(
      'same-time events pop in scheduling order (time, then priority, then push order), cancels honoured',
      fc.property(fc.array(queueOp, { maxLength: 200 }), (ops) => {
        const queue = new EventQueue();
        const model: ModelEvent[] = [];
        const handles: TimerHandle[] = [];
        const popped: number[] = [];
        const expected: number[] = [];
        for (const op of ops) {
          if (op.op === 'push') {
            const id = model.length;
            model.push({ id, time: op.time, priority: op.priority, live: true });
            handles.push(queue.push(op.time as SimTime, op.priority, (x: number) => popped.push(x), id));
          } else if (op.op === 'cancel') {
            if (handles.length === 0) continue;
            const k = op.which % handles.length;
            const m = model[k] as ModelEvent;
            expect(queue.cancel(handles[k] as TimerHandle)).toBe(m.live);
            m.live = false;
          } else {
            const next = modelPop(model);
            expect(queue.popAndRun(() => undefined)).toBe(next !== undefined);
            if (next) expected.push(next.id);
          }
          expect(queue.size).toBe(model.filter((m) => m.live).length);
        }
        for (let next = modelPop(model); next; next = modelPop(model)) expected.push(next.id);
        while (queue.popAndRun(() => undefined));
        expect(popped).toEqual(expected);
      }),
      { kind: 'pure' },
    ),
};

const handlersScheduleAfterQueued: PropertyDef = {
  name: 'an event scheduled for now by a handler runs after the same-time events already queued',
  check: () =>
    checkProperty(
      'an event scheduled for now by a handler runs after the same-time events already queued',
      fc.property(fc.array(fc.record({ time: fc.integer({ min: 0, max: 3 }), spawns: fc.boolean() }), { minLength: 1, maxLength: 40 }), (plan) => {
        const sim = new Simulator();
        const order: string[] = [];
        plan.forEach((p, i) =>
          sim.at(
            p.time as SimTime,
            () => {
              order.push(`e${i}`);
              if (p.spawns) sim.after(0 as SimTime, () => order.push(`s${i}`));
            },
            undefined,
          ),
        );
        sim.run(10 as SimTime);
        // Model: by time, each time's scheduled events in push order, then the spawned ones in spawn order.
        const expected: string[] = [];
        for (let t = 0; t <= 3; t++) {
          const at = plan.map((p, i) => ({ p, i })).filter((x) => x.p.time === t);
          expected.push(...at.map((x) => `e${x.i}`), ...at.filter((x) => x.p.spawns).map((x) => `s${x.i}`));
        }
        expect(order).toEqual(expected);
      }),
      { kind: 'pure' },
    ),
};

/** Labels as the harness writes them; '/' excluded: it joins a path, so `a/b` names the same stream as split('a').split('b'). */
const label = fc.stringMatching(/^[a-z0-9:._-]{1,12}$/);
const labelPath = fc.array(label, { minLength: 1, maxLength: 3 });
const seed = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });

function streamOf(s: number, path: readonly string[]): Rng {
  return path.reduce((r, l) => r.split(l), Rng.root(s));
}

function draw(r: Rng, n: number): number[] {
  return Array.from({ length: n }, () => r.nextUint32());
}

const splitsReproducible: PropertyDef = {
  name: 'split streams are reproducible: the same seed and labels give the same numbers, whatever was drawn before',
  check: () =>
    checkProperty(
      'split streams are reproducible: the same seed and labels give the same numbers, whatever was drawn before',
      fc.property(seed, labelPath, fc.nat({ max: 50 }), (s, path, before) => {
        const fresh = draw(streamOf(s, path), 16);
        // Draw from every ancestor first: a split depends on the seed and the path only.
        let r = Rng.root(s);
        for (const l of path) {
          draw(r, before);
          r = r.split(l);
        }
        expect(draw(r, 16)).toEqual(fresh);
      }),
      { kind: 'pure' },
    ),
};

const splitsIndependent: PropertyDef = {
  name: 'split streams are independent: distinct labels give distinct streams, and drawing from one never moves another',
  check: () =>
    checkProperty(
      'split streams are independent: distinct labels give distinct streams, and drawing from one never moves another',
      fc.property(seed, labelPath, labelPath, fc.array(fc.boolean(), { maxLength: 64 }), (s, a, b, interleave) => {
        fc.pre(a.join('/') !== b.join('/'));
        const alone = { a: draw(streamOf(s, a), 64), b: draw(streamOf(s, b), 64) };
        // 128 random bits would have to collide: distinct paths must give distinct streams.
        expect(alone.a.slice(0, 4)).not.toEqual(alone.b.slice(0, 4));
        const ra = streamOf(s, a);
        const rb = streamOf(s, b);
        const got = { a: [] as number[], b: [] as number[] };
        for (const takeA of interleave) (takeA ? got.a : got.b).push((takeA ? ra : rb).nextUint32());
        expect(got.a).toEqual(alone.a.slice(0, got.a.length));
        expect(got.b).toEqual(alone.b.slice(0, got.b.length));
      }),
      { kind: 'pure' },
    ),
};

/** The kernel's properties. */
export function kernelDefs(): PropertyDef[] {
  return [sameTimeInSchedulingOrder, handlersScheduleAfterQueued, splitsReproducible, splitsIndependent];
}
