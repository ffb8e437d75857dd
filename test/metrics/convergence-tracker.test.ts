import { describe, expect, it } from 'vitest';
import { ConvergenceTracker, type ServiceGauges } from '../../src/metrics/convergence-tracker.js';
import { seconds } from '../../src/sim/time.js';
import { type Perturbation } from '../../src/intents/index.js';

const ok: ServiceGauges = { excess: 0, surge: 0, available: 4, desired: 4 };
const p = (index: number, at: number, kind: Perturbation['kind'] = 'scale'): Perturbation => ({ index, time: seconds(at), kind, label: `${kind} ${index}` });

/** Steps: [time s, converged, gauges?]. */
type Step = readonly [number, boolean, ServiceGauges?];

function run(openAt: number, convergedAtOpen: boolean, steps: readonly Step[], end: number, convergedAtEnd: boolean) {
  const c = new ConvergenceTracker();
  c.open(p(0, openAt), seconds(openAt), convergedAtOpen, ok);
  for (const [at, converged, g] of steps) c.observe(seconds(at), converged, g ?? ok);
  return c.close(seconds(end), convergedAtEnd);
}

describe('ConvergenceTracker', () => {
  const rows: readonly { name: string; open: boolean; steps: Step[]; end: number; atEnd: boolean; convergence: number; censored: boolean }[] = [
    {
      name: 'settles: the time until actual equals desired',
      open: true,
      steps: [
        [10, false],
        [14, true],
      ],
      end: 100,
      atEnd: true,
      convergence: 4,
      censored: false,
    },
    { name: 'never settles: censored with the window length', open: true, steps: [[10, false]], end: 100, atEnd: false, convergence: 90, censored: true },
    {
      name: 'flapping: the last settle counts',
      open: true,
      steps: [
        [10, false],
        [12, true],
        [15, false],
        [18, true],
      ],
      end: 100,
      atEnd: true,
      convergence: 8,
      censored: false,
    },
    { name: 'a perturbation that changes nothing: 0', open: true, steps: [], end: 100, atEnd: true, convergence: 0, censored: false },
    {
      name: 'a no-op perturbation while still settling: time until settled',
      open: false,
      steps: [[30, true]],
      end: 100,
      atEnd: true,
      convergence: 20,
      censored: false,
    },
    {
      name: 'repeated converged observations keep the first settle time',
      open: true,
      steps: [
        [10, false],
        [12, true],
        [13, true],
      ],
      end: 100,
      atEnd: true,
      convergence: 2,
      censored: false,
    },
    {
      name: 'unconverged at the close overrides a settle',
      open: true,
      steps: [
        [10, false],
        [12, true],
      ],
      end: 100,
      atEnd: false,
      convergence: 90,
      censored: true,
    },
  ];
  it.each(rows)('$name', ({ open, steps, end, atEnd, convergence, censored }) => {
    const [row] = run(10, open, steps, end, atEnd);
    expect(row).toMatchObject({ index: 0, time: 10, kind: 'scale', label: 'scale 0', convergence, censored, window: end - 10 });
  });

  it('closes a window at the next perturbation: censored when unsettled then', () => {
    const c = new ConvergenceTracker();
    c.open(p(0, 10), seconds(10), true, ok);
    c.observe(seconds(10), false, ok);
    c.open(p(1, 40, 'crash'), seconds(40), false, ok);
    c.observe(seconds(45), true, ok);
    const rows = c.close(seconds(100), true);
    expect(rows.map((r) => ({ index: r.index, kind: r.kind, convergence: r.convergence, censored: r.censored, window: r.window }))).toEqual([
      { index: 0, kind: 'scale', convergence: 30, censored: true, window: 30 },
      { index: 1, kind: 'crash', convergence: 5, censored: false, window: 60 },
    ]);
  });

  it('folds peaks of excess and surge, the lowest availability, and lost tasks per window', () => {
    const c = new ConvergenceTracker();
    c.open(p(0, 0), seconds(0), true, ok);
    c.observe(seconds(1), false, { excess: 0, surge: 2, available: 4, desired: 4 });
    c.observe(seconds(2), false, { excess: 1, surge: 1, available: 3, desired: 4 });
    c.taskLost();
    c.taskLost();
    c.open(p(1, 5), seconds(5), true, ok);
    const [first, second] = c.close(seconds(10), true);
    expect(first).toMatchObject({ peakExcess: 1, peakSurge: 2, minAvailable: 0.75, tasksLost: 2 });
    expect(second).toMatchObject({ peakExcess: 0, peakSurge: 0, minAvailable: 1, tasksLost: 0 });
  });

  it('counts availability as 1 when nothing is desired', () => {
    const c = new ConvergenceTracker();
    c.open(p(0, 0), seconds(0), true, { excess: 0, surge: 0, available: 0, desired: 0 });
    expect(c.close(seconds(1), true)[0]?.minAvailable).toBe(1);
  });

  it('ignores observations and losses before the first perturbation, and gives no rows without one', () => {
    const c = new ConvergenceTracker();
    c.observe(seconds(1), false, ok);
    c.taskLost();
    expect(c.close(seconds(10), false)).toEqual([]);
  });
});
