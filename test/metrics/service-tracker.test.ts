import { describe, expect, it } from 'vitest';
import { addDemands, clearDemands, dropDemands, isConverged, newServiceState, takeDemand } from '../../src/metrics/service-tracker.js';
import { type SimTime } from '../../src/sim/time.js';

const t = (n: number): SimTime => n as SimTime;

describe('service demands', () => {
  it('serves the oldest demand first and drops the newest first', () => {
    const s = newServiceState('web', 3, 'v1');
    addDemands(s, 2, t(1), 'submit');
    addDemands(s, 2, t(5), 'scale');
    expect(takeDemand(s)).toEqual({ time: 1, cause: 'submit' });
    dropDemands(s, 1);
    expect(takeDemand(s)).toEqual({ time: 1, cause: 'submit' });
    expect(takeDemand(s)).toEqual({ time: 5, cause: 'scale' });
    expect(takeDemand(s)).toBeUndefined();
  });

  it('never drops a demand that was already served', () => {
    const s = newServiceState('web', 2, 'v1');
    addDemands(s, 2, t(1), 'submit');
    takeDemand(s);
    dropDemands(s, 5);
    expect(takeDemand(s)).toBeUndefined();
    addDemands(s, 1, t(9), 'replacement');
    expect(takeDemand(s)).toEqual({ time: 9, cause: 'replacement' });
  });

  it('clearDemands forgets every unmet demand', () => {
    const s = newServiceState('web', 2, 'v1');
    addDemands(s, 2, t(1), 'submit');
    takeDemand(s);
    clearDemands(s);
    expect(takeDemand(s)).toBeUndefined();
    addDemands(s, 1, t(2), 'rollout');
    expect(takeDemand(s)).toEqual({ time: 2, cause: 'rollout' });
  });

  it('keeps FIFO order across its internal compaction (more than 1024 served)', () => {
    const s = newServiceState('web', 5000, 'v1');
    for (let i = 0; i < 5000; i++) addDemands(s, 1, t(i), 'submit');
    const times: number[] = [];
    for (let i = 0; i < 3000; i++) times.push((takeDemand(s) as { time: number }).time);
    addDemands(s, 1, t(99_999), 'scale');
    dropDemands(s, 1);
    for (let d = takeDemand(s); d; d = takeDemand(s)) times.push(d.time);
    expect(times).toEqual(Array.from({ length: 5000 }, (_, i) => i));
  });

  it.each([
    { name: 'nothing desired, nothing running', desired: 0, running: 0, current: 0, converged: true },
    { name: 'all running on the current version', desired: 3, running: 3, current: 3, converged: true },
    { name: 'one missing', desired: 3, running: 2, current: 2, converged: false },
    { name: 'one too many', desired: 3, running: 4, current: 3, converged: false },
    { name: 'one of an old version', desired: 3, running: 3, current: 2, converged: false },
  ])('isConverged: $name → $converged', ({ desired, running, current, converged }) => {
    const s = newServiceState('web', desired, 'v1');
    s.running = running;
    s.runningCurrent = current;
    expect(isConverged(s)).toBe(converged);
  });
});
