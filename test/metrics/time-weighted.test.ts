import { describe, expect, it } from 'vitest';
import { TimeWeighted } from '../../src/metrics/time-weighted.js';
import { type SimTime } from '../../src/sim/time.js';

const t = (n: number): SimTime => n as SimTime;

describe('TimeWeighted', () => {
  const rows: readonly { name: string; start: number; steps: [number, number][]; until: number; average: number; max: number; current: number }[] = [
    { name: 'never set: 0', start: 0, steps: [], until: 10, average: 0, max: 0, current: 0 },
    { name: 'constant from the start', start: 0, steps: [[0, 4]], until: 10, average: 4, max: 4, current: 4 },
    { name: 'half the time at 1', start: 0, steps: [[5, 1]], until: 10, average: 0.5, max: 1, current: 1 },
    {
      name: 'a pulse',
      start: 0,
      steps: [
        [2, 10],
        [4, 0],
      ],
      until: 10,
      average: 2,
      max: 10,
      current: 0,
    },
    {
      name: 'a window that does not start at 0',
      start: 10,
      steps: [
        [10, 2],
        [15, 4],
      ],
      until: 20,
      average: 3,
      max: 4,
      current: 4,
    },
    {
      name: 'same-time changes: only the last one lasts',
      start: 0,
      steps: [
        [5, 100],
        [5, 1],
      ],
      until: 10,
      average: 0.5,
      max: 100,
      current: 1,
    },
    { name: 'an empty span gives the current value', start: 0, steps: [[0, 3]], until: 0, average: 3, max: 3, current: 3 },
  ];
  it.each(rows)('$name', ({ start, steps, until, average, max, current }) => {
    const g = new TimeWeighted(t(start));
    for (const [at, v] of steps) g.set(t(at), v);
    expect(g.average(t(until))).toBeCloseTo(average, 12);
    expect(g.max).toBe(max);
    expect(g.current).toBe(current);
  });

  it('add() changes the value by a delta', () => {
    const g = new TimeWeighted(t(0));
    g.add(t(0), 2);
    g.add(t(5), -1);
    expect(g.current).toBe(1);
    expect(g.average(t(10))).toBeCloseTo(1.5, 12);
  });

  it('average() does not change the state: it can be read twice and at several instants', () => {
    const g = new TimeWeighted(t(0));
    g.set(t(0), 1);
    expect(g.average(t(10))).toBe(1);
    expect(g.average(t(10))).toBe(1);
    g.set(t(10), 3);
    expect(g.average(t(20))).toBe(2);
  });
});
