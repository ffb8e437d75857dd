import { type EngineContext } from '../../../src/engines/engine.js';
import { type MetricEvent } from '../../../src/metrics/events.js';
import { Rng } from '../../../src/sim/rng.js';
import { PRIORITY, Simulator } from '../../../src/sim/simulator.js';
import { duration } from '../../../src/sim/duration.js';
import { type SimDuration, type SimTime } from '../../../src/sim/time.js';

/** A bare EngineContext over a Simulator: fixed message latencies, no nodes, events collected. */
export function miniContext(latency: Partial<Record<'rpc' | 'storeWrite' | 'watchDelivery' | 'heartbeat', string>> = {}): {
  ctx: EngineContext;
  sim: Simulator;
  events: MetricEvent[];
  runTo(seconds: number): void;
  counter(name: string): number;
} {
  const sim = new Simulator();
  const events: MetricEvent[] = [];
  const d = { rpc: '1ms', storeWrite: '5ms', watchDelivery: '2ms', heartbeat: '1ms', ...latency };
  const delays = { rpc: duration(d.rpc), storeWrite: duration(d.storeWrite), watchDelivery: duration(d.watchDelivery), heartbeat: duration(d.heartbeat) };
  const ctx: EngineContext = {
    now: () => sim.now(),
    after: (delay, fn) => sim.after(delay, fn, PRIORITY.engine),
    cancel: (h) => sim.cancel(h),
    rng: Rng.root(1).split('engine:kubernetes'),
    cluster: {
      nodes: [],
      agent: () => {
        throw new Error('no nodes');
      },
    },
    net: {
      send: (channel, _from, _to, _label, deliver) => {
        sim.after(delays[channel], deliver, PRIORITY.engine);
        return true;
      },
    },
    latency: {
      delay: (c) => delays[c],
      taskStart: () => duration('1s'),
      nominal: (c) => (c === 'taskStart' ? duration('1s') : delays[c]) as SimDuration,
      upper: (c) => (c === 'taskStart' ? duration('1s') : delays[c]) as SimDuration,
      fixed: (c) => (c === 'taskStart' ? duration('1s') : delays[c]) as SimDuration,
    },
    tenants: [],
    emit: (e) => void events.push(e),
    explain: false,
    explainLevel: 'top',
    apps: { scrape: () => undefined },
  };
  return {
    ctx,
    sim,
    events,
    runTo: (s) => void sim.run(Math.round(s * 1e6) as SimTime),
    counter: (name) => events.filter((e) => e.kind === 'counter' && e.name === name).reduce((a, e) => a + (e.kind === 'counter' ? e.by : 0), 0),
  };
}
