import { describe, expect, it } from 'vitest';
import { CycleSchedule } from '../../../../src/engines/mesos/allocator/cycle-schedule.js';
import { Simulator } from '../../../../src/sim/simulator.js';
import { type SimDuration, type SimTime } from '../../../../src/sim/time.js';

function setup() {
  const sim = new Simulator();
  const cycles: { time: number; candidates: string[] | 'all' }[] = [];
  const schedule = new CycleSchedule({ after: (d, fn) => sim.after(d, fn) }, 1_000_000 as SimDuration, (candidates) => {
    cycles.push({ time: sim.now() / 1e6, candidates: candidates === 'all' ? 'all' : [...candidates] });
  });
  return { sim, cycles, schedule };
}

describe('CycleSchedule', () => {
  it('runs a cycle over all agents every allocation interval once started', () => {
    const { sim, cycles, schedule } = setup();
    schedule.start();
    sim.run(3_500_000 as SimTime);
    expect(cycles).toEqual([
      { time: 1, candidates: 'all' },
      { time: 2, candidates: 'all' },
      { time: 3, candidates: 'all' },
    ]);
  });

  it('batches triggers that arrive while a cycle is queued into that one cycle (MESOS-6904)', () => {
    const { sim, cycles, schedule } = setup();
    schedule.trigger(['a']);
    schedule.trigger(['b', 'a']);
    sim.run(0 as SimTime);
    schedule.trigger(['c']);
    schedule.trigger('all');
    schedule.trigger(['d']);
    sim.run(0 as SimTime);
    expect(cycles).toEqual([
      { time: 0, candidates: ['a', 'b'] },
      { time: 0, candidates: 'all' },
    ]);
  });
});
