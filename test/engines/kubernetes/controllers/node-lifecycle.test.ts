import { describe, expect, it } from 'vitest';
import { computeZoneState, zoneRate } from '../../../../src/engines/kubernetes/controllers/zone-state.js';
import { kubeTrial } from '../harness.js';

const RATES = { evictionRate: 0.1, secondaryEvictionRate: 0.01, largeClusterSizeThreshold: 50 };

describe('zone disruption', () => {
  const states = [
    { name: 'healthy', ready: 10, notReady: 0, want: 'Normal' },
    { name: 'two not ready never count as partial', ready: 0 + 1, notReady: 2, want: 'Normal' },
    { name: '3 of 5 not ready (60 % ≥ 55 %)', ready: 2, notReady: 3, want: 'PartialDisruption' },
    { name: '3 of 10 not ready', ready: 7, notReady: 3, want: 'Normal' },
    { name: 'none ready', ready: 0, notReady: 4, want: 'FullDisruption' },
  ];
  it.each(states)('ComputeZoneState: $name', ({ ready, notReady, want }) => expect(computeZoneState(ready, notReady, 0.55)).toBe(want));

  const rates = [
    { name: 'normal zone: 0.1 node/s', state: 'Normal' as const, size: 10, all: false, want: 0.1 },
    { name: 'partially disrupted small zone: stop', state: 'PartialDisruption' as const, size: 10, all: false, want: 0 },
    { name: 'partially disrupted large zone: 0.01 node/s', state: 'PartialDisruption' as const, size: 60, all: false, want: 0.01 },
    { name: 'fully disrupted zone (others healthy): 0.1 node/s', state: 'FullDisruption' as const, size: 10, all: false, want: 0.1 },
    { name: 'every zone fully disrupted: stop', state: 'FullDisruption' as const, size: 10, all: true, want: 0 },
  ];
  it.each(rates)('tainting rate: $name', ({ state, size, all, want }) => expect(zoneRate(state, size, all, RATES)).toBe(want));
});

describe('node lifecycle controller', () => {
  it('marks crashed nodes Unknown together but taints them NoExecute 10 s apart within a zone', () => {
    const t = kubeTrial(`apiVersion: schedbench/v1
kind: Scenario
metadata:
  name: k8s-zone-rate
spec:
  duration: 5m
  seeds: [1]
  cluster:
    nodeGroups:
      - name: node
        count: 10
        resources: { cpu: 8, memory: 32Gi }
  workloads:
    - kind: Service
      name: web
      replicas: 10
      resources: { cpu: 1, memory: 1Gi }
  events:
    - kind: crash
      at: 90010ms
      nodes: { names: [node-0, node-1] }
`);
    t.runTo(300);
    const at = (name: string): number[] =>
      t
        .ofKind('counter')
        .filter((c) => c.name === name)
        .map((c) => c.time / 1e6);
    expect(at('node-marked-unknown')).toEqual([145, 145]);
    expect(at('node-noexecute-taint')).toEqual([145, 155]);
  });
});
