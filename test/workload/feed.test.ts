import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/sim/rng.js';
import { PRIORITY } from '../../src/sim/simulator.js';
import { expandCluster, expandWorkload } from '../../src/workload/expand.js';
import { type FeedStep, WorkloadFeed } from '../../src/workload/feed.js';
import { type TraceTable } from '../../src/workload/traces/trace-table.js';
import { scenarioFromYaml } from '../support/scenario.js';

const yaml = `apiVersion: schedbench/v1
kind: Scenario
metadata: { name: feed }
spec:
  duration: 60s
  seeds: [1]
  cluster:
    nodeGroups: [{ name: m, count: 4, resources: { cpu: 4, memory: 16Gi } }]
  tenants: [{ name: batch }]
  workloads:
    - { kind: Service, name: web, tenant: batch, replicas: 2, resources: { cpu: 500m, memory: 512Mi } }
    - kind: BatchJob
      name: jobs
      tenant: batch
      tasks: 2
      resources: { cpu: 1, memory: 1Gi }
      duration: 5s
      arrivals: { meanInterArrival: 5s, count: 6 }
    - { kind: Trace, name: alpha, tenant: batch, file: a.csv, format: job-list, tenants: { Batch: batch } }
    - { kind: Trace, name: beta, tenant: batch, file: b.csv, format: job-list, tenants: { Batch: batch } }
  events:
    - { at: 10s, kind: crash, nodes: { count: 1 }, recoverAfter: 10s }
    - { at: 10s, kind: scale, service: web, replicas: 3 }
`;
const scenario = scenarioFromYaml(yaml);
const nodes = expandCluster(scenario.doc);

/** A trace table of one-task jobs submitted at `seconds`. */
function table(seconds: readonly number[]): TraceTable {
  const n = seconds.length;
  return {
    length: n,
    submit: Float64Array.from(seconds, (s) => s * 1e6),
    instances: new Int32Array(n).fill(1),
    runFor: new Float64Array(n).fill(1e6),
    cpu: new Int32Array(n).fill(500),
    memory: new Float64Array(n).fill(2 ** 30),
    tenant: new Uint16Array(n),
    tenants: ['batch'],
    rows: n,
    invalidRows: 0,
    outsideWindow: 0,
    otherGroups: 0,
  };
}

// alpha's second job shares 20 s with beta's only job: beta was never served before, alpha was (at 1 s).
const traces = new Map([
  ['alpha', table([1, 20])],
  ['beta', table([20, 30])],
]);

function drain(feed: WorkloadFeed): FeedStep[] {
  const steps: FeedStep[] = [];
  for (let at = feed.peek(); at !== undefined; at = feed.peek()) {
    const step = feed.take();
    expect([step.time, step.priority]).toEqual([at.time, at.priority]);
    steps.push(step);
  }
  return steps;
}

const intentsOf = (steps: readonly FeedStep[]) => steps.flatMap((s) => (s.kind === 'intents' ? s.intents : []));

describe('WorkloadFeed', () => {
  it('is one stream ordered by time, then perturbation, fault, intent', () => {
    const steps = drain(new WorkloadFeed(scenario.doc, Rng.root(1), nodes, traces));
    for (let i = 1; i < steps.length; i++) {
      const [a, b] = [steps[i - 1] as FeedStep, steps[i] as FeedStep];
      expect(a.time < b.time || (a.time === b.time && a.priority <= b.priority), `step ${i}`).toBe(true);
    }
    const at10 = steps.filter((s) => s.time === 10_000_000).map((s) => s.kind);
    expect(at10.indexOf('perturbation')).toBeLessThan(at10.indexOf('fault'));
    expect(at10.indexOf('fault')).toBeLessThan(at10.indexOf('intents'));
    expect(steps.find((s) => s.kind === 'fault')?.priority).toBe(PRIORITY.fault);
  });

  it('merges ordinary and trace intents, ordinary ones first at an instant and traces in the order they were last served', () => {
    const feed = new WorkloadFeed(scenario.doc, Rng.root(1), nodes, traces);
    const steps = drain(feed);
    const ordinary = expandWorkload(scenario.doc, Rng.root(1), nodes).intents;
    const names = intentsOf(steps).map((i) => (i.kind === 'job-submitted' ? i.job.name : i.kind));
    // Every ordinary intent, in its order, and every trace job, once each.
    const ordinaryNames = ordinary.map((i) => (i.kind === 'job-submitted' ? i.job.name : i.kind));
    expect(names.filter((n) => !/^(alpha|beta)-/.test(n))).toEqual(ordinaryNames);
    expect(names.filter((n) => /^(alpha|beta)-/.test(n)).sort()).toEqual(['alpha-0', 'alpha-1', 'beta-0', 'beta-1']);
    // At 20 s: beta (armed before anything ran) before alpha (re-armed when its 1 s job was served).
    const at20 = steps.filter((s) => s.time === 20_000_000 && s.kind === 'intents').flatMap((s) => (s.kind === 'intents' ? s.intents : []));
    expect(at20.map((i) => (i.kind === 'job-submitted' ? i.job.name : i.kind)).filter((n) => /^(alpha|beta)-/.test(n))).toEqual(['beta-0', 'alpha-1']);
    expect(feed.initialCounts.map((c) => c.name)).toEqual([
      'trace-rows:alpha',
      'trace-invalid-rows:alpha',
      'trace-outside-window:alpha',
      'trace-sampled-out:alpha',
      'trace-rows:beta',
      'trace-invalid-rows:beta',
      'trace-outside-window:beta',
      'trace-sampled-out:beta',
    ]);
  });

  it('draws only from the workload’s own stream labels of the trial root', () => {
    const root = Rng.root(7);
    const labels: string[] = [];
    const spy = new Proxy(root, {
      get: (target, key) => (key === 'split' ? (label: string) => (labels.push(label), target.split(label)) : Reflect.get(target, key)),
    });
    const spied = drain(new WorkloadFeed(scenario.doc, spy, nodes, traces));
    expect(new Set(labels)).toEqual(new Set(['workload', 'faults']));
    // The same root gives the same stream, whatever else (engine, network) split from it first.
    root.split('engine:oracle').float();
    root.split('network').float();
    expect(drain(new WorkloadFeed(scenario.doc, Rng.root(7), nodes, traces))).toEqual(spied);
  });

  it('fails a trace workload whose table was not loaded', () => {
    expect(() => new WorkloadFeed(scenario.doc, Rng.root(1), nodes)).toThrow(/trace workload alpha was not loaded/);
  });
});
