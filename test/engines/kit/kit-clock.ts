import { type EngineContext } from '../../../src/engines/engine.js';
import { type MetricEvent } from '../../../src/metrics/events.js';
import { PRIORITY, Simulator } from '../../../src/sim/simulator.js';
import { type SimTime } from '../../../src/sim/time.js';

/** The part of an EngineContext the kit's timing helpers use, over a real Simulator, with emitted events kept. */
export function kitClock(): { ctx: Pick<EngineContext, 'now' | 'after' | 'cancel' | 'emit'>; events: MetricEvent[]; runTo(us: number): void } {
  const sim = new Simulator();
  const events: MetricEvent[] = [];
  return {
    ctx: {
      now: () => sim.now(),
      after: (delay, fn) => sim.after(delay, fn, PRIORITY.engine),
      cancel: (h) => sim.cancel(h),
      emit: (e) => void events.push(e),
    },
    events,
    runTo: (us) => void sim.run(us as SimTime),
  };
}
