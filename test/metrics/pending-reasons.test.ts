import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BatchTracker, newJobRec } from '../../src/metrics/batch-tracker.js';
import { PendingReasons } from '../../src/metrics/pending-reasons.js';
import { type SimTime } from '../../src/sim/time.js';
import { checkProperty } from '../support/props.js';

/** One step: register a job (name, task count) or note a reason for a key. */
type Step = { kind: 'job'; name: string; tasks: number } | { kind: 'note'; key: string; reason: string };

/** Replays steps on the compact store and on the plain map it stands for; returns both. */
function replay(steps: readonly Step[]): { batch: BatchTracker; store: PendingReasons; model: Map<string, string> } {
  const batch = new BatchTracker();
  const store = new PendingReasons(batch);
  const model = new Map<string, string>();
  for (const s of steps) {
    if (s.kind === 'job') {
      const previous = batch.jobs.get(s.name);
      const rec = newJobRec('w', s.tasks, 0 as SimTime);
      batch.add(s.name, rec);
      store.adopt(s.name, rec, previous);
    } else {
      store.set(s.key, s.reason);
      model.set(s.key, s.reason);
    }
  }
  return { batch, store, model };
}

const KEYS = ['a', 'a#0', 'a#1', 'a#2', 'a#01', 'b#0', 'b#c#1', 'b#c', 'w'];

describe('PendingReasons', () => {
  it.each([
    {
      name: 'task key of a submitted job',
      steps: [
        { kind: 'job', name: 'a', tasks: 2 },
        { kind: 'note', key: 'a#1', reason: 'r' },
      ] as Step[],
      key: 'a#1',
      want: 'r',
    },
    { name: 'workload key', steps: [{ kind: 'note', key: 'w', reason: 'r' }] as Step[], key: 'w', want: 'r' },
    {
      name: 'the later note wins',
      steps: [
        { kind: 'job', name: 'a', tasks: 2 },
        { kind: 'note', key: 'a#0', reason: 'r1' },
        { kind: 'note', key: 'a#0', reason: 'r2' },
      ] as Step[],
      key: 'a#0',
      want: 'r2',
    },
    {
      name: 'note before its job, then after',
      steps: [
        { kind: 'note', key: 'a#0', reason: 'early' },
        { kind: 'job', name: 'a', tasks: 1 },
        { kind: 'note', key: 'a#0', reason: 'late' },
      ] as Step[],
      key: 'a#0',
      want: 'late',
    },
    {
      name: 'note before its job only',
      steps: [
        { kind: 'note', key: 'a#0', reason: 'early' },
        { kind: 'job', name: 'a', tasks: 1 },
      ] as Step[],
      key: 'a#0',
      want: 'early',
    },
    {
      name: 'a replaced job keeps the notes past its size',
      steps: [
        { kind: 'job', name: 'a', tasks: 3 },
        { kind: 'note', key: 'a#2', reason: 'r' },
        { kind: 'job', name: 'a', tasks: 1 },
      ] as Step[],
      key: 'a#2',
      want: 'r',
    },
    {
      name: 'not a task key (leading zero)',
      steps: [
        { kind: 'job', name: 'a', tasks: 2 },
        { kind: 'note', key: 'a#01', reason: 'r' },
      ] as Step[],
      key: 'a#1',
      want: undefined,
    },
  ])('$name', ({ steps, key, want }) => {
    expect(replay(steps).store.get(key)).toBe(want);
  });

  it('stores task notes in the job, not in the map', () => {
    const { batch } = replay([
      { kind: 'job', name: 'a', tasks: 3 },
      { kind: 'note', key: 'a#1', reason: 'r' },
    ]);
    expect(batch.jobs.get('a')?.reasons).toEqual([undefined, 'r', undefined]);
  });

  it('answers every key as one map of the last reason per key would', () => {
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({ kind: fc.constant('job' as const), name: fc.constantFrom('a', 'b', 'b#c'), tasks: fc.integer({ min: 0, max: 3 }) }),
      fc.record({ kind: fc.constant('note' as const), key: fc.constantFrom(...KEYS), reason: fc.constantFrom('x', 'y', 'z') }),
    );
    checkProperty(
      'pending reasons answer as one map would',
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        const { store, model } = replay(steps);
        for (const key of KEYS) expect(store.get(key)).toBe(model.get(key));
      }),
      { kind: 'pure' },
    );
  });
});
