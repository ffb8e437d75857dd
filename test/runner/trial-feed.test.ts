import { describe, expect, it } from 'vitest';
import { type Fault, type Intent } from '../../src/intents/index.js';
import { buildTrial, runTrial } from '../../src/runner/trial.js';
import { Rng } from '../../src/sim/rng.js';
import { expandCluster } from '../../src/workload/expand.js';
import { WorkloadFeed } from '../../src/workload/feed.js';
import { trialSpec } from '../engines/contract.js';

const yaml = `apiVersion: schedbench/v1
kind: Scenario
metadata: { name: wiring }
spec:
  duration: 60s
  seeds: [4]
  cluster:
    nodeGroups: [{ name: m, count: 4, resources: { cpu: 4, memory: 16Gi } }]
  workloads:
    - { kind: Service, name: web, replicas: 2, resources: { cpu: 500m, memory: 512Mi } }
    - kind: BatchJob
      name: jobs
      tasks: 2
      resources: { cpu: 1, memory: 1Gi }
      duration: 5s
      arrivals: { meanInterArrival: 4s, count: 8 }
  events:
    - { at: 10s, kind: crash, nodes: { count: 1 }, recoverAfter: 10s }
    - { at: 10s, kind: scale, service: web, replicas: 3 }
`;

describe('the trial wires the workload feed', () => {
  it('hands the engine every intent and fault of the feed, in the feed’s order', () => {
    const spec = trialSpec(yaml, 'oracle');
    const seen: (Intent | Fault)[] = [];
    const r = runTrial(spec, { onIntent: (i) => seen.push(i), onFault: (f) => seen.push(f) });
    expect(r.status).toBe('ok');
    const feed = new WorkloadFeed(spec.doc, Rng.root(spec.seed), expandCluster(spec.doc));
    const expected: (Intent | Fault)[] = [];
    while (feed.peek()) {
      const step = feed.take();
      if (step.kind === 'fault') expected.push(step.fault);
      else if (step.kind === 'intents') expected.push(...step.intents);
    }
    expect(seen).toEqual(expected);
    expect(seen.some((x) => x.kind === 'crash')).toBe(true);
  });

  it('keeps one feed event pending, not the whole workload', () => {
    const spec = trialSpec(yaml, 'oracle');
    const { sim } = buildTrial(spec);
    // The feed’s next step and the first sample (the oracle schedules nothing before its first intent).
    expect(sim.pending).toBe(2);
  });
});
