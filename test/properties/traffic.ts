import fc from 'fast-check';
import { expect } from 'vitest';
import { type NodeSpec } from '../../src/cluster/node.js';
import { resources } from '../../src/cluster/resources.js';
import { type TaskLaunch } from '../../src/cluster/task.js';
import { type Prices, type TrafficSpec } from '../../src/intents/traffic.js';
import { type QueueState, responseQuantile, responseTail, serviceTail, type ServiceTimeShape } from '../../src/metrics/queueing.js';
import { TrafficTracker } from '../../src/metrics/traffic/traffic-tracker.js';
import { type SimTime } from '../../src/sim/time.js';
import { checkProperty, type PropertyDef } from '../support/props.js';

/*
 * Request-traffic properties (issue "Request traffic and cost"): the queueing model never makes a
 * request faster than its own service, and the cost the tracker reports is exactly the integral of
 * the allocated resources times the prices.
 */

const shape: fc.Arbitrary<ServiceTimeShape> = fc.oneof(
  fc.constant({ kind: 'exponential' as const }),
  fc.constant({ kind: 'deterministic' as const }),
  fc.double({ min: 0.1, max: 3, noNaN: true }).map((cv) => ({ kind: 'lognormal' as const, cv })),
);

const queue: fc.Arbitrary<QueueState> = fc.record({
  lambda: fc.double({ min: 0.01, max: 2000, noNaN: true }),
  servers: fc.integer({ min: 0, max: 200 }),
  meanService: fc.double({ min: 0.001, max: 2, noNaN: true }),
  shape,
});

const latencyNeverBelowService: PropertyDef = {
  name: 'request latency is never below the service time (tails dominate pointwise, quantiles of a mixture too)',
  check: () =>
    checkProperty(
      'request latency is never below the service time (tails dominate pointwise, quantiles of a mixture too)',
      fc.property(
        fc.array(fc.record({ queue, weight: fc.double({ min: 0.01, max: 100, noNaN: true }) }), { minLength: 1, maxLength: 4 }),
        fc.constantFrom(0.5, 0.9, 0.99, 0.999),
        fc.double({ min: 0, max: 10, noNaN: true }),
        (parts, p, t) => {
          for (const x of parts) expect(responseTail(x.queue, t)).toBeGreaterThanOrEqual(serviceTail(x.queue.shape, x.queue.meanService, t) - 1e-9);
          const q = responseQuantile(parts, p);
          if (q === Infinity) return;
          const total = parts.reduce((s, x) => s + x.weight, 0);
          // The service times alone already have at most the tail share beyond q: q is at least their quantile.
          const serviceBeyond = parts.reduce((s, x) => s + x.weight * serviceTail(x.queue.shape, x.queue.meanService, q * (1 + 1e-5)), 0);
          expect(serviceBeyond).toBeLessThanOrEqual((1 - p) * total * (1 + 1e-6) + 1e-9);
          for (const x of parts)
            if (x.queue.shape.kind === 'deterministic' && parts.length === 1) expect(q).toBeGreaterThanOrEqual(x.queue.meanService * (1 - 1e-9));
        },
      ),
      { kind: 'pure' },
    ),
};

const node: NodeSpec = {
  name: 'n1',
  labels: {},
  taints: [],
  allocatable: resources({ cpu: 16_000, memory: 64 * 1024 ** 3 }),
  maxTasks: 110,
};

const TRAFFIC: TrafficSpec = {
  rate: { kind: 'constant', rps: 10 },
  capacityPerReplica: 50,
  meanService: 0.02,
  serversPerReplica: 1,
  shape: { kind: 'exponential' },
};

/** One instance's life: launched at `at` for `length` µs (or to the end), with its request. */
const life = fc.record({
  at: fc.integer({ min: 0, max: 3_000_000_000 }),
  length: fc.option(fc.integer({ min: 0, max: 3_000_000_000 }), { nil: undefined }),
  cpu: fc.integer({ min: 0, max: 8000 }),
  memoryMi: fc.integer({ min: 0, max: 16_384 }),
});

const prices: fc.Arbitrary<Prices> = fc.oneof(
  fc.record({
    kind: fc.constant('resources' as const),
    cpuHour: fc.double({ min: 0, max: 5, noNaN: true }),
    memoryGiBHour: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.record({ kind: fc.constant('node' as const), nodeHour: fc.double({ min: 0, max: 10, noNaN: true }) }),
);

const costIsIntegral: PropertyDef = {
  name: 'cost equals the integral of allocated resources times price',
  check: () =>
    checkProperty(
      'cost equals the integral of allocated resources times price',
      fc.property(fc.array(life, { minLength: 0, maxLength: 12 }), prices, (lives, price) => {
        const end = 3_600_000_000;
        const tracker = new TrafficTracker({ traffic: new Map([['web', TRAFFIC]]), prices: price, serviceLevels: [], nodes: [node] });
        type Ev = { time: number; kind: 'task-launched' | 'task-ended'; task: TaskLaunch };
        const events: Ev[] = [];
        let expected = 0;
        lives.forEach((l, i) => {
          const task: TaskLaunch = {
            id: `web-${i}`,
            workload: 'web',
            tenant: 'default',
            priority: 0,
            resources: resources({ cpu: l.cpu, memory: l.memoryMi * 1024 ** 2 }),
          };
          const stop = l.length === undefined ? end : Math.min(end, l.at + l.length);
          events.push({ time: l.at, kind: 'task-launched', task });
          if (l.length !== undefined && stop < end) events.push({ time: stop, kind: 'task-ended', task });
          const hours = (Math.max(0, stop - l.at) / 3_600_000_000) as number;
          const rate =
            price.kind === 'resources'
              ? (l.cpu / 1000) * price.cpuHour + (l.memoryMi / 1024) * price.memoryGiBHour
              : Math.max(l.cpu / 16_000, (l.memoryMi * 1024 ** 2) / (64 * 1024 ** 3)) * price.nodeHour;
          expected += rate * hours;
        });
        events.sort((a, b) => a.time - b.time || (a.kind === b.kind ? 0 : a.kind === 'task-launched' ? -1 : 1));
        for (const e of events) {
          const time = e.time as SimTime;
          if (e.kind === 'task-launched') tracker.fold({ kind: 'task-launched', time, node: 'n1', task: e.task });
          else tracker.fold({ kind: 'task-ended', time, node: 'n1', task: e.task, how: 'stopped', wasRunning: false });
        }
        const row = tracker.finish(end as SimTime).services[0];
        expect(row?.costTotal ?? NaN).toBeCloseTo(expected, 6);
      }),
      { kind: 'pure' },
    ),
};

/** The request-traffic properties. */
export function trafficDefs(): PropertyDef[] {
  return [latencyNeverBelowService, costIsIntegral];
}
