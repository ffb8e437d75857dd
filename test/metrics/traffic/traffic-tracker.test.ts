import { describe, expect, it } from 'vitest';
import { resources } from '../../../src/cluster/resources.js';
import { type TaskLaunch } from '../../../src/cluster/task.js';
import { type TrafficSpec } from '../../../src/intents/traffic.js';
import { TrafficTracker } from '../../../src/metrics/traffic/traffic-tracker.js';
import { type SimTime } from '../../../src/sim/time.js';

const s = (x: number): SimTime => (x * 1_000_000) as SimTime;
const web: TrafficSpec = {
  rate: {
    kind: 'steps',
    steps: [
      { at: s(0), rps: 40 },
      { at: s(30), rps: 120 },
    ],
  },
  capacityPerReplica: 50,
  meanService: 0.02,
  serversPerReplica: 1,
  shape: { kind: 'exponential' },
};
const node = { name: 'n1', labels: {}, taints: [], allocatable: resources({ cpu: 8000, memory: 32 * 1024 ** 3 }), maxTasks: 110 };
const task = (i: number): TaskLaunch => ({
  id: `web-${i}`,
  workload: 'web',
  tenant: 'default',
  priority: 0,
  resources: resources({ cpu: 1000, memory: 2 * 1024 ** 3 }),
});

function tracker(): TrafficTracker {
  return new TrafficTracker({
    traffic: new Map([['web', web]]),
    prices: { kind: 'resources', cpuHour: 0.04, memoryGiBHour: 0.005 },
    serviceLevels: [{ name: 'web-sla', fraction: 0.99, latency: s(0.2), costPerHour: 1, service: 'web' }],
    nodes: [node],
  });
}

function start(t: TrafficTracker, i: number, at: number, endpointAt: number): void {
  t.fold({ kind: 'task-launched', time: s(at), node: 'n1', task: task(i) });
  t.fold({ kind: 'task-running', time: s(at), node: 'n1', task: task(i) });
  t.fold({ kind: 'endpoint', time: s(endpointAt), action: 'added', service: 'web', taskId: task(i).id });
}

describe('TrafficTracker', () => {
  it('a running replica receives traffic only once service discovery published it', () => {
    const t = tracker();
    t.fold({ kind: 'task-launched', time: s(0), node: 'n1', task: task(0) });
    t.fold({ kind: 'task-running', time: s(0), node: 'n1', task: task(0) });
    expect(t.gauges(s(5))[0]?.serving).toBe(0);
    t.fold({ kind: 'endpoint', time: s(5), action: 'added', service: 'web', taskId: 'web-0' });
    expect(t.gauges(s(6))[0]?.serving).toBe(1);
    const m = t.finish(s(20));
    const first = m.windows[0];
    // Half the first window had no replica serving: 5 s of 40 req/s overloaded, half the requests.
    expect(first?.overloadedShare).toBeCloseTo(0.5, 9);
    expect(first?.p99).toBe(Infinity);
    expect(first?.met).toBe(0);
    // One replica at 40 of its 50 req/s is M/M/1: the response time is exponential with rate μ − λ = 10/s.
    expect(m.windows[1]?.p99).toBeCloseTo(Math.log(100) / 10, 5);
    expect(m.services[0]?.discoveryP50).toBe(5);
  });

  it('a load step overloads the serving replicas until new ones are published; restore is measured to the microsecond', () => {
    const t = tracker();
    start(t, 0, 0, 0);
    start(t, 1, 0, 0);
    start(t, 2, 31, 33.5); // 3 replicas for 120 req/s: ρ = 0.8
    const m = t.finish(s(60));
    const svc = m.services[0];
    expect(svc?.loadSteps).toBe(1);
    // 2 replicas for 120 req/s are overloaded from 30 s until the third serves at 33.5 s.
    expect(svc?.restoreMax).toBeCloseTo(3.5, 6);
    expect(svc?.restoreCensored).toBe(0);
    expect(m.windows.map((w) => w.met)).toEqual([1, 1, 1, 0, 1, 1]);
    expect(svc?.attainment).toBeCloseTo(5 / 6, 12);
  });

  it('a goal never restored before the end is censored', () => {
    const t = tracker();
    start(t, 0, 0, 0);
    start(t, 1, 0, 0);
    const svc = t.finish(s(60)).services[0];
    expect(svc?.restoreCensored).toBe(1);
    expect(svc?.restoreMax).toBeCloseTo(30, 9);
  });

  it('cost per hour follows the replicas that hold resources (cpu × price + GiB × price)', () => {
    const t = tracker();
    start(t, 0, 0, 0);
    expect(t.gauges(s(1))[0]?.costRate).toBeCloseTo(0.04 + 2 * 0.005, 12);
    t.fold({ kind: 'task-ended', time: s(36), node: 'n1', task: task(0), how: 'stopped', wasRunning: true });
    const m = t.finish(s(72));
    expect(m.services[0]?.costTotal).toBeCloseTo(0.05 * 0.01, 12);
  });

  it('a scrape sees the last window that had ended when the last scrape ran, never the present', () => {
    const t = tracker();
    start(t, 0, 0, 0);
    expect(t.scrape('web', s(9), s(15))).toBeUndefined();
    const a = t.scrape('web', s(29), s(15));
    expect(a?.scrapedAt).toBe(15);
    expect(a?.windowEnd).toBe(10);
    expect(t.scrape('other', s(29), s(15))).toBeUndefined();
    expect(() => t.scrape('web', s(29), 0 as SimTime)).toThrow(RangeError);
  });
});
